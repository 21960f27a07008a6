import Foundation

/// A problem in a formula, located by the 1-based column (in Unicode scalars) inside the formula text.
public struct FormulaError: LocalizedError, Equatable, Sendable {
    /// 1-based column inside the formula where the problem starts.
    public let column: Int
    /// What is wrong, in lower case, naming the fix where there is one.
    public let message: String

    public init(column: Int, _ message: String) {
        self.column = column
        self.message = message
    }

    public var errorDescription: String? { "column \(column): \(message)" }
}
