import ArgumentParser
import KPIEngine
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
        subcommands: [Open.self, Run.self, Close.self, Reopen.self, Status.self])
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
            let leftOut = force ? appraisals.employeesWithoutRole(in: period) : []
            let cards = try appraisals.run(period, force: force)
            for employee in leftOut {
                warn(global.language.pick("未考核 \(employee.id) \(employee.name): 岗位 \(employee.role) 已不在目录中",
                                          "left out \(employee.id) \(employee.name): the role \(employee.role) is no longer in the catalog"))
            }
            let grades = appraisals.catalog.grading.grades.map { grade in "\(grade.grade) \(cards.filter { $0.grade == grade.grade }.count)" }
            let ungraded = cards.filter { $0.grade == nil }.count
            emit(global.language.pick(
                "\(period): 已计算 \(cards.count) 份考核表 — " + grades.joined(separator: ", ") + (ungraded > 0 ? ", 无总分 \(ungraded)" : ""),
                "\(period): \(cards.count) scorecards — " + grades.joined(separator: ", ") + (ungraded > 0 ? ", no total \(ungraded)" : "")))
        }
    }

    struct Close: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Freeze a period's results; its records become read-only.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: ArgumentHelp("YYYY-MM, YYYY-Qn or YYYY.", valueName: "period")) var period: Period

        func run() throws {
            let appraisals = try global.appraisals()
            try appraisals.close(period)
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
        static let configuration = CommandConfiguration(abstract: "Show where each period stands.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: ArgumentHelp("One period (default: all).", valueName: "period")) var period: Period?

        func run() throws {
                        let appraisals = try global.appraisals()
            let periods = try appraisals.status(period)
            let language = global.language
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
            show(table, json: .array(periods.map { item in
                .object([("period", .string(item.period.description)), ("status", .string(item.status.rawValue)),
                         ("runs", .integer(item.runs)), ("last_run_at", .string(item.lastRunAt)), ("closed_at", .string(item.closedAt))])
            }), format: global.format)
        }
    }
}
