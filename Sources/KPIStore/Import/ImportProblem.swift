/// One problem in an imported file: line (the header is line 1), 1-based column, message.
public struct ImportProblem: Equatable, Sendable {
    /// 0 when the problem concerns the whole file.
    public let line: Int
    public let column: Int
    public let message: String

    public init(line: Int, column: Int, _ message: String) {
        self.line = line
        self.column = column
        self.message = message
    }
}
