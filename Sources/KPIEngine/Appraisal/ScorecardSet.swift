import KPIStore

/// Stored scorecards the principal may read, for an export: read from one state of the database,
/// one at a time in employee order, without their measure values, so that a company's size does
/// not weigh on memory.
public struct ScorecardSet {
    let store: Store
    public let period: Period
    /// Whose scorecards; nil for everyone's.
    let employees: Set<String>?

    /// Calls `results` with every scorecard's department, total and grade, and the bonus shares of
    /// the set's people, then `each` with each
    /// scorecard and its lines, all read in one snapshot, a batch ahead on a thread of its own.
    public func read(results: ([DepartmentSummary.Result], [BonusShare]) throws -> Void, _ each: (Scorecard) throws -> Void) throws {
        try store.readScorecardsForExport(of: period, employees: employees, summaries: { try results($0.map(DepartmentSummary.Result.init), $1) }, each)
    }

    /// Runs `body` while SQLite's quick check of the scorecards and periods runs beside it, and
    /// refuses a database that fails it, or whose pages `body` finds damaged as it reads them
    /// (the lines, read page by page with each page checked): nothing is exported from damage.
    /// The check costs what it takes beyond `body`, which writes and compresses a whole workbook.
    public func whileChecked<T>(_ body: () throws -> T) throws -> T {
        try store.whileCheckingWhole(tables: ["scorecards", "appraisal_periods"], body)
    }
}
