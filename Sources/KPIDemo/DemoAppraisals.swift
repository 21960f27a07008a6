import KPICatalog
import KPIEngine
import KPIStore

extension DemoCompany {
    /// Runs the appraisal of every demo month as the HR manager, closes all but the last, and
    /// returns the last month's scorecards.
    public static func runAppraisals(catalog: Catalog, path: String, summary: DemoSummary,
                                     progress: ((String) -> Void)? = nil) throws -> [Scorecard] {
        guard let hr = summary.hrManager else { return [] }
        let appraisals = try Appraisals(catalog: catalog, store: Store(path: path), login: hr.login)
        var month = summary.first
        var last: [Scorecard] = []
        while month <= summary.last {
            progress?(month.description)
            try appraisals.open(month)
            // Only the last month's scorecards are kept: a month's are let go before the next is run.
            let cards = try appraisals.run(month)
            if month == summary.last { last = cards } else { try appraisals.close(month) }
            month = Period(length: .month, year: month.index == 12 ? month.year + 1 : month.year, index: month.index % 12 + 1)
        }
        return last
    }
}
