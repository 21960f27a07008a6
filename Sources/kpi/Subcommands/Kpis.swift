import KPIViews
import ArgumentParser
import KPICatalog
import KPIFormula

struct Kpis: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List KPI definitions or show one: formula, scoring rule, and the roles that carry it.",
        subcommands: [List.self, Show.self]
    )
}

extension Kpis {
    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List every KPI with its method, unit, scope and the roles carrying it.")

        @OptionGroup var global: GlobalOptions

        func run() throws {
            let catalog = try global.loadCatalog()
            let language = global.language
            let text = CatalogText(language: language)
            var table = Table(headers: [
                "KPI", language.pick("名称", "name"), language.pick("方法", "method"), language.pick("单位", "unit"),
                language.pick("方向", "direction"), language.pick("范围", "scope"), language.pick("岗位", "roles"),
            ])
            for kpi in catalog.kpis {
                let roles = catalog.roles(carrying: kpi.id).map { text.roleName($0.role) }
                table.append([kpi.id, text.kpiName(kpi), text.method(kpi.scoring.method), text.unit(kpi.unit),
                              text.direction(kpi.direction), text.scope(kpi.scope),
                              roles.isEmpty ? "—" : roles.joined(separator: language.pick("、", ", "))])
            }
            show(table, json: .array(catalog.kpis.map { $0.json(in: catalog) }), format: global.format)
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show one KPI: what it measures, its formula and measures, scoring rule, and the roles carrying it.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The KPI's id or name.") var kpi: String

        func run() throws {
            let catalog = try global.loadCatalog()
            guard let kpi = catalog.kpi(self.kpi) else {
                let hint = closestMatch(to: self.kpi, among: catalog.kpis.map(\.id)).map { "; did you mean `\($0)`?" }
                    ?? "; `kpi kpis list` shows them all"
                throw CommandFailure.usage("unknown KPI `\(self.kpi)`\(hint)")
            }
            switch global.format {
            case .json: emit(kpi.json(in: catalog).text(indent: 2))
            case .csv: emit(rolesTable(kpi, catalog).csv())
            case .table: emit(sheet(kpi, catalog))
            }
        }

        private func rolesTable(_ kpi: KPIDefinition, _ catalog: Catalog) -> Table {
            let language = global.language
            let text = CatalogText(language: language)
            var table = Table([
                .init(header: language.pick("岗位ID", "role id")), .init(header: language.pick("岗位", "role")),
                .init(header: language.pick("权重", "weight"), alignRight: true), .init(header: language.pick("范围", "scope")),
                .init(header: language.pick("计分规则", "scoring")),
            ])
            for (role, assignment) in catalog.roles(carrying: kpi.id) {
                table.append([role.id, text.roleName(role), String(assignment.weight), text.scope(assignment.scope),
                              assignment.overridesScoring ? text.rule(assignment.scoring, unit: kpi.unit) : language.pick("按 KPI 定义", "as defined")])
            }
            return table
        }

        private func sheet(_ kpi: KPIDefinition, _ catalog: Catalog) -> String {
            let language = global.language
            let text = CatalogText(language: language)
            var lines = ["\(kpi.name)  \(kpi.nameEn ?? "")  [\(kpi.id)]".trimmingTrailingSpaces()]
            func field(_ zh: String, _ en: String, _ value: String) {
                lines.append(pad(language.pick(zh, en), to: 12) + value)
            }
            if let description = kpi.description { field("说明", "description", description) }
            if !kpi.indicators.isEmpty { field("KPI 指标", "indicators", kpi.indicators.joined(separator: "、")) }
            field("单位", "unit", text.unit(kpi.unit))
            field("方向", "direction", text.direction(kpi.direction))
            field("范围", "scope", text.scope(kpi.scope))
            if let formula = kpi.formula {
                field("公式", "formula", formula.source)
                for measure in formula.measures {
                    let meaning = catalog.measures.definition(named: measure.name).map { language.pick($0.meaningZh, $0.meaningEn) } ?? ""
                    lines.append(String(repeating: " ", count: 14) + pad(measure.key, to: 36) + meaning)
                }
            }
            field("计分规则", "scoring", text.rule(kpi.scoring, unit: kpi.unit))
            field("无数据时", "no data", text.noData(kpi.whenNoData))
            if let veto = catalog.grading.veto.first(where: { $0.kpi == kpi.id }) {
                field("否决项", "veto", language.pick("得 0 分时等级最高为 \(veto.maxGrade)", "a score of 0 caps the grade at \(veto.maxGrade)"))
            }
            lines.append("")
            lines.append(language.pick("考核岗位", "Carried by"))
            let table = rolesTable(kpi, catalog)
            lines += table.rows.isEmpty ? ["  " + language.pick("(暂无岗位)", "(no role yet)")]
                : table.rendered().split(separator: "\n").map { "  " + $0 }
            return lines.joined(separator: "\n")
        }
    }
}

extension KPIDefinition {
    func json(in catalog: Catalog) -> JSON {
        .object([
            ("id", .string(id)), ("name", .string(name)), ("name_en", .string(nameEn)), ("description", .string(description)),
            ("indicators", .strings(indicators)), ("unit", .string(unit.rawValue)), ("direction", .string(direction.rawValue)),
            ("scope", .string(scope.rawValue)), ("formula", .string(formula?.source)),
            ("measures", .strings(formula?.measures.map(\.key) ?? [])), ("when_no_data", .string(whenNoData.rawValue)),
            ("scoring", scoring.json),
            ("roles", .array(catalog.roles(carrying: id).map {
                .object([("role", .string($0.role.id)), ("weight", .integer($0.assignment.weight)),
                         ("scope", .string($0.assignment.scope.rawValue)), ("scoring", $0.assignment.scoring.json)])
            })),
        ])
    }
}
