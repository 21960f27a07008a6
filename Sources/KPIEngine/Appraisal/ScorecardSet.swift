import KPIStore

/// Stored scorecards the principal may read, for an export: read from one state of the database,
/// one at a time in employee order, without their measure values, so that a company's size does
/// not weigh on memory.
public struct ScorecardSet {
    let store: Store
    public let period: Period
    /// Whose scorecards; nil for everyone's.
    let employees: Set<String>?

    /// Calls `results` with every scorecard's department, total and grade, then `each` with each
    /// scorecard and its lines, all read in one snapshot, a batch ahead on a thread of its own;
    /// refuses a database whose results fail SQLite's quick check.
    public func read(results: ([DepartmentSummary.Result]) throws -> Void, _ each: (Scorecard) throws -> Void) throws {
        // Nothing is exported from damage: SQLite's quick check of the tables read runs beside the read.
        try store.whileCheckingWhole(tables: ["scorecards", "scorecard_kpis", "appraisal_periods"]) {
            try store.readScorecardsForExport(of: period, employees: employees, summaries: { try results($0.map(DepartmentSummary.Result.init)) }, each)
        }
    }
}
