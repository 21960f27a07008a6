import KPIStore

/// Stored scorecards the principal may read, read one at a time in employee order without their
/// measure values (for exports, whose size should not weigh on memory).
public struct ScorecardSet {
    let store: Store
    public let period: Period
    /// Whose scorecards; nil for everyone's.
    let employees: Set<String>?

    /// Each scorecard with its lines, without the measure values behind them, read a batch
    /// ahead of `body` on a thread of its own.
    public func forEach(_ body: (Scorecard) throws -> Void) throws {
        try store.forEachScorecardReadingAhead(of: period, employees: employees, body)
    }

    /// Each scorecard's department, total and grade, its lines not read.
    public func results() throws -> [DepartmentSummary.Result] {
        var results: [DepartmentSummary.Result] = []
        try store.forEachScorecard(of: period, employees: employees, lines: false, measures: false) { results.append(DepartmentSummary.Result($0)) }
        return results
    }
}
