import Foundation
import KPIReaders

/// A refused import: nothing was written. Every problem, up to 100 bad rows, in line order.
public struct ImportError: LocalizedError, Equatable {
    public let file: String
    public let problems: [ImportProblem]
    /// How many rows were bad, including those beyond the 100 reported.
    public let badRows: Int
    /// Whether rows were refused because their period is closed.
    public let closedPeriod: Bool

    /// The sheet, for a workbook: problems are placed as `FILE:SHEET!CELL`.
    public let sheet: String?

    public init(file: String, sheet: String? = nil, problems: [ImportProblem], badRows: Int, closedPeriod: Bool = false) {
        self.file = file
        self.sheet = sheet
        self.problems = problems
        self.badRows = badRows
        self.closedPeriod = closedPeriod
    }

    /// Each problem as `FILE:LINE:COLUMN: message`, or `FILE:SHEET!CELL: message` in a workbook.
    public var lines: [String] {
        problems.map { problem in
            guard problem.line > 0 else { return "\(file)\(sheet.map { ":\($0)" } ?? ""): \(problem.message)" }
            guard let sheet else { return "\(file):\(problem.line):\(problem.column): \(problem.message)" }
            return "\(file):\(sheet)!\(columnLetters(problem.column))\(problem.line): \(problem.message)"
        }
    }

    public var errorDescription: String? { lines.joined(separator: "\n") }
}
