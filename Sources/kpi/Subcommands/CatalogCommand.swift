import KPIViews
import ArgumentParser
import KPICatalog
import KPIEngine
import KPIStore

struct CatalogCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "catalog",
        abstract: "Check the catalog of roles and KPIs, or compare its rules with another's.",
        subcommands: [Check.self, Diff.self]
    )
}

extension CatalogCommand {
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check every file of the catalog and report every problem at its file, line and column.",
            discussion: """
            A catalog is a folder holding:
              roles/departments.yaml          departments: id, name, name_en, parent
              roles/<role-id>.yaml            one 岗位说明书 per role: name, department,
                                              reports_to, level, duties, authorities,
                                              permissions, relations, kpis (weights
                                              sum to 100)
              kpi-definitions/<kpi-id>.yaml   one KPI: unit, direction, scope,
                                              formula, scoring
              kpi-definitions/grading.yaml    grades, forced_distribution, veto
              kpi-definitions/service-levels.yaml
                                              minutes to respond and resolve, per priority

            Problems print as FILE:LINE:COLUMN: message, all of them in one run; the command then exits 1. A clean catalog prints a one-line summary and exits 0. See docs/catalog.md.
            """
        )

        @OptionGroup var global: GlobalOptions

        func run() throws {
            let catalog = try global.loadCatalog()
            let language = global.language
            let summary = language.pick(
                "目录检查通过: \(catalog.departments.count) 个部门, \(catalog.roles.count) 个岗位, \(catalog.kpis.count) 个 KPI",
                "catalog OK: \(catalog.departments.count) departments, \(catalog.roles.count) roles, \(catalog.kpis.count) KPIs")
            if global.format == .json {
                emit(JSON.object([
                    ("ok", .bool(true)), ("departments", .integer(catalog.departments.count)),
                    ("roles", .integer(catalog.roles.count)), ("kpis", .integer(catalog.kpis.count)),
                ]).text(indent: 2))
            } else {
                emit(summary)
            }
        }
    }
}

extension CatalogCommand {
    struct Diff: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Compare the rules a period was scored by, or another catalog, with the current catalog.",
            discussion: """
            Per role and KPI: KPIs and roles added or removed, weights, scopes, formulas, directions, scoring methods and their numbers (thresholds, targets, bands, scales), grades, forced distribution, veto items and service levels. Names and the org chart are not rules and are not compared.

            --period P compares the rules P's latest run kept (what its results and their explanations are read by) with the current catalog (--catalog or KPI_CATALOG); --against DIR compares the catalog in DIR. JSON: [{"role", "kpi", "field", "old", "new"}], role null for a KPI-wide or grading change, kpi null for a role-wide one.

            Example:
              kpi catalog diff --period 2026-10
              kpi catalog diff --against ../catalog-2026-09 --format json
            """)

        @OptionGroup var global: GlobalOptions
        @Option(help: ArgumentHelp("The period whose rules to compare.", valueName: "period")) var period: Period?
        @Option(help: ArgumentHelp("Another catalog folder to compare.", valueName: "dir")) var against: String?

        func validate() throws {
            guard (period == nil) != (against == nil) else { throw ValidationError("give --period P or --against DIR") }
        }

        func run() throws {
            let current = try global.loadCatalog()
            let old: Catalog
            if let against {
                old = try Catalog.load(from: against, measures: MeasureFamily.catalogue)
            } else if let period {
                old = try global.appraisals().rules(for: period)
            } else {
                return
            }
            let changes = current.changes(from: old)
            let text = CatalogText(language: global.language)
            if changes.isEmpty, global.format == .table {
                emit(global.language.pick("规则没有变化", "the rules are the same"))
                return
            }
            show(text.changeTable(changes), json: text.changeJSON(changes), format: global.format)
        }
    }
}
