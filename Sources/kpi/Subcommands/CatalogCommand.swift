import ArgumentParser
import KPICatalog

struct CatalogCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "catalog",
        abstract: "Check the catalog of roles and KPIs.",
        subcommands: [Check.self]
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
