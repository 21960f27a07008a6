import Foundation

/// A position in a catalog file: 1-based line and column (columns count Unicode scalars, as YAML does).
public struct SourceLocation: Hashable, Sendable, Comparable, CustomStringConvertible {
    public let file: String
    /// 0 when the problem concerns the whole file (a missing or unreadable file).
    public let line: Int
    public let column: Int

    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    /// The whole file, for problems that have no line.
    public static func file(_ file: String) -> SourceLocation { SourceLocation(file: file, line: 0, column: 0) }

    public var description: String { line > 0 ? "\(file):\(line):\(column)" : file }

    public static func < (a: SourceLocation, b: SourceLocation) -> Bool {
        (a.file, a.line, a.column) < (b.file, b.line, b.column)
    }
}

/// One problem found in the catalog, printed as `FILE:LINE:COLUMN: message`.
public struct Diagnostic: Hashable, Sendable, CustomStringConvertible {
    public let location: SourceLocation
    public let message: String

    public init(_ location: SourceLocation, _ message: String) {
        self.location = location
        self.message = message
    }

    public var description: String { "\(location): \(message)" }
}

/// Why a catalog could not be loaded: every problem found, in file and line order.
public struct CatalogError: LocalizedError, Equatable, Sendable {
    public let diagnostics: [Diagnostic]

    public init(_ diagnostics: [Diagnostic]) {
        self.diagnostics = diagnostics.sorted { ($0.location, $0.message) < ($1.location, $1.message) }
    }

    public var errorDescription: String? { diagnostics.map(\.description).joined(separator: "\n") }
}

/// Collects diagnostics while the loader keeps going, so that one run reports every problem.
final class DiagnosticLog {
    private(set) var diagnostics: [Diagnostic] = []

    func error(_ location: SourceLocation, _ message: String) {
        diagnostics.append(Diagnostic(location, message))
    }
}
