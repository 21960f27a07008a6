import Foundation
import KPIFormula
import Yams

/// A department as read, with where its parent is named.
struct DepartmentDraft {
    let department: Department
    let parentLocation: SourceLocation
}

/// A role as read, before its references are resolved against the other files.
struct RoleDraft {
    struct Assignment {
        let kpi: Located<String>
        let weight: Located<Int>?
        let scope: Located<Scope>?
        let scoring: ScoringFields?
        let location: SourceLocation
    }

    let id: Located<String>
    let code: String?
    let name: Located<String>
    let nameEn: String?
    let aliases: [Located<String>]
    let department: Located<String>?
    let reportsTo: Located<String>?
    /// False when `reports_to` is missing altogether (reported), so it does not count as a top role.
    let reportsToWritten: Bool
    let reportsToLocation: SourceLocation
    let level: Role.Level?
    let summary: String?
    let responsibilities: [Role.Responsibility]
    let authorities: [String]
    let permissions: [Permission]
    let relations: Role.Relations
    let kpis: [Assignment]
    let kpisLocation: SourceLocation
    let sources: [String]
    let location: SourceLocation
}

/// A KPI as read, with its scoring fields kept for the roles that override them.
struct KPIDraft {
    let id: Located<String>
    let definition: KPIDefinition?
    let scoringFields: ScoringFields?
}

extension CatalogLoader {
    static let departmentFields = ["id", "name", "name_en", "parent"]
    static let roleFields = ["id", "code", "name", "name_en", "aliases", "department", "reports_to", "level", "summary",
                             "responsibilities", "authorities", "permissions", "relations", "kpis", "source"]
    static let kpiFields = ["id", "name", "name_en", "description", "indicators", "unit", "direction", "scope",
                            "formula", "when_no_data", "scoring"]

    func loadDepartments() -> [DepartmentDraft] {
        guard let (node, file) = document("roles/departments.yaml"),
              let top = Fields(node, file: file, log: log, what: "departments.yaml", allowed: ["departments"]),
              let entries = top.list("departments")
        else { return [] }
        if entries.isEmpty { log.error(top.location, "`departments` lists no department") }
        return entries.compactMap { entry in
            guard let fields = Fields(entry, file: file, log: log, what: "a department", allowed: Self.departmentFields),
                  let id = fields.string("id")
            else { return nil }
            checkIdentifier(id, what: "department")
            guard let name = fields.string("name") else { return nil }
            let department = Department(
                id: id.value, name: name.value, nameEn: fields.string("name_en", required: false)?.value,
                parent: fields.string("parent", required: false)?.value, location: fields.location)
            return DepartmentDraft(department: department, parentLocation: fields.location("parent"))
        }
    }

    func loadRole(_ name: String) -> RoleDraft? {
        guard let (node, file) = document("roles/\(name)"),
              let fields = Fields(node, file: file, log: log, what: "a role", allowed: Self.roleFields)
        else { return nil }
        let id = fields.string("id")
        if let id {
            checkIdentifier(id, what: "role")
            checkFileName(id, file: name)
        }
        let roleName = fields.string("name")
        let department = fields.string("department")
        if !fields.isWritten("reports_to") {
            log.error(fields.location, "missing field `reports_to`; write the role id of the 直接上级, or null for the top role")
        }
        let reportsTo = fields.string("reports_to", required: false)
        let level = fields.choice("level", as: Role.Level.self)
        let permissions: [Permission] = fields.strings("permissions").compactMap { text in
            if let permission = Permission(rawValue: text.value) { return permission }
            let names = Permission.allCases.map(\.rawValue)
            let hint = closestMatch(to: text.value, among: names).map { "did you mean `\($0)`?" }
                ?? "the permissions are \(names.joined(separator: ", "))"
            log.error(text.location, "unknown permission `\(text.value)`; \(hint)")
            return nil
        }
        let kpiNodes = fields.list("kpis")
        if kpiNodes?.isEmpty == true {
            log.error(fields.location("kpis"), "a role needs at least one KPI")
        }
        let assignments = kpiNodes?.compactMap { assignment(from: $0, file: file) } ?? []
        guard let id, let roleName else { return nil }
        return RoleDraft(
            id: id, code: fields.string("code", required: false)?.value, name: roleName,
            nameEn: fields.string("name_en", required: false)?.value, aliases: fields.strings("aliases"),
            department: department, reportsTo: reportsTo, reportsToWritten: fields.isWritten("reports_to"),
            reportsToLocation: fields.location("reports_to"),
            level: level?.value, summary: fields.string("summary", required: false)?.value,
            responsibilities: responsibilities(fields), authorities: fields.strings("authorities").map(\.value),
            permissions: permissions, relations: relations(fields), kpis: assignments,
            kpisLocation: fields.location("kpis"), sources: fields.strings("source").map(\.value),
            location: fields.location)
    }

    private func assignment(from node: Node, file: String) -> RoleDraft.Assignment? {
        guard let fields = Fields(node, file: file, log: log, what: "a KPI of the role",
                                  allowed: ["kpi", "weight", "scope", "scoring"]),
              let kpi = fields.string("kpi")
        else { return nil }
        let weight = fields.integer("weight")
        if let weight, weight.value <= 0 {
            log.error(weight.location, "`weight` must be above 0, found \(weight.value)")
        }
        let scoring = fields.node("scoring", required: false).flatMap {
            ScoringFields.read($0, file: file, log: log, isOverride: true)
        }
        return RoleDraft.Assignment(kpi: kpi, weight: weight, scope: fields.choice("scope", required: false),
                                    scoring: scoring, location: fields.location)
    }

    private func responsibilities(_ fields: Fields) -> [Role.Responsibility] {
        (fields.list("responsibilities", required: false) ?? []).compactMap { node in
            guard let item = Fields(node, file: fields.file, log: log, what: "a responsibility", allowed: ["title", "duties"]),
                  let title = item.string("title")
            else { return nil }
            return Role.Responsibility(title: title.value, duties: item.strings("duties").map(\.value))
        }
    }

    private func relations(_ fields: Fields) -> Role.Relations {
        guard let node = fields.node("relations", required: false),
              let item = Fields(node, file: fields.file, log: log, what: "relations", allowed: ["internal", "external"])
        else { return Role.Relations(internal: [], external: []) }
        return Role.Relations(internal: item.strings("internal").map(\.value), external: item.strings("external").map(\.value))
    }

    func loadKPI(_ name: String) -> KPIDraft? {
        guard let (node, file) = document("kpi-definitions/\(name)"),
              let fields = Fields(node, file: file, log: log, what: "a KPI definition", allowed: Self.kpiFields),
              let id = fields.string("id")
        else { return nil }
        checkIdentifier(id, what: "KPI")
        checkFileName(id, file: name)
        let kpiName = fields.string("name")
        let unit = fields.choice("unit", as: KPIDefinition.Unit.self)
        let scope = fields.choice("scope", required: false, as: Scope.self)
        let noData = fields.choice("when_no_data", required: false, as: KPIDefinition.NoDataPolicy.self)
        let scoringFields = fields.node("scoring", required: true).flatMap {
            ScoringFields.read($0, file: file, log: log, isOverride: false)
        }
        let method = scoringFields?.method?.value
        let direction = fields.choice("direction", required: method != .rating, as: KPIDefinition.Direction.self)
        let formula = readFormula(fields, method: method)
        let rule = scoringFields.flatMap { scoring in
            method.flatMap { method in
                ScoringRule.build(from: scoring, method: method, direction: direction?.value ?? .higher,
                                  at: fields.location("scoring"), log: log)
            }
        }
        guard let kpiName, let unit, let rule, formula != .invalid, direction != nil || method == .rating else {
            return KPIDraft(id: id, definition: nil, scoringFields: scoringFields)
        }
        let definition = KPIDefinition(
            id: id.value, name: kpiName.value, nameEn: fields.string("name_en", required: false)?.value,
            description: fields.string("description", required: false)?.value,
            indicators: fields.strings("indicators").map(\.value), unit: unit.value,
            direction: direction?.value ?? .higher, scope: scope?.value ?? .self, formula: formula.parsed,
            whenNoData: noData?.value ?? .exclude, scoring: rule, location: fields.location)
        return KPIDraft(id: id, definition: definition, scoringFields: scoringFields)
    }

    private enum FormulaReading: Equatable {
        /// A rating KPI, rightly without a formula.
        case rating
        case computed(Formula)
        /// Missing, misplaced or wrong; already reported.
        case invalid

        var parsed: Formula? {
            if case .computed(let formula) = self { return formula }
            return nil
        }
    }

    /// Reads and checks the formula, reporting problems at their column in the file.
    private func readFormula(_ fields: Fields, method: ScoringRule.Method?) -> FormulaReading {
        let text = fields.string("formula", required: false)
        switch (method, text) {
        case (.rating, let text?):
            log.error(text.location, "a rating KPI has no formula: its value is the rater's score; remove `formula` or choose another method")
            return .invalid
        case (.rating, nil):
            return .rating
        case (nil, nil):
            return .invalid
        case (_, nil):
            log.error(fields.location, "missing field `formula`: a computed KPI needs one; for a judgement use scoring method rating")
            return .invalid
        case (_, let text?):
            guard let node = fields.node("formula", required: false) else { return .invalid }
            let columnOffset = formulaColumnOffset(node)
            func at(_ column: Int) -> SourceLocation {
                guard let columnOffset else { return text.location }
                return SourceLocation(file: text.location.file, line: text.location.line, column: columnOffset + column)
            }
            do {
                let formula = try Formula(parsing: text.value)
                let problems = formula.problems(against: measures)
                for problem in problems {
                    log.error(at(problem.column), "in formula at column \(problem.column): \(problem.message)")
                }
                return problems.isEmpty ? .computed(formula) : .invalid
            } catch {
                log.error(at(error.column), "formula syntax error at column \(error.column): \(error.message)")
                return .invalid
            }
        }
    }

    /// For a formula written on one line, how far its first character is from column 0 of the
    /// file; nil when its columns cannot be mapped (block scalars, escapes).
    private func formulaColumnOffset(_ node: Node) -> Int? {
        guard let scalar = node.scalar, let mark = scalar.mark else { return nil }
        let leading = scalar.string.prefix { $0 == " " }.unicodeScalars.count
        switch scalar.style {
        case .plain: return mark.column - 1 + leading
        case .singleQuoted, .doubleQuoted:
            return scalar.string.contains("\\") || scalar.string.contains("'") ? nil : mark.column + leading
        default: return nil
        }
    }
}
