import KPIEngine
import KPIStore

/// Where a workbook reads its scorecards, in employee order.
public protocol ScorecardSource {
    /// Each scorecard with its lines.
    func forEach(_ body: (Scorecard) throws -> Void) throws
    /// Each scorecard's department, total and grade, for ranks and department figures before
    /// the rows are written.
    func results() throws -> [DepartmentSummary.Result]
}

extension ScorecardSet: ScorecardSource {}

/// Scorecards already in memory (one employee's, a test's).
extension Array: ScorecardSource where Element == Scorecard {
    public func results() throws -> [DepartmentSummary.Result] { map(DepartmentSummary.Result.init) }
}
