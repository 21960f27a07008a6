import Foundation

/// Why a catalog could not be loaded: every problem found, in file and line order.
public struct CatalogError: LocalizedError, Equatable, Sendable {
    public let diagnostics: [Diagnostic]

    public init(_ diagnostics: [Diagnostic]) {
        self.diagnostics = diagnostics.sorted { ($0.location, $0.message) < ($1.location, $1.message) }
    }

    public var errorDescription: String? { diagnostics.map(\.description).joined(separator: "\n") }
}
