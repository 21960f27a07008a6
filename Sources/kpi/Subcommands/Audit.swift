import ArgumentParser
import KPIEngine
import KPIStore

struct Audit: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "The audit log: every import, rating, run, close and reopen, with who and when.",
        discussion: "Needs appraisal:admin or view:company. --period shows the entries about one period.")
    @OptionGroup var global: GlobalOptions
    @Option(help: ArgumentHelp("YYYY-MM, YYYY-Qn or YYYY.", valueName: "period")) var period: Period?

    func run() throws {
                let appraisals = try global.appraisals()
        let entries = try appraisals.auditLog(period: period)
        let language = global.language
        var table = Table(headers: [language.pick("时间", "at"), language.pick("操作人", "actor"), language.pick("操作", "action"),
                                    language.pick("对象", "target"), language.pick("摘要", "summary")])
        for entry in entries { table.append([entry.at, entry.actor, entry.action, entry.target, entry.summary]) }
        show(table, json: .array(entries.map { entry in
            .object([("at", .string(entry.at)), ("actor", .string(entry.actor)), ("action", .string(entry.action)),
                     ("target", .string(entry.target)), ("summary", .string(entry.summary))])
        }), format: global.format)
    }
}
