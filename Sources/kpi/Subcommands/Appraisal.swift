import KPIViews
import ArgumentParser
import KPIEngine
import KPIExport
import KPIStore

struct AppraisalCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "appraisal",
        abstract: "Open, run, close and reopen an appraisal period.",
        discussion: """
        A period is a month YYYY-MM, a quarter YYYY-Qn or a year YYYY. Its life: open → run (compute every active employee's scorecard; run again after new data or ratings) → close (freeze the results; records dated in it can no longer be written) → reopen (admin only, audited). A quarter or a year is computed over its whole window from the same formulas, not by averaging months. open, run, close and reopen need appraisal:admin.

        Example:
          kpi appraisal open 2026-10
          kpi appraisal run 2026-10
          kpi appraisal close 2026-10
        """,
        subcommands: [Open.self, Run.self, Preview.self, Close.self, Reopen.self, Status.self])
}

extension AppraisalCommand {
    struct Open: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Open a period for appraisal.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: ArgumentHelp("YYYY-MM, YYYY-Qn or YYYY.", valueName: "period")) var period: Period

        func run() throws {
            let appraisals = try global.appraisals()
            try appraisals.open(period)
            emit(global.language.pick("\(period) 已开启; 下一步: kpi appraisal run \(period)", "\(period) is open; next: kpi appraisal run \(period)"))
        }
    }

    struct Run: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Compute every active employee's scorecard for an open period.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: ArgumentHelp("YYYY-MM, YYYY-Qn or YYYY.", valueName: "period")) var period: Period
        @Flag(help: "Leave out the employees whose role the catalog no longer has, instead of stopping.") var force = false

        func run() throws {
            let appraisals = try global.appraisals()
            let leftOut = force ? try appraisals.employeesWithoutRole(in: period) : []
            let changes = try appraisals.ruleChanges(since: period)
            let cards = try appraisals.run(period, force: force)
            if !changes.isEmpty {
                warn(global.language.pick("规则自上次计算以来有 \(changes.count) 处变化（已记入审计日志）:",
                                          "the rules changed since the last run, \(changes.count) change\(changes.count == 1 ? "" : "s") (written to the audit log):"))
                warn(CatalogText(language: global.language).changeTable(changes).rendered())
            }
            for (employee, role) in leftOut {
                warn(global.language.pick("未考核 \(employee.id) \(employee.name): 岗位 \(role) 已不在目录中",
                                          "left out \(employee.id) \(employee.name): the role \(role) is no longer in the catalog"))
            }
            let grades = appraisals.catalog.grading.grades.map { grade in "\(grade.grade) \(cards.filter { $0.grade == grade.grade }.count)" }
            let ungraded = cards.filter { $0.grade == nil }.count
            emit(global.language.pick(
                "\(period): 已计算 \(cards.count) 份考核表 — " + grades.joined(separator: ", ") + (ungraded > 0 ? ", 无总分 \(ungraded)" : ""),
                "\(period): \(cards.count) scorecards — " + grades.joined(separator: ", ") + (ungraded > 0 ? ", no total \(ungraded)" : "")))
        }
    }

    struct Close: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Freeze a period's results; its records become read-only.",
            discussion: """
            A month with ratings still not given is refused (exit 1), the missing named — kpi appraisal status P lists them all. HR closes it anyway with --force --reason TEXT, which the audit log keeps.

            Example:
              kpi appraisal close 2026-10
              kpi appraisal close 2026-10 --force --reason "项目部评分人离职, 经总经理批准"
            """)
        @OptionGroup var global: GlobalOptions
        @Argument(help: ArgumentHelp("YYYY-MM, YYYY-Qn or YYYY.", valueName: "period")) var period: Period
        @Flag(help: "Close although ratings are missing (needs --reason).") var force = false
        @Option(help: "Why it is closed with ratings missing, for the audit log.") var reason: String?

        func run() throws {
            let appraisals = try global.appraisals()
            try appraisals.close(period, force: force, reason: reason)
            emit(global.language.pick("\(period) 已关闭, 结果已冻结", "\(period) is closed; its results are frozen"))
        }
    }

    struct Reopen: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Reopen a closed period (appraisal:admin; recorded in the audit log).")
        @OptionGroup var global: GlobalOptions
        @Argument(help: ArgumentHelp("YYYY-MM, YYYY-Qn or YYYY.", valueName: "period")) var period: Period
        @Option(help: "Why it is reopened, for the audit log.") var reason: String?

        func run() throws {
            let appraisals = try global.appraisals()
            try appraisals.reopen(period, reason: reason)
            emit(global.language.pick("\(period) 已重新开启", "\(period) is open again"))
        }
    }

    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show where each period stands; for a month, the chase list.",
            discussion: """
            With a month, the chase list of the people you may view: per department the scorecards computed, the ratings not given and the self-assessments; then every missing rating — who must rate whom, on which KPI. --format json gives {"period", "status", "runs", "departments": [...], "missing_ratings": [{"rater", "relation", "employee", "kpi"}]}; --format csv the missing ratings alone, to mail round.

            Example:
              kpi appraisal status
              kpi appraisal status 2026-10 --format csv > 待评分.csv
            """)
        @OptionGroup var global: GlobalOptions
        @Argument(help: ArgumentHelp("One period (default: all).", valueName: "period")) var period: Period?

        func run() throws {
            let appraisals = try global.appraisals()
            let language = global.language
            if let period, period.length == .month {
                let chase = try appraisals.chaseList(period)
                return emit(try ScorecardView(command: appraisals, language: language, period: period).text(chase, format: global.format))
            }
            let periods = try appraisals.status(period)
            var table = Table([.init(header: language.pick("期间", "period")), .init(header: language.pick("状态", "status")),
                               .init(header: language.pick("计算次数", "runs"), alignRight: true),
                               .init(header: language.pick("最近计算", "last run")), .init(header: language.pick("关闭于", "closed at"))])
            for item in periods {
                table.append([item.period.description, language.pick(item.status == .open ? "开启" : "已关闭", item.status.rawValue),
                              String(item.runs), item.lastRunAt ?? "—", item.closedAt ?? "—"])
            }
            if periods.isEmpty, global.format == .table {
                emit(language.pick("还没有考核期间; 开启一个: kpi appraisal open YYYY-MM", "no period yet; open one: kpi appraisal open YYYY-MM"))
                return
            }
            show(table, json: .array(periods.map(\.json)), format: global.format)
        }
    }
}

extension AppraisalCommand {
    struct Preview: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show what the catalog (a draft given with --catalog) would do to a period's results, writing nothing.",
            discussion: """
            Computes the period in memory with the catalog --catalog (or KPI_CATALOG) names and compares it with the results stored by its latest run: each employee's old and new total and grade, the biggest movers first, and each department's grades before and after. Nothing is written, and nobody's results change. Needs appraisal:admin under the rules the period was scored by.

            JSON: [{"employee", "name", "department", "old_total", "new_total", "old_grade", "new_grade"}]. --xlsx FILE writes the comparison as a workbook.

            Example:
              kpi appraisal preview 2026-10 --catalog ../catalog-draft
              kpi appraisal preview 2026-10 --catalog ../catalog-draft --xlsx exports/preview-2026-10.xlsx
            """)
        @OptionGroup var global: GlobalOptions
        @Argument(help: ArgumentHelp("YYYY-MM, YYYY-Qn or YYYY.", valueName: "period")) var period: Period
        @Option(help: ArgumentHelp("Also write the comparison as a workbook.", valueName: "file")) var xlsx: String?
        @Option(help: ArgumentHelp("How many movers the table shows (default 20; JSON has all).", valueName: "n")) var top = 20

        func run() throws {
            let appraisals = try global.appraisals()
            let preview = try appraisals.preview(period)
            let language = global.language
            if let xlsx { try appraisals.writePreview(preview, english: language == .en, to: xlsx) }
            func total(_ value: Double?) -> String { value.map { String(format: "%.2f", $0) } ?? "—" }
            let moved = preview.rows.filter { $0.oldTotal != $0.newTotal || $0.oldGrade != $0.newGrade }
            var table = Table([.init(header: language.pick("工号", "employee")), .init(header: language.pick("姓名", "name")),
                               .init(header: language.pick("部门", "department")),
                               .init(header: language.pick("原总分", "old total"), alignRight: true), .init(header: language.pick("新总分", "new total"), alignRight: true),
                               .init(header: language.pick("变化", "change"), alignRight: true),
                               .init(header: language.pick("原等级", "old"), alignRight: true), .init(header: language.pick("新等级", "new"), alignRight: true)])
            for row in moved.prefix(top) {
                let change = row.oldTotal.flatMap { old in row.newTotal.map { String(format: "%+.2f", $0 - old) } } ?? "—"
                table.append([row.employee, row.name, CatalogText(language: language).departmentName(row.department, in: appraisals.catalog),
                              total(row.oldTotal), total(row.newTotal), change, row.oldGrade ?? "—", row.newGrade ?? "—"])
            }
            let json = JSON.array(preview.rows.map { row in
                .object([("employee", .string(row.employee)), ("name", .string(row.name)), ("department", .string(row.department)),
                         ("old_total", .number(row.oldTotal)), ("new_total", .number(row.newTotal)),
                         ("old_grade", .string(row.oldGrade)), ("new_grade", .string(row.newGrade))])
            })
            guard global.format == .table else { return show(table, json: json, format: global.format) }
            emit(language.pick("\(period): \(preview.rows.count) 人中 \(moved.count) 人的总分或等级会变化（未写入任何数据）",
                               "\(period): \(moved.count) of \(preview.rows.count) people would change total or grade (nothing written)"))
            if !moved.isEmpty { emit(table.rendered()) }
            var grades = Table(headers: [language.pick("部门", "department"), language.pick("等级", "grade"),
                                         language.pick("原人数", "before"), language.pick("新人数", "after")])
            for count in preview.grades where count.before != count.after {
                grades.append([CatalogText(language: language).departmentName(count.department, in: appraisals.catalog), count.grade,
                               String(count.before), String(count.after)])
            }
            if !grades.rows.isEmpty {
                emit("")
                emit(grades.rendered())
            }
            if let xlsx { emit(language.pick("已写入: \(xlsx)", "written: \(xlsx)")) }
        }
    }
}
