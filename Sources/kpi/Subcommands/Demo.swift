import ArgumentParser
import Foundation
import KPICatalog
import KPIDemo
import KPIEngine
import KPIExport
import KPIStore

struct Demo: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Build a realistic demo company from the catalog: the first thing to run.",
        discussion: """
        Builds, in its own database (demo.sqlite unless --db says otherwise), a company staffed from the catalog's roles with managers along the reporting lines, and months of records in every table: projects with milestones, inspections and the odd incident; contracts, receivables and late or partial collections; stock movements and counts with mismatches; purchase orders; service tickets answered on time or late; recruiting; counted office work; and the managers' ratings. Strong and weak performers, joiners and leavers. The same --seed builds the same company.

        It refuses to touch a database holding data it did not create. The HR manager gets your login, so every command works for you on the demo company.

        Example:
          kpi demo
          kpi demo --employees 2000 --months 6 --end 2026-10 --seed 7
        """)

    @OptionGroup var global: GlobalOptions

    @Option(help: "How many employees (at least one per role).")
    var employees = 300

    @Option(help: "How many months of records, ending with --end.")
    var months = 12

    @Option(help: ArgumentHelp("The last month with records, YYYY-MM (default: last month).", valueName: "YYYY-MM"))
    var end: Period?

    @Option(help: "The seed: the same seed builds the same company.")
    var seed: UInt64 = 1

    func validate() throws {
        guard months >= 1, months <= 120 else { throw ValidationError("--months must be 1 to 120") }
        guard employees >= 1, employees <= 200_000 else { throw ValidationError("--employees must be 1 to 200000") }
        if let end, end.length != .month { throw ValidationError("--end must be a month, YYYY-MM") }
    }

    /// The month before today's, in local time.
    static func lastMonth() -> Period {
        let now = Date()
        let today = LocalTime(seconds: Int(now.timeIntervalSince1970) + TimeZone.current.secondsFromGMT(for: now)).day
        return Period.month(of: today).previous
    }

    func run() throws {
        let catalog = try global.loadCatalog()
        let path = global.db ?? "demo.sqlite"
        let options = DemoOptions(employees: employees, months: months, end: end ?? Self.lastMonth(),
                                  seed: seed, hrLogin: global.actingLogin)
        let interactive = isatty(STDERR_FILENO) != 0
        let language = global.language
        let summary = try DemoCompany.build(catalog: catalog, at: path, options: options, progress: interactive ? { month in
            warnInPlace(language.pick("生成 \(month) 的记录…", "writing the records of \(month)…"))
        } : nil)
        let cards = try DemoCompany.runAppraisals(catalog: catalog, path: path, summary: summary, progress: interactive ? { month in
            warnInPlace(language.pick("考核 \(month)…", "appraising \(month)…"))
        } : nil)
        if interactive { warnInPlace("") }
        let rows = summary.rows.reduce(0) { $0 + $1.count }
        emit(language.pick(
            "演示公司已建好: \(summary.path) — \(employees) 名员工 (期间入职 \(summary.employees - employees) 人), \(grouped(Double(rows))) 条业务记录, \(summary.first) 至 \(summary.last)",
            "demo company built: \(summary.path) — \(employees) employees (\(summary.employees - employees) more joined on the way), \(grouped(Double(rows))) records, \(summary.first) to \(summary.last)"))
        emit(language.pick("已考核并关闭 \(summary.first) 至 \(summary.last.previous); \(summary.last) 已计算, 保持开启以便补充评分。",
                           "Appraised and closed \(summary.first) to \(summary.last.previous); \(summary.last) is run and left open for the remaining ratings."))
        if let hr = summary.hrManager {
            emit(language.pick("行政人事经理 \(hr.name) (\(hr.id)) 的登录名是 \(hr.login), 即您本人: 所有命令都对您开放。",
                               "The HR manager \(hr.name) (\(hr.id)) has the login \(hr.login) — you, so every command is open to you."))
        }
        if let hr = summary.hrManager {
            let appraisals = try Appraisals(catalog: catalog, store: Store(path: path), login: hr.login)
            let workbook = "exports/\(summary.last)-company.xlsx"
            _ = try appraisals.exportWorkbook(period: summary.last, department: nil, employee: nil, to: workbook, english: language == .en)
            emit(language.pick("全公司考核表已写入 \(workbook)", "The company workbook is in \(workbook)"))
        }
        emit("")
        emit(CompanySummary(catalog: catalog, cards: cards, language: language, period: summary.last).rendered())
        emit("")
        emit(language.pick("接下来:", "Next:"))
        let someone = cards.filter { $0.total != nil }.sorted { ($0.total ?? 0) < ($1.total ?? 0) }.first
        emit("  kpi team --department after-sales --db \(summary.path)")
        if let someone, let line = someone.lines.filter({ $0.score != nil }).min(by: { ($0.score ?? 0) < ($1.score ?? 0) }) {
            emit("  kpi scorecard \(someone.employee) --period \(summary.last) --db \(summary.path)")
            emit("  kpi explain \(someone.employee) \(line.kpi) --period \(summary.last) --db \(summary.path)")
        }
        emit("  kpi appraisal status --db \(summary.path)")
    }
}
