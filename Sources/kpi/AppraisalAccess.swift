import KPIViews
import KPICatalog
import KPIEngine
import KPIStore

extension GlobalOptions {
    /// The appraisal system as the acting user sees it; `creating` a database only for imports.
    func appraisals(creatingDatabase creating: Bool = false) throws -> Appraisals {
        let catalog = try loadCatalog()
        return try Appraisals(catalog: catalog, store: try openStore(creating: creating), login: actingLogin)
    }
}

/// The period given, else the latest with results.
func periodOrLatest(_ given: Period?, _ appraisals: Appraisals, _ language: Language) throws -> Period {
    guard let period = try given ?? appraisals.latestPeriodWithResults() else {
        throw CommandFailure(code: .badData, lines: [language.pick("还没有任何考核结果", "no period has results yet")])
    }
    return period
}
