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
