import Foundation
import KPIFormula

/// A validated catalog: departments, roles, KPI definitions, grading and service levels.
public struct Catalog: Sendable {
    public let departments: [Department]
    /// In department order, then by level, then by id.
    public let roles: [Role]
    public let kpis: [KPIDefinition]
    public let grading: Grading
    public let serviceLevels: ServiceLevels
    public let measures: MeasureCatalogue
    /// The files it was loaded from: what a run keeps as the rules in force.
    public let files: CatalogFiles

    private let roleIndex: [String: Int]
    private let kpiIndex: [String: Int]
    private let departmentIndex: [String: Int]

    init(departments: [Department], roles: [Role], kpis: [KPIDefinition], grading: Grading,
         serviceLevels: ServiceLevels, measures: MeasureCatalogue, files: CatalogFiles) {
        self.files = files
        let departmentOrder = Dictionary(departments.enumerated().map { ($0.element.id, $0.offset) }) { first, _ in first }
        let levels = Role.Level.allCases
        self.roles = roles.sorted {
            (departmentOrder[$0.department] ?? 0, levels.firstIndex(of: $0.level) ?? 0, $0.id)
                < (departmentOrder[$1.department] ?? 0, levels.firstIndex(of: $1.level) ?? 0, $1.id)
        }
        self.departments = departments
        self.kpis = kpis.sorted { $0.id < $1.id }
        self.grading = grading
        self.serviceLevels = serviceLevels
        self.measures = measures
        var roleIndex: [String: Int] = [:]
        for (offset, role) in self.roles.enumerated() {
            for name in role.names where roleIndex[name] == nil { roleIndex[name] = offset }
        }
        self.roleIndex = roleIndex
        var kpiIndex: [String: Int] = [:]
        for (offset, kpi) in self.kpis.enumerated() {
            kpiIndex[kpi.id] = offset
            if kpiIndex[kpi.name] == nil { kpiIndex[kpi.name] = offset }
        }
        self.kpiIndex = kpiIndex
        var departmentIndex: [String: Int] = [:]
        for (offset, department) in departments.enumerated() {
            departmentIndex[department.id] = offset
            if departmentIndex[department.name] == nil { departmentIndex[department.name] = offset }
        }
        self.departmentIndex = departmentIndex
    }

    /// The role with this id, name or alias.
    public func role(_ idOrName: String) -> Role? { roleIndex[idOrName].map { roles[$0] } }

    /// The KPI with this id or name.
    public func kpi(_ idOrName: String) -> KPIDefinition? { kpiIndex[idOrName].map { kpis[$0] } }

    /// The department with this id or name.
    public func department(_ idOrName: String) -> Department? { departmentIndex[idOrName].map { departments[$0] } }

    /// The role with no `reports_to`: the head of the company.
    public var topRole: Role? { roles.first { $0.reportsTo == nil } }

    /// The roles reporting directly to `roleID` (直接下级), in catalog order.
    public func subordinates(of roleID: String) -> [Role] { roles.filter { $0.reportsTo == roleID } }

    /// The departments whose parent is `departmentID`.
    public func subdepartments(of departmentID: String) -> [Department] {
        departments.filter { $0.parent == departmentID }
    }

    /// `departmentID` and every department below it, at any depth.
    public func departmentTree(from departmentID: String) -> [String] {
        [departmentID] + subdepartments(of: departmentID).flatMap { departmentTree(from: $0.id) }
    }

    /// The roles that carry `kpiID`, with the assignment in force on each.
    public func roles(carrying kpiID: String) -> [(role: Role, assignment: Role.Assignment)] {
        roles.compactMap { role in role.kpis.first { $0.kpi == kpiID }.map { (role, $0) } }
    }
}

extension Catalog {
    /// Loads and checks the catalog in `path`; throws every problem found, in file and line order.
    ///
    /// - Parameters:
    ///   - path: the folder holding `roles/` and `kpi-definitions/`.
    ///   - measures: the measures formulas may name: what the store can compute
    ///     (`MeasureFamily.catalogue`).
    public static func load(from path: String, measures: MeasureCatalogue) throws(CatalogError) -> Catalog {
        let root = URL(fileURLWithPath: path, isDirectory: true)
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root.path, isDirectory: &isFolder), isFolder.boolValue else {
            throw CatalogError([Diagnostic(.file(path), "catalog folder not found; run kpi in the folder holding roles/ and kpi-definitions/, or pass --catalog DIR (or set KPI_CATALOG)")])
        }
        var unreadable: [String] = []
        let files = CatalogFiles.read(from: root) { unreadable.append($0) }
        let loader = CatalogLoader(files: files, shownRoot: path, measures: measures)
        for file in unreadable {
            loader.log.error(.file(loader.shown(file)), "cannot read the file; check that it exists and is readable")
        }
        for folder in CatalogFiles.folders where !files.present.contains(folder) {
            var isFolder: ObjCBool = false
            if FileManager.default.fileExists(atPath: root.appendingPathComponent(folder).path, isDirectory: &isFolder), isFolder.boolValue {
                loader.log.error(.file(loader.shown(folder)), "cannot list the folder; check its permissions")
            }
        }
        return try loader.catalog()
    }

    /// Loads and checks a catalog from its files — the rules a run kept — naming them as if
    /// they lay in `shownRoot`.
    public static func load(files: CatalogFiles, shownAs shownRoot: String, measures: MeasureCatalogue) throws(CatalogError) -> Catalog {
        try CatalogLoader(files: files, shownRoot: shownRoot, measures: measures).catalog()
    }
}
