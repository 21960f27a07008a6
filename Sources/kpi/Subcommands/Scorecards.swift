import ArgumentParser
import KPIEngine
import KPIStore

struct Me: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Your own scorecard: each KPI's value, score and weight, your total, grade and coefficient.",
        discussion: "Without --period, the latest period with results. Who you are: your login, or KPI_USER.")
    @OptionGroup var global: GlobalOptions
    @Option(help: ArgumentHelp("YYYY-MM, YYYY-Qn or YYYY.", valueName: "period")) var period: Period?

    func run() throws {
        let appraisals = try global.appraisals()
        let me = try appraisals.requireEmployee()
        let period = try periodOrLatest(period, appraisals, global.language)
        let card = try appraisals.scorecard(of: me.id, period: period)
        ScorecardView(appraisals: appraisals, language: global.language).show(card, format: global.format)
    }
}

struct ScorecardCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scorecard",
        abstract: "One employee's scorecard (yours, or someone you may view).")
    @OptionGroup var global: GlobalOptions
    @Argument(help: ArgumentHelp("The employee id.", valueName: "employee")) var employee: String
    @Option(help: ArgumentHelp("YYYY-MM, YYYY-Qn or YYYY.", valueName: "period")) var period: Period

    func run() throws {
        let appraisals = try global.appraisals()
        let card = try appraisals.scorecard(of: employee, period: period)
        ScorecardView(appraisals: appraisals, language: global.language).show(card, format: global.format)
    }
}

struct Team: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Your team's or a department's scorecards, ranked, with the count of each grade.",
        discussion: "Without --department, everyone you may view. Ranked by total, then employee id.")
    @OptionGroup var global: GlobalOptions
    @Option(help: ArgumentHelp("YYYY-MM, YYYY-Qn or YYYY (default: the latest with results).", valueName: "period")) var period: Period?
    @Option(help: ArgumentHelp("A department id or name; its sub-departments are included.", valueName: "department")) var department: String?

    func run() throws {
        let appraisals = try global.appraisals()
        let period = try periodOrLatest(period, appraisals, global.language)
        let cards = try appraisals.team(period: period, department: department)
            .sorted { ($0.total ?? -1, $1.employee) > ($1.total ?? -1, $0.employee) }
        let view = ScorecardView(appraisals: appraisals, language: global.language)
        let language = global.language
        var table = Table([
            .init(header: language.pick("排名", "rank"), alignRight: true), .init(header: language.pick("工号", "id")),
            .init(header: language.pick("姓名", "name")), .init(header: language.pick("岗位", "role")),
            .init(header: language.pick("部门", "department")), .init(header: language.pick("总分", "total"), alignRight: true),
            .init(header: language.pick("原始等级", "raw")), .init(header: language.pick("等级", "grade")),
            .init(header: language.pick("系数", "coef."), alignRight: true),
        ])
        for (index, card) in cards.enumerated() {
            table.append([card.total == nil ? "—" : String(index + 1), card.employee, view.name(card.employee), view.roleName(card.role),
                          view.text.departmentName(card.department, in: appraisals.catalog), view.total(card.total),
                          card.rawGrade ?? "—", card.grade ?? "—", card.coefficient.map { trimmed($0, digits: 2) } ?? "—"])
        }
        switch global.format {
        case .json: emit(JSON.array(cards.map { view.json($0, withKPIs: false) }).text(indent: 2))
        case .csv: emit(table.csv())
        case .table:
            emit("\(period) (\(view.status(period))) · " + language.pick("\(cards.count) 人", "\(cards.count) people"))
            emit(table.rendered())
            let counts = appraisals.catalog.grading.grades.map { grade in "\(grade.grade) \(cards.filter { $0.grade == grade.grade }.count)" }
            emit(language.pick("等级分布: ", "grades: ") + counts.joined(separator: " · "))
        }
    }
}

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

struct Rate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Rate a rated KPI of someone in your team for a month.",
        discussion: """
        SCORE is on the KPI's scale (1–5 for most rated KPIs, see kpi kpis show). Needs rate:team over the employee; a closed month refuses ratings (exit 4).

        Example:
          kpi rate E00042 leader-satisfaction 4 --period 2026-10 --comment "按时完成季度任务"
        """)
    @OptionGroup var global: GlobalOptions
    @Argument(help: ArgumentHelp("The employee id.", valueName: "employee")) var employee: String
    @Argument(help: ArgumentHelp("The KPI id.", valueName: "kpi")) var kpi: String
    @Argument(help: ArgumentHelp("The score.", valueName: "score")) var score: Double
    @Option(help: ArgumentHelp("YYYY-MM.", valueName: "period")) var period: Period
    @Option(help: "A comment for the employee.") var comment: String?

    func run() throws {
        let appraisals = try global.appraisals()
        try appraisals.rate(employee, kpi: kpi, score: score, period: period, comment: comment)
        emit(global.language.pick("已评分: \(employee) \(kpi) = \(trimmed(score, digits: 2)) (\(period))",
                                  "rated: \(employee) \(kpi) = \(trimmed(score, digits: 2)) (\(period))"))
    }
}

/// The period given, else the latest with results.
private func periodOrLatest(_ given: Period?, _ appraisals: Appraisals, _ language: Language) throws -> Period {
    guard let period = try given ?? appraisals.latestPeriodWithResults() else {
        throw CommandFailure(code: .badData, lines: [language.pick("还没有任何考核结果", "no period has results yet")])
    }
    return period
}
