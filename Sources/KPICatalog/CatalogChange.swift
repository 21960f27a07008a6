import KPIFormula

/// One difference between two catalogs' rules: a KPI or role added or removed, a weight, a
/// formula, a scoring number, a grade. `role` is nil for a KPI-wide or grading change, `kpi` nil
/// for a role-wide one; `old` or `new` is nil for what one side lacks.
public struct CatalogChange: Sendable, Equatable {
    public let role: String?
    public let kpi: String?
    public let field: String
    public let old: String?
    public let new: String?

    public init(role: String?, kpi: String?, field: String, old: String?, new: String?) {
        self.role = role
        self.kpi = kpi
        self.field = field
        self.old = old
        self.new = new
    }
}

extension Catalog {
    /// What changed in the rules from `old` to this catalog: KPIs added or removed, their
    /// formulas, directions, scopes and scoring numbers; roles added or removed, the KPIs they
    /// carry, weights, scopes and scoring overrides; grades, forced distribution, veto items and
    /// service levels. Names, descriptions and the org chart are not rules and are left out.
    public func changes(from old: Catalog) -> [CatalogChange] {
        var changes: [CatalogChange] = []
        func compare(_ role: String?, _ kpi: String?, _ oldFields: [(String, String)], _ newFields: [(String, String)]) {
            let before = Dictionary(oldFields) { first, _ in first }, after = Dictionary(newFields) { first, _ in first }
            var names = oldFields.map(\.0)
            for (name, _) in newFields where !names.contains(name) { names.append(name) }
            for name in names where before[name] != after[name] {
                changes.append(CatalogChange(role: role, kpi: kpi, field: name, old: before[name], new: after[name]))
            }
        }
        let oldKPIs = Dictionary(old.kpis.map { ($0.id, $0) }) { first, _ in first }
        for id in Set(old.kpis.map(\.id)).union(kpis.map(\.id)).sorted() {
            switch (oldKPIs[id], kpi(id)) {
            case (nil, _?): changes.append(CatalogChange(role: nil, kpi: id, field: "kpi", old: nil, new: "added"))
            case (_?, nil): changes.append(CatalogChange(role: nil, kpi: id, field: "kpi", old: "present", new: nil))
            case (let before?, let after?): compare(nil, id, Self.fields(of: before), Self.fields(of: after))
            case (nil, nil): break
            }
        }
        let oldRoles = Dictionary(old.roles.map { ($0.id, $0) }) { first, _ in first }
        for id in Set(old.roles.map(\.id)).union(roles.map(\.id)).sorted() {
            switch (oldRoles[id], roles.first { $0.id == id }) {
            case (nil, _?): changes.append(CatalogChange(role: id, kpi: nil, field: "role", old: nil, new: "added"))
            case (_?, nil): changes.append(CatalogChange(role: id, kpi: nil, field: "role", old: "present", new: nil))
            case (let before?, let after?):
                let beforeKPIs = Dictionary(before.kpis.map { ($0.kpi, $0) }) { first, _ in first }
                let afterKPIs = Dictionary(after.kpis.map { ($0.kpi, $0) }) { first, _ in first }
                for kpi in Set(beforeKPIs.keys).union(afterKPIs.keys).sorted() {
                    compare(id, kpi, beforeKPIs[kpi].map(Self.fields(of:)) ?? [], afterKPIs[kpi].map(Self.fields(of:)) ?? [])
                }
            case (nil, nil): break
            }
        }
        compare(nil, nil, Self.fields(of: old.grading, old.serviceLevels), Self.fields(of: grading, serviceLevels))
        return changes
    }

    /// A KPI definition's rules as named fields.
    private static func fields(of kpi: KPIDefinition) -> [(String, String)] {
        [("formula", kpi.formula?.source ?? "—"), ("direction", kpi.direction.rawValue), ("unit", kpi.unit.rawValue),
         ("scope", kpi.scope.rawValue), ("when_no_data", kpi.whenNoData.rawValue)] + fields(of: kpi.scoring)
    }

    /// A role's assignment of a KPI as named fields: carried at all, weight, scope, and its own
    /// scoring when it overrides the KPI's.
    private static func fields(of assignment: Role.Assignment) -> [(String, String)] {
        [("kpi", "carried"), ("weight", String(assignment.weight)), ("scope", assignment.scope.rawValue)]
            + (assignment.overridesScoring ? fields(of: assignment.scoring) : [])
    }

    /// A scoring rule's method and numbers, as `scoring.threshold` and so on.
    private static func fields(of rule: ScoringRule) -> [(String, String)] {
        let numbers: [(String, String)]
        switch rule {
        case .linear(let linear):
            numbers = [("threshold", linear.threshold.formulaText), ("target", linear.target.formulaText),
                       ("challenge", linear.challenge?.formulaText ?? "—"),
                       ("points", [linear.points.threshold, linear.points.target, linear.points.challenge].map(\.formulaText).joined(separator: "/"))]
        case .deduction(let deduction):
            numbers = [("base", deduction.base.formulaText), ("per_unit", deduction.perUnit.formulaText), ("floor", deduction.floor.formulaText)]
        case .bands(let bands):
            numbers = [("bands", bands.bound.rawValue + " " + bands.bands.map { "\($0.limit.formulaText)→\($0.score.formulaText)" }.joined(separator: ", ")),
                       ("otherwise", bands.otherwise.formulaText)]
        case .rating(let rating):
            numbers = [("scale", rating.scale.formulaText)]
        }
        return [("scoring.method", rule.method.rawValue)] + numbers.map { ("scoring.\($0.0)", $0.1) }
    }

    /// Grading and service levels as named fields.
    private static func fields(of grading: Grading, _ levels: ServiceLevels) -> [(String, String)] {
        grading.grades.flatMap { grade in
            [("grade.\(grade.grade).min_score", grade.minScore.formulaText), ("grade.\(grade.grade).coefficient", grade.coefficient.formulaText),
             ("grade.\(grade.grade).max_share", grade.maxShare?.formulaText ?? "—")]
        } + [("forced_distribution", grading.forcedDistribution.rawValue)]
            + grading.veto.map { ("veto.\($0.kpi)", "max \($0.maxGrade)") }
            + ServiceLevels.Priority.allCases.compactMap { priority in
                levels.level(for: priority).map { ("service_level.\(priority.rawValue)", "\($0.respondMinutes)/\($0.resolveMinutes) min") }
            }
    }
}
