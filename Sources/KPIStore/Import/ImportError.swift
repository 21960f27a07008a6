import Foundation

/// A refused import: nothing was written. Every problem, up to 100 bad rows, in line order.
public struct ImportError: LocalizedError, Equatable {
    public let file: String
    public let problems: [ImportProblem]
    /// How many rows were bad, including those beyond the 100 reported.
    public let badRows: Int
    /// Whether rows were refused because their period is closed.
    public let closedPeriod: Bool

    public init(file: String, problems: [ImportProblem], badRows: Int, closedPeriod: Bool = false) {
        self.file = file
        self.problems = problems
        self.badRows = badRows
        self.closedPeriod = closedPeriod
    }

    /// Each problem as `FILE:LINE:COLUMN: message`.
    public var lines: [String] {
        problems.map { $0.line > 0 ? "\(file):\($0.line):\($0.column): \($0.message)" : "\(file): \($0.message)" }
    }

    public var errorDescription: String? { lines.joined(separator: "\n") }
}
