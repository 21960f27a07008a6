import ArgumentParser
import KPIEngine
import KPIStore

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
