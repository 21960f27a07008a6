import KPIEngine
import KPIStore
import KPIViews

extension ScorecardView {
    /// The view of a period's scorecards for a command: the note on its rules, if any, on stderr.
    init(command appraisals: Appraisals, language: Language, period: Period) throws {
        try self.init(appraisals: appraisals, language: language, period: period)
        if let rulesNote { warn(rulesNote) }
    }
}
