import KPIViews
import ArgumentParser
import KPIEngine
import KPIStore

struct Me: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Your own scorecard: each KPI's value, score and weight, your total, grade and coefficient, and your bonus.",
        discussion: "Without --period, the latest period with results. Who you are: your login, or KPI_USER.")
    @OptionGroup var global: GlobalOptions
    @Option(help: ArgumentHelp("YYYY-MM, YYYY-Qn or YYYY.", valueName: "period")) var period: Period?

    func run() throws {
        if let remote = try Remote.current(global) {
            return emit(try remote.get("/api/v1/me", ["period": period?.description], global))
        }
        let appraisals = try global.appraisals()
        let me = try appraisals.requireEmployee()
        let period = try periodOrLatest(period, appraisals, global.language)
        let card = try appraisals.scorecard(of: me.id, period: period)
        let bonus = try appraisals.bonusShares(of: me.id, period: period)
        emit(try ScorecardView(command: appraisals, language: global.language, period: period).text(card, format: global.format, bonus: bonus))
    }
}
