import KPIViews
import ArgumentParser
import KPIEngine
import KPIStore

struct ScorecardCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scorecard",
        abstract: "One employee's scorecard (yours, or someone you may view).")
    @OptionGroup var global: GlobalOptions
    @Argument(help: ArgumentHelp("The employee: their 工号 (employee id, any case), login, or name.", valueName: "employee")) var employee: String
    @Option(help: ArgumentHelp("YYYY-MM, YYYY-Qn or YYYY.", valueName: "period")) var period: Period

    func run() throws {
        if let remote = try Remote.current(global) {
            return emit(try remote.get("/api/v1/scorecards/\(employee)", ["period": period.description], global))
        }
        let appraisals = try global.appraisals()
        let card = try appraisals.scorecard(of: try appraisals.employeeID(named: employee), period: period)
        emit(try ScorecardView(command: appraisals, language: global.language, period: period).text(card, format: global.format))
    }
}
