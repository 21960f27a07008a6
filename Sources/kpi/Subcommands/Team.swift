import KPIViews
import ArgumentParser
import KPIEngine
import KPIStore

struct Team: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Your team's or a department's scorecards, ranked, with the count of each grade.",
        discussion: "Without --department, everyone you may view. Ranked by total, then employee id.")
    @OptionGroup var global: GlobalOptions
    @Option(help: ArgumentHelp("YYYY-MM, YYYY-Qn or YYYY (default: the latest with results).", valueName: "period")) var period: Period?
    @Option(help: ArgumentHelp("A department id or name; its sub-departments are included.", valueName: "department")) var department: String?
    @Flag(help: "Each member's totals over the last months in one line, as a sparkline.") var trend = false
    @Option(help: ArgumentHelp("How many months --trend shows (default 6).", valueName: "n")) var months = 6

    func run() throws {
        if !trend, let remote = try Remote.current(global) {
            return emit(try remote.get("/api/v1/team", ["period": period?.description, "department": department], global))
        }
        let appraisals = try global.appraisals()
        let period = try periodOrLatest(period, appraisals, global.language)
        if trend { return try showTrend(appraisals, upTo: period) }
        let cards = try appraisals.team(period: period, department: department).ranked
        let view = try ScorecardView(command: appraisals, language: global.language, period: period)
        emit(view.teamText(cards, period: period, format: global.format))
    }

    /// Each member's totals over the last `months` months up to `period`, a line each, best latest
    /// total first. JSON: `[{"employee", "name", "totals": {month: total}}]`.
    private func showTrend(_ appraisals: Appraisals, upTo period: Period) throws {
        let language = global.language
        let shown = Array(try appraisals.monthsWithResults(from: nil, to: period).suffix(max(1, months)))
        let totals = try appraisals.teamTotals(months: shown, department: department)
        let view = try ScorecardView(command: appraisals, language: language, period: shown.last ?? period)
        let latest = shown.last
        func last(_ id: String) -> Double { latest.flatMap { totals[id]?[$0] } ?? -1 }
        let ordered = totals.keys.sorted { a, b in (last(a), b) > (last(b), a) }
        var table = Table([.init(header: language.pick("工号", "id")), .init(header: language.pick("姓名", "name")),
                           .init(header: "\(shown.first?.description ?? "")…\(shown.last?.description ?? "")"),
                           .init(header: language.pick("最近", "latest"), alignRight: true), .init(header: language.pick("变化", "change"), alignRight: true)])
        for id in ordered {
            let series = shown.map { totals[id]?[$0] }
            let previous = series.count > 1 ? series[series.count - 2] : nil
            table.append([id, view.name(id), sparkline(series), view.total(series.last ?? nil), change(from: previous, to: series.last ?? nil)])
        }
        let json = JSON.array(ordered.map { id in
            .object([("employee", .string(id)), ("name", .string(view.name(id))),
                     ("totals", .object(shown.compactMap { month in totals[id]?[month].map { (month.description, .number($0)) } }))])
        })
        show(table, json: json, format: global.format)
    }
}
