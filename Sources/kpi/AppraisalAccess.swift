import KPICatalog
import KPIEngine
import KPIStore

extension GlobalOptions {
    /// The appraisal system as the acting user sees it.
    func appraisals() throws -> Appraisals {
        let catalog = try loadCatalog()
        return try Appraisals(catalog: catalog, store: try openStore(), login: actingLogin)
    }
}
