import ArgumentParser
import KPIEngine
import KPIStore
import KPIViews

struct Confirm: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Confirm your own scorecard of a period.",
        discussion: """
        After a run, each employee confirms their scorecard or objects to it (kpi object). One left unconfirmed after the deadline the rules set (confirm_within_days in grading.yaml, counted from the period's end) counts as confirmed, and says so. A scorecard computed again after a rating is confirmed again.

        Example:
          kpi confirm 2026-10
        """)
    @OptionGroup var global: GlobalOptions
    @Argument(help: ArgumentHelp("YYYY-MM, YYYY-Qn or YYYY.", valueName: "period")) var period: Period

    func run() throws {
        let appraisals = try global.appraisals()
        try appraisals.confirm(period)
        emit(global.language.pick("已确认 \(period) 的考核结果", "confirmed: your scorecard of \(period)"))
    }
}

struct Object: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Object (申诉) to one KPI of your own scorecard.",
        discussion: """
        Whoever may view you — your manager, HR — sees it in kpi objections, and resolves it: rejected with a reason, or accepted with a new rating or corrected records, which computes your scorecard again. The period does not close while it is open. You see the outcome in kpi objections and on your scorecard.

        Example:
          kpi object 2026-10 service-on-time-response --reason "10月12日的工单是客户改约，不应算超时"
        """)
    @OptionGroup var global: GlobalOptions
    @Argument(help: ArgumentHelp("YYYY-MM, YYYY-Qn or YYYY.", valueName: "period")) var period: Period
    @Argument(help: ArgumentHelp("The KPI id.", valueName: "kpi")) var kpi: String
    @Option(help: "What is wrong, and why.") var reason: String

    func run() throws {
        let appraisals = try global.appraisals()
        let id = try appraisals.object(period, kpi: kpi, reason: reason)
        emit(global.language.pick("已提交申诉 #\(id): \(period) \(kpi); 处理结果见 kpi objections", "objection #\(id) raised: \(period) \(kpi); its outcome shows in kpi objections"))
    }
}

struct Objections: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List the objections of the people you may view, or resolve one.",
        subcommands: [List.self, Resolve.self], defaultSubcommand: List.self)

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The objections you may view, with their outcome.",
            discussion: """
            JSON: [{"id", "period", "employee", "kpi", "reason", "raised_at", "status", "resolution", "resolved_by", "resolved_at"}]; status is open, accepted or rejected.

            Example:
              kpi objections --period 2026-10
            """)
        @OptionGroup var global: GlobalOptions
        @Option(help: ArgumentHelp("One period (default: all).", valueName: "period")) var period: Period?

        func run() throws {
            let appraisals = try global.appraisals()
            let objections = try appraisals.objections(period: period)
            guard let shown = period ?? objections.last?.period else {
                return emit(global.format == .json ? "[]" : global.format == .csv ? "" : global.language.pick("没有申诉", "no objection"))
            }
            emit(try ScorecardView(command: appraisals, language: global.language, period: shown).text(objections, format: global.format))
        }
    }

    struct Resolve: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Accept or reject an objection, with a reason the employee reads.",
            discussion: """
            Needs appraisal:admin, or rate:team over the employee. --accept --score N enters N as your rating of the KPI (a rated KPI) and computes the scorecard again at once; --accept alone by HR runs the period again, for records corrected since.

            Example:
              kpi objections resolve 3 --reject --reason "工单记录无误"
              kpi objections resolve 4 --accept --score 4 --reason "复核后调整"
            """)
        @OptionGroup var global: GlobalOptions
        @Argument(help: ArgumentHelp("The objection's number.", valueName: "id")) var id: Int
        @Flag(help: "Accept it.") var accept = false
        @Flag(help: "Reject it.") var reject = false
        @Option(help: "Why, for the employee.") var reason: String
        @Option(help: "With --accept: your new rating of the KPI.") var score: Double?

        func validate() throws {
            guard accept != reject else { throw ValidationError("say --accept or --reject") }
        }

        func run() throws {
            let appraisals = try global.appraisals()
            let resolved = try appraisals.resolve(objection: id, accept: accept, reason: reason, score: score)
            let view = try ScorecardView(command: appraisals, language: global.language, period: resolved.period)
            emit(global.language.pick("申诉 #\(id) \(view.statusName(resolved.status)): \(reason)", "objection #\(id) \(view.statusName(resolved.status)): \(reason)"))
        }
    }
}

struct Calibrate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Calibrate (校准) an employee's grade by hand, with a reason.",
        discussion: """
        Needs appraisal:admin, or calibrate:department over the employee's department. The forced distribution's quota of the grade holds in the employee's group: beyond it the calibration is refused, the quota and who holds it shown, unless --force. The scorecard shows the grade it had and the calibrated one; the calibration outlives later runs and is audited.

        Example:
          kpi calibrate E00042 A --period 2026-10 --reason "承担了季度重点项目"
        """)
    @OptionGroup var global: GlobalOptions
    @Argument(help: ArgumentHelp("The employee: their 工号 (employee id, any case), login, or name.", valueName: "employee")) var employee: String
    @Argument(help: ArgumentHelp("The grade (S, A, B, C, D).", valueName: "grade")) var grade: String
    @Option(help: ArgumentHelp("YYYY-MM, YYYY-Qn or YYYY.", valueName: "period")) var period: Period
    @Option(help: "Why, for the audit log and the employee.") var reason: String
    @Flag(help: "Go beyond the grade's quota.") var force = false

    func run() throws {
        let appraisals = try global.appraisals()
        let employee = try appraisals.employeeID(named: employee)
        let outcome = try appraisals.calibrate(employee, grade: grade, period: period, reason: reason, force: force)
        let language = global.language
        var lines = [language.pick("已校准: \(employee) \(outcome.from ?? "—") → \(outcome.grade) (\(period))", "calibrated: \(employee) \(outcome.from ?? "—") → \(outcome.grade) (\(period))")]
        if outcome.beyondQuota { lines.append(language.pick("超出强制分布名额 (--force), 已记入审计日志", "beyond the forced distribution's quota (--force); the audit log says so")) }
        if outcome.bonusDropped {
            lines.append(language.pick("等级变动, \(period) 的奖金分配已作废; 重新分配: kpi bonus \(period) --pool …",
                                       "the grade moved, so \(period)'s bonus shares were dropped; share again: kpi bonus \(period) --pool …"))
        }
        emit(lines.joined(separator: "\n"))
    }
}
