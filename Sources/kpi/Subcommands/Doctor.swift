import KPIViews
import ArgumentParser
import KPIEngine
import KPIStore

struct Doctor: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check the database: integrity, references, schema, the audit chain, the closed periods' results.",
        discussion: """
        integrity       SQLite's integrity check of every page and index
        foreign-keys    no record refers to one that is gone
        schema          every migration applied, every table of the import kinds there
        audit-chain     no audit entry changed or removed since it was written
        closed-results  the results of each closed period are those it was closed with

        Exit 1 when any check finds a problem, each listed. Needs appraisal:admin or view:company.
        """)
    @OptionGroup var global: GlobalOptions

    func run() throws {
        let checks = try global.appraisals().doctor()
        let language = global.language
        var table = Table(headers: [language.pick("检查", "check"), language.pick("结果", "result")])
        for check in checks {
            table.append([check.name.rawValue, check.problems.isEmpty ? "ok" : check.problems.joined(separator: "; ")])
        }
        show(table, json: .array(checks.map { check in
            .object([("check", .string(check.name.rawValue)), ("ok", .bool(check.problems.isEmpty)), ("problems", .strings(check.problems))])
        }), format: global.format)
        let failed = checks.filter { !$0.problems.isEmpty }.count
        if failed > 0 {
            throw CommandFailure(code: .badData, lines: [language.pick("\(failed) 项检查发现问题", "\(failed) check\(failed == 1 ? "" : "s") found problems")])
        }
    }
}
