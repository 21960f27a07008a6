import KPIViews
import ArgumentParser
import KPICatalog
import KPIEngine
import KPIFormula
import KPIStore

struct Explain: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "How a KPI's score was reached: the formula, each measure, the scoring step, and the records behind it.",
        discussion: """
        Shows, for one employee, KPI and period: the formula and the value of each measure it read, the value, the scoring rule applied step by step, the weight, and the records in the KPI's scope that made the value what it is — the tickets answered late, the stock-count lines that did not match, the receivables still outstanding, the milestones missed — by id.

        Example:
          kpi explain E00100 service-on-time-response --period 2026-10
        """)
    @OptionGroup var global: GlobalOptions
    @Argument(help: ArgumentHelp("The employee: their 工号 (employee id, any case), login, or name.", valueName: "employee")) var employee: String
    @Argument(help: ArgumentHelp("The KPI: its id or its name.", valueName: "kpi")) var kpi: String
    @Option(help: ArgumentHelp("YYYY-MM, YYYY-Qn or YYYY.", valueName: "period")) var period: Period

    func run() throws {
        if let remote = try Remote.current(global) {
            return emit(try remote.get("/api/v1/explain/\(employee)/\(kpi)", ["period": period.description], global))
        }
        let appraisals = try global.appraisals()
        let explanation = try appraisals.explain(try appraisals.employeeID(named: employee), kpi: kpi, period: period)
        let view = try ScorecardView(command: appraisals, language: global.language, period: period)
        emit(view.text(explanation, format: global.format))
    }

}
