import KPIViews
import ArgumentParser
import KPICatalog
import KPIFormula

struct Roles: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List roles, show one 岗位说明书, or print the org chart.",
        subcommands: [List.self, Show.self, Tree.self]
    )
}

extension Catalog {
    /// The role named by id, name or alias, or a usage failure with the nearest name.
    func requireRole(_ name: String) throws -> Role {
        if let role = role(name) { return role }
        let names = roles.flatMap(\.names)
        let hint = closestMatch(to: name, among: names).map { "; did you mean `\($0)`?" } ?? "; `kpi roles list` shows them all"
        throw CommandFailure.usage("unknown role `\(name)`\(hint)")
    }
}

extension Roles {
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List every role with its department, superior, level and KPI count.")

        @OptionGroup var global: GlobalOptions

        func run() throws {
            let catalog = try global.loadCatalog()
            let text = CatalogText(language: global.language)
            let language = global.language
            var table = Table([
                .init(header: language.pick("岗位ID", "id")), .init(header: language.pick("岗位", "role")),
                .init(header: language.pick("英文名", "name (zh)")), .init(header: language.pick("部门", "department")),
                .init(header: language.pick("直接上级", "reports to")), .init(header: language.pick("级别", "level")),
                .init(header: "KPI", alignRight: true),
            ])
            for role in catalog.roles {
                table.append([
                    role.id, text.roleName(role), language == .zh ? role.nameEn ?? "" : role.name,
                    text.departmentName(role.department, in: catalog),
                    role.reportsTo.flatMap(catalog.role).map(text.roleName) ?? "—", text.level(role.level),
                    String(role.kpis.count),
                ])
            }
            show(table, json: .array(catalog.roles.map { $0.json(in: catalog) }), format: global.format)
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show one role's 岗位说明书: duties, authorities, relations, superiors and subordinates, KPIs.",
            discussion: "ROLE is the role's id, its Chinese name, or any of its aliases, e.g. 售后工程师.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The role's id, name or alias.") var role: String

        func run() throws {
            let catalog = try global.loadCatalog()
            let role = try catalog.requireRole(self.role)
            switch global.format {
            case .json: emit(role.json(in: catalog).text(indent: 2))
            case .csv: emit(kpiTable(role, catalog).csv())
            case .table: emit(sheet(role, catalog))
            }
        }

        private func kpiTable(_ role: Role, _ catalog: Catalog) -> Table {
            let language = global.language
            let text = CatalogText(language: language)
            var table = Table([
                .init(header: "KPI"), .init(header: language.pick("名称", "name")),
                .init(header: language.pick("权重", "weight"), alignRight: true), .init(header: language.pick("范围", "scope")),
                .init(header: language.pick("计分规则", "scoring")),
            ])
            for assignment in role.kpis {
                guard let kpi = catalog.kpi(assignment.kpi) else { continue }
                let marker = assignment.overridesScoring ? language.pick(" (本岗位调整)", " (set by this role)") : ""
                table.append([kpi.id, text.kpiName(kpi), String(assignment.weight), text.scope(assignment.scope),
                              text.rule(assignment.scoring, unit: kpi.unit) + marker])
            }
            return table
        }

        private func sheet(_ role: Role, _ catalog: Catalog) -> String {
            let language = global.language
            let text = CatalogText(language: language)
            var lines: [String] = []
            lines.append("\(role.name)  \(role.nameEn ?? "")  [\(role.id)]".trimmingTrailingSpaces())
            func field(_ zh: String, _ en: String, _ value: String) {
                lines.append(pad(language.pick(zh, en), to: 12) + value)
            }
            if let code = role.code { field("岗位编号", "code", code) }
            if !role.aliases.isEmpty { field("又称", "also called", role.aliases.joined(separator: "、")) }
            field("所属部门", "department", text.departmentName(role.department, in: catalog))
            field("直接上级", "reports to", role.reportsTo.flatMap(catalog.role).map { "\(text.roleName($0)) [\($0.id)]" } ?? "—")
            let subordinates = catalog.subordinates(of: role.id)
            field("直接下级", "subordinates", subordinates.isEmpty ? "—" : subordinates.map(text.roleName).joined(separator: "、"))
            field("岗位级别", "level", text.level(role.level))
            if let summary = role.summary { field("职责概述", "summary", summary) }
            if !role.responsibilities.isEmpty {
                lines.append("")
                lines.append(language.pick("具体职责", "Responsibilities"))
                for (index, item) in role.responsibilities.enumerated() {
                    lines.append("  \(index + 1). \(item.title)")
                    for (number, duty) in item.duties.enumerated() { lines.append("     (\(number + 1)) \(duty)") }
                }
            }
            if !role.authorities.isEmpty {
                lines.append("")
                lines.append(language.pick("工作权限", "Authorities"))
                lines += role.authorities.enumerated().map { "  \($0.offset + 1). \($0.element)" }
            }
            if !role.relations.internal.isEmpty || !role.relations.external.isEmpty {
                lines.append("")
                lines.append(language.pick("工作关系", "Working relations"))
                lines.append("  " + pad(language.pick("内部", "internal"), to: 10) + role.relations.internal.joined(separator: "、"))
                lines.append("  " + pad(language.pick("外部", "external"), to: 10) + role.relations.external.joined(separator: "、"))
            }
            lines.append("")
            lines.append(language.pick("系统权限", "Permissions") + "  "
                         + (role.permissions.isEmpty ? language.pick("仅本人考核结果", "own scorecards only")
                            : role.permissions.map(\.rawValue).joined(separator: ", ")))
            lines.append("")
            lines.append(language.pick("考核指标 (KPI)", "KPIs"))
            lines += kpiTable(role, catalog).rendered().split(separator: "\n").map { "  " + $0 }
            let indicators = role.kpis.compactMap { catalog.kpi($0.kpi) }.flatMap(\.indicators)
            if !indicators.isEmpty {
                lines.append("")
                lines.append(language.pick("岗位说明书所列 KPI 指标: ", "Rulebook KPI indicators: ") + indicators.joined(separator: "、"))
            }
            if !role.sources.isEmpty {
                lines.append(language.pick("来源: ", "Sources: ") + role.sources.joined(separator: ", "))
            }
            return lines.joined(separator: "\n")
        }
    }

    struct Tree: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print the org chart: every role under its 直接上级.")

        @OptionGroup var global: GlobalOptions

        func run() throws {
            let catalog = try global.loadCatalog()
            let text = CatalogText(language: global.language)
            guard let top = catalog.topRole else { return }
            if global.format == .json {
                func node(_ role: Role) -> JSON {
                    .object([("id", .string(role.id)), ("name", .string(role.name)), ("name_en", .string(role.nameEn)),
                             ("department", .string(role.department)),
                             ("subordinates", .array(catalog.subordinates(of: role.id).map(node)))])
                }
                emit(node(top).text(indent: 2))
                return
            }
            var lines: [String] = []
            func label(_ role: Role) -> String {
                let other = global.language == .zh ? role.nameEn : role.name
                return "\(text.roleName(role)) \(other ?? "") [\(role.id)] · \(text.departmentName(role.department, in: catalog))"
            }
            func walk(_ role: Role, prefix: String, isLast: Bool, isRoot: Bool) {
                lines.append(isRoot ? label(role) : prefix + (isLast ? "└─ " : "├─ ") + label(role))
                let children = catalog.subordinates(of: role.id)
                let childPrefix = isRoot ? "" : prefix + (isLast ? "   " : "│  ")
                for (index, child) in children.enumerated() {
                    walk(child, prefix: childPrefix, isLast: index == children.count - 1, isRoot: false)
                }
            }
            walk(top, prefix: "", isLast: true, isRoot: true)
            emit(lines.joined(separator: "\n"))
        }
    }
}

extension Role {
    /// The role as JSON, every field of its file plus the derived subordinates.
    func json(in catalog: Catalog) -> JSON {
        .object([
            ("id", .string(id)), ("code", .string(code)), ("name", .string(name)), ("name_en", .string(nameEn)),
            ("aliases", .strings(aliases)), ("department", .string(department)), ("reports_to", .string(reportsTo)),
            ("subordinates", .strings(catalog.subordinates(of: id).map(\.id))), ("level", .string(level.rawValue)),
            ("summary", .string(summary)),
            ("responsibilities", .array(responsibilities.map {
                .object([("title", .string($0.title)), ("duties", .strings($0.duties))])
            })),
            ("authorities", .strings(authorities)), ("permissions", .strings(permissions.map(\.rawValue))),
            ("relations", .object([("internal", .strings(relations.internal)), ("external", .strings(relations.external))])),
            ("kpis", .array(kpis.map {
                .object([("kpi", .string($0.kpi)), ("weight", .integer($0.weight)), ("scope", .string($0.scope.rawValue)),
                         ("scoring", $0.scoring.json)])
            })),
            ("source", .strings(sources)),
        ])
    }
}
