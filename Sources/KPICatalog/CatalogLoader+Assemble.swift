import KPIFormula

extension CatalogLoader {
    /// The checked catalog, or every problem found, in file and line order.
    func catalog() throws(CatalogError) -> Catalog {
        guard let catalog = assemble(), log.diagnostics.isEmpty else { throw CatalogError(log.diagnostics) }
        return catalog
    }

    /// Reads every file, checks the references between them, and builds the catalog;
    /// nil when anything is wrong (the log says what).
    func assemble() -> Catalog? {
        let departmentDrafts = loadDepartments()
        let roleFiles = yamlFiles(in: "roles", excluding: ["departments.yaml"])
        let kpiFiles = yamlFiles(in: "kpi-definitions", excluding: ["grading.yaml", "service-levels.yaml"])
        if let roleFiles, roleFiles.isEmpty {
            log.error(.file(shown("roles")), "the folder holds no role files (roles/<role-id>.yaml)")
        }
        if let kpiFiles, kpiFiles.isEmpty {
            log.error(.file(shown("kpi-definitions")), "the folder holds no KPI files (kpi-definitions/<kpi-id>.yaml)")
        }
        let roleDrafts = (roleFiles ?? []).compactMap(loadRole)
        let kpiDrafts = (kpiFiles ?? []).compactMap(loadKPI)
        let grading = loadGrading()
        let serviceLevels = loadServiceLevels()

        let departments = checkDepartments(departmentDrafts)
        checkDuplicates(kpiDrafts.map(\.id), what: "KPI")
        let kpisByID = Dictionary(kpiDrafts.map { ($0.id.value, $0) }) { first, _ in first }
        let roles = checkRoles(roleDrafts, departments: Set(departments.map(\.id)), kpis: kpisByID)
        for veto in grading.veto where kpisByID[veto.value.kpi] == nil {
            reportUnknown("KPI", veto.value.kpi, at: veto.location, among: kpisByID.keys)
        }
        guard let rules = grading.grading, let serviceLevels, log.diagnostics.isEmpty else { return nil }
        return Catalog(departments: departments, roles: roles, kpis: kpiDrafts.compactMap(\.definition),
                       grading: rules, serviceLevels: serviceLevels, measures: measures, files: files)
    }

    func reportUnknown(_ what: String, _ name: String, at location: SourceLocation, among known: some Sequence<String>) {
        let hint = closestMatch(to: name, among: known).map { "; did you mean `\($0)`?" } ?? ""
        log.error(location, "unknown \(what) `\(name)`\(hint)")
    }

    private func checkDuplicates(_ ids: [Located<String>], what: String) {
        var first: [String: SourceLocation] = [:]
        for id in ids {
            if let earlier = first[id.value] {
                log.error(id.location, "duplicate \(what) id `\(id.value)`; it is already defined at \(earlier)")
            } else {
                first[id.value] = id.location
            }
        }
    }

    private func checkDepartments(_ drafts: [DepartmentDraft]) -> [Department] {
        checkDuplicates(drafts.map { Located($0.department.id, at: $0.department.location) }, what: "department")
        let parents = Dictionary(drafts.map { ($0.department.id, $0.department.parent) }) { first, _ in first }
        for draft in drafts {
            if let parent = draft.department.parent, parents[parent] == nil {
                reportUnknown("department", parent, at: draft.parentLocation, among: parents.keys)
            }
        }
        for cycle in cycles(in: parents.mapValues { $0 }) {
            if let draft = drafts.first(where: { $0.department.id == cycle[0] }) {
                log.error(draft.parentLocation, "department parents form a cycle: \(cycle.joined(separator: " → ")) → \(cycle[0])")
            }
        }
        return drafts.map(\.department)
    }

    private func checkRoles(_ drafts: [RoleDraft], departments: Set<String>, kpis: [String: KPIDraft]) -> [Role] {
        checkDuplicates(drafts.map(\.id), what: "role")
        let ids = Set(drafts.map(\.id.value))
        var owner: [String: String] = [:]
        for draft in drafts {
            for name in [draft.name] + draft.aliases {
                if let other = owner[name.value], other != draft.id.value {
                    log.error(name.location, "the name `\(name.value)` is also used by role `\(other)`; a name or alias must point to one role")
                } else {
                    owner[name.value] = draft.id.value
                }
            }
            if let department = draft.department, !departments.isEmpty, !departments.contains(department.value) {
                reportUnknown("department", department.value, at: department.location, among: departments)
            }
            if let boss = draft.reportsTo, !ids.contains(boss.value) {
                reportUnknown("role", boss.value, at: boss.location, among: ids)
            }
        }
        let bosses = Dictionary(drafts.map { ($0.id.value, $0.reportsTo?.value) }) { first, _ in first }
        for cycle in cycles(in: bosses) {
            if let draft = drafts.first(where: { $0.id.value == cycle[0] }) {
                log.error(draft.reportsToLocation, "reports_to forms a cycle: \(cycle.joined(separator: " → ")) → \(cycle[0])")
            }
        }
        let tops = drafts.filter { $0.reportsTo == nil && $0.reportsToWritten }
        if tops.count > 1 {
            for draft in tops.dropFirst() {
                log.error(draft.reportsToLocation, "more than one top role: `\(draft.id.value)` and `\(tops[0].id.value)` have no reports_to; only the head of the company may")
            }
        } else if tops.isEmpty, !drafts.isEmpty {
            log.error(.file(shown("roles")), "no top role: exactly one role (the head of the company) must have reports_to: null")
        }
        return drafts.compactMap { resolve($0, kpis: kpis) }
    }

    /// The role with its KPI assignments resolved: known KPIs, weights summing to 100,
    /// overrides applied and checked.
    private func resolve(_ draft: RoleDraft, kpis: [String: KPIDraft]) -> Role? {
        var assignments: [Role.Assignment] = []
        var seen: Set<String> = []
        var weightsKnown = true
        for entry in draft.kpis {
            if !seen.insert(entry.kpi.value).inserted {
                log.error(entry.kpi.location, "KPI `\(entry.kpi.value)` is listed twice in this role")
            }
            if entry.weight == nil { weightsKnown = false }
            guard let kpi = kpis[entry.kpi.value] else {
                reportUnknown("KPI", entry.kpi.value, at: entry.kpi.location, among: kpis.keys)
                continue
            }
            guard let definition = kpi.definition, let weight = entry.weight else { continue }
            var rule = definition.scoring
            if let override = entry.scoring, let fields = kpi.scoringFields {
                guard let merged = ScoringRule.build(
                    from: fields.overlaid(by: override), method: definition.scoring.method,
                    direction: definition.direction, at: entry.location, overrideFile: entry.location.file, log: log)
                else { continue }
                rule = merged
            }
            assignments.append(Role.Assignment(
                kpi: definition.id, weight: weight.value, scope: entry.scope?.value ?? definition.scope, scoring: rule,
                overridesScoring: entry.scoring != nil, location: entry.location))
        }
        let total = draft.kpis.compactMap(\.weight?.value).reduce(0, +)
        if weightsKnown, !draft.kpis.isEmpty, total != 100 {
            log.error(draft.kpisLocation, "KPI weights sum to \(total), not 100")
        }
        guard let department = draft.department, let level = draft.level else { return nil }
        return Role(
            id: draft.id.value, code: draft.code, name: draft.name.value, nameEn: draft.nameEn,
            aliases: draft.aliases.map(\.value), department: department.value, reportsTo: draft.reportsTo?.value,
            level: level, summary: draft.summary, responsibilities: draft.responsibilities,
            authorities: draft.authorities, permissions: draft.permissions, relations: draft.relations,
            kpis: assignments, sources: draft.sources, location: draft.location)
    }

    /// Each cycle in a parent map once, as the ids along it starting from the smallest.
    private func cycles(in parent: [String: String?]) -> [[String]] {
        var found: Set<[String]> = []
        for start in parent.keys {
            var path: [String] = []
            var current: String? = start
            while let node = current, !path.contains(node) {
                path.append(node)
                current = parent[node] ?? nil
            }
            guard let repeated = current, let index = path.firstIndex(of: repeated) else { continue }
            let cycle = Array(path[index...])
            let smallest = cycle.indices.min { cycle[$0] < cycle[$1] } ?? 0
            found.insert(Array(cycle[smallest...] + cycle[..<smallest]))
        }
        return found.sorted { $0.joined() < $1.joined() }
    }
}
