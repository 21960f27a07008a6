import KPIViews
import ArgumentParser
import KPIEngine
import KPIStore

struct History: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "One person's months side by side: total, grade, coefficient and each KPI's score, with sparklines.",
        discussion: """
        Without EMPLOYEE, your own. Each month with results from --from to --to (default: all), oldest first, with the change in total from the month before; then each KPI's scores over those months as a sparkline (▁ lowest, █ highest). A month reads by the rules it was scored by. You may see the history of whoever you may see the scorecards of.

        JSON: [{"period", "total", "grade", "coefficient", "kpis": {KPI: score}}], oldest first. CSV: one row per month, a column per KPI.

        Example:
          kpi history
          kpi history E00100 --from 2026-01 --to 2026-10 --format json
        """)
    @OptionGroup var global: GlobalOptions
    @Argument(help: ArgumentHelp("The employee: their 工号 (any case), login or name (default: you).", valueName: "employee")) var employee: String?
    @Option(help: ArgumentHelp("The first month (YYYY-MM).", valueName: "period")) var from: Period?
    @Option(help: ArgumentHelp("The last month (YYYY-MM).", valueName: "period")) var to: Period?

    func run() throws {
        let appraisals = try global.appraisals()
        let id = try employee.map(appraisals.employeeID(named:)) ?? appraisals.requireEmployee().id
        let cards = try appraisals.history(of: id, from: from, to: to)
        let language = global.language
        guard let last = cards.last else {
            throw CommandFailure(code: .badData, lines: [language.pick("\(id) 在这段时间没有考核结果", "\(id) has no results in those months")])
        }
        let view = try ScorecardView(command: appraisals, language: language, period: last.period)
        var kpis: [String] = []
        for card in cards { for line in card.lines where !kpis.contains(line.kpi) { kpis.append(line.kpi) } }
        func score(_ card: Scorecard, _ kpi: String) -> Double? { card.lines.first { $0.kpi == kpi }?.score }
        switch global.format {
        case .json:
            emit(JSON.array(cards.map { card in
                .object([("period", .string(card.period.description)), ("total", .number(card.total)), ("grade", .string(card.grade)),
                         ("coefficient", .number(card.coefficient)),
                         ("kpis", .object(card.lines.map { ($0.kpi, .number($0.score)) }))])
            }).text(indent: 2))
        case .csv:
            var table = Table(headers: ["period", "total", "grade", "coefficient"] + kpis)
            for card in cards {
                table.append([card.period.description, card.total.map { String($0) } ?? "", card.grade ?? "", card.coefficient.map { String($0) } ?? ""]
                             + kpis.map { kpi in score(card, kpi).map { String($0) } ?? "" })
            }
            emit(table.csv())
        case .table:
            emit("\(id) \(view.name(id)) · " + language.pick("\(cards.count) 个月", "\(cards.count) months"))
            var months = Table([.init(header: language.pick("月份", "month")), .init(header: language.pick("总分", "total"), alignRight: true),
                                .init(header: language.pick("变化", "change"), alignRight: true), .init(header: language.pick("等级", "grade")),
                                .init(header: language.pick("系数", "coef."), alignRight: true)])
            for (index, card) in cards.enumerated() {
                months.append([card.period.description, view.total(card.total), index == 0 ? "—" : change(from: cards[index - 1].total, to: card.total),
                               card.grade ?? "—", card.coefficient.map { trimmed($0, digits: 2) } ?? "—"])
            }
            emit(months.rendered())
            emit("")
            var trends = Table([.init(header: "KPI"), .init(header: language.pick("名称", "name")),
                                .init(header: language.pick("走势", "trend")), .init(header: language.pick("最近", "latest"), alignRight: true)])
            trends.append(["", language.pick("总分", "total"), sparkline(cards.map(\.total)), view.total(last.total)])
            for kpi in kpis {
                trends.append([kpi, view.rules.kpi(kpi).map(view.text.kpiName) ?? kpi, sparkline(cards.map { score($0, kpi) }),
                               view.score(score(last, kpi))])
            }
            emit(trends.rendered())
        }
    }
}
