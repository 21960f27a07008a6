import KPIViews
import ArgumentParser
import KPIEngine
import KPIStore

struct Audit: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "The audit log: every import, rating, run, close and reopen, with who and when.",
        discussion: """
        Needs appraisal:admin or view:company. --period shows the entries about one period. Each entry carries a hash over its content and the entry before it: --verify checks the chain and names the first entry changed, or following one removed (exit 1).
        """)
    @OptionGroup var global: GlobalOptions
    @Option(help: ArgumentHelp("YYYY-MM, YYYY-Qn or YYYY.", valueName: "period")) var period: Period?
    @Flag(help: "Check that no entry was changed or removed since it was written.") var verify = false

    func run() throws {
        let appraisals = try global.appraisals()
        let language = global.language
        if verify {
            if let broken = try appraisals.brokenAuditLink() {
                throw CommandFailure(code: .badData, lines: [language.pick(
                    "审计日志在第 \(broken.id) 条 (\(broken.at)) 处被改动, 或其前一条被删除",
                    "the audit log was changed at entry \(broken.id) (\(broken.at)), or an entry before it was removed")])
            }
            emit(language.pick("审计日志完整: 每一条都与其前一条相扣", "the audit log is intact: every entry follows from the one before"))
            return
        }
        let entries = try appraisals.auditLog(period: period)
        var table = Table(headers: [language.pick("时间", "at"), language.pick("操作人", "actor"), language.pick("操作", "action"),
                                    language.pick("对象", "target"), language.pick("摘要", "summary")])
        for entry in entries { table.append([entry.at, entry.actor, entry.action, entry.target, entry.summary]) }
        show(table, json: .array(entries.map(\.json)), format: global.format)
    }
}
