import KPICatalog
import KPIStore

/// What a template's dropdowns offer: the values the catalog and the database know.
public struct TemplateChoices: Sendable {
    /// Roles and departments by id and Chinese name.
    public let roles: [(id: String, name: String)]
    public let departments: [(id: String, name: String)]
    /// The employees active today, by id and name.
    public let employees: [(id: String, name: String)]
    /// The keys of the records other kinds refer to.
    public let projects: [String]
    public let receivables: [String]
    public let items: [String]
    /// Each priority's name in the catalog's service levels (`P1` → `高`).
    public let priorityNames: [String: String]
    /// The KPIs people rate, by id and name.
    public let ratedKPIs: [(id: String, name: String)]
}

extension Appraisals {
    /// The choices the templates of `kinds` offer. Whoever may import a kind may have its
    /// template; a template lists the company's active people, so nobody else may.
    public func templateChoices(for kinds: [ImportKind]) throws -> TemplateChoices {
        for kind in kinds { try requireImportRight(kind) }
        let today = Day.today
        var priorities: [String: String] = [:]
        for (priority, level) in catalog.serviceLevels.levels {
            if let name = level.name { priorities[priority.rawValue] = name }
        }
        return TemplateChoices(
            roles: catalog.roles.map { ($0.id, $0.name) },
            departments: catalog.departments.map { ($0.id, $0.name) },
            employees: try organisation.employees.filter { $0.isActive(on: today) }.map { ($0.id, $0.name) },
            projects: try store.keys(of: .project), receivables: try store.keys(of: .receivable), items: try store.keys(of: .sku),
            priorityNames: priorities,
            ratedKPIs: catalog.kpis.filter { $0.scoring.method == .rating }.map { ($0.id, $0.name) })
    }
}
