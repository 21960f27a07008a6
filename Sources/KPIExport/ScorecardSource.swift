import KPIEngine
import KPIStore

/// Where a workbook reads its scorecards: everyone's department, total and grade first, for ranks
/// and department figures before the rows are written, with the bonus shares of the same people,
/// then each scorecard with its lines, in employee order — all from one state of the data.
public protocol ScorecardSource {
    func read(results: ([DepartmentSummary.Result], [BonusShare]) throws -> Void, _ each: (Scorecard) throws -> Void) throws
    /// Runs `body` — the whole workbook's writing — and refuses the data it read if it fails its
    /// integrity check, so that the workbook is not put in place.
    func whileChecked<T>(_ body: () throws -> T) throws -> T
}

extension ScorecardSet: ScorecardSource {}

/// Scorecards already in memory (one employee's, a test's).
extension Array: ScorecardSource where Element == Scorecard {
    public func read(results: ([DepartmentSummary.Result], [BonusShare]) throws -> Void, _ each: (Scorecard) throws -> Void) throws {
        try results(map(DepartmentSummary.Result.init), [])
        try forEach(each)
    }

    /// Cards in memory need no check.
    public func whileChecked<T>(_ body: () throws -> T) throws -> T { try body() }
}
