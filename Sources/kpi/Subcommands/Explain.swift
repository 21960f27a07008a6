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
    @Argument(help: ArgumentHelp("The employee id.", valueName: "employee")) var employee: String
    @Argument(help: ArgumentHelp("The KPI id or name.", valueName: "kpi")) var kpi: String
    @Option(help: ArgumentHelp("YYYY-MM, YYYY-Qn or YYYY.", valueName: "period")) var period: String

    func run() throws {
        let period = try parsePeriod(period)
        let appraisals = try global.appraisals()
        let explanation = try engine { try appraisals.explain(employee, kpi: kpi, period: period) }
        let view = ScorecardView(appraisals: appraisals, language: global.language)
        switch global.format {
        case .json: emit(json(explanation, view).text(indent: 2))
        case .csv:
            for list in explanation.records {
                var table = Table(headers: list.columns)
                list.rows.forEach { table.append($0) }
                emit("# \(list.title) (\(list.total))")
                emit(table.csv())
            }
        case .table: emit(text(explanation, view))
        }
    }

    private func text(_ explanation: Explanation, _ view: ScorecardView) -> String {
        let language = global.language
        let catalogText = view.text
        let line = explanation.line
        let kpi = explanation.kpi
        var lines = ["\(explanation.scorecard.employee) \(view.name(explanation.scorecard.employee)) · \(kpi.name) \(kpi.nameEn ?? "") [\(kpi.id)] · \(explanation.scorecard.period) (\(view.status(explanation.scorecard.period)))"]
        lines.append("")
        func field(_ zh: String, _ en: String, _ value: String) { lines.append(pad(language.pick(zh, en), to: 10) + value) }
        let scope = MeasureScope(rawValue: line.scope).map(catalogText.scope) ?? line.scope
        if let formula = kpi.formula {
            let people = language.pick("\(explanation.ownerCount) 人", explanation.ownerCount == 1 ? "1 person" : "\(explanation.ownerCount) people")
            field("公式", "formula", formula.source + "   (" + language.pick("范围", "scope") + ": \(scope), \(people))")
            for measure in line.measures {
                let name = String(measure.key.prefix { $0 != "(" })
                let definition = appraisals(view).catalog.measures.definition(named: name)
                let shown = definition?.quantity == .amount ? grouped(measure.value) : trimmed(measure.value, digits: 4)
                lines.append("          " + pad(measure.key, to: 34) + pad(shown, to: 14, right: true) + "  " + (definition.map { language.pick($0.meaningZh, $0.meaningEn) } ?? ""))
            }
        } else {
            field("评分", "rating", (line.rater.map { language.pick("由 \(view.name($0)) (\($0)) 评分", "rated by \(view.name($0)) (\($0))") } ?? language.pick("尚未评分", "not rated yet"))
                  + (line.comment.map { " — \($0)" } ?? ""))
        }
        field("实际值", "value", view.value(line.value, kpi: kpi))
        field("计分", "scoring", step(explanation))
        field("权重", "weight", "\(line.weight) → " + language.pick("加权得分 ", "weighted ") + (line.weighted.map { trimmed($0, digits: 2) } ?? language.pick("不计入总分", "left out of the total")))
        for list in explanation.records {
            lines.append("")
            lines.append("\(list.title): \(list.total)" + (list.total > list.rows.count ? language.pick(" (列出前 \(list.rows.count) 条)", " (first \(list.rows.count) shown)") : ""))
            guard !list.rows.isEmpty else { continue }
            var table = Table(headers: list.columns)
            list.rows.forEach { table.append($0) }
            lines += table.rendered().split(separator: "\n").map { "  " + $0 }
        }
        return lines.joined(separator: "\n")
    }

    private func appraisals(_ view: ScorecardView) -> Appraisals { view.appraisals }

    /// The scoring rule applied to this value, written out.
    private func step(_ explanation: Explanation) -> String {
        let language = global.language
        let text = CatalogText(language: language)
        let kpi = explanation.kpi
        let line = explanation.line
        let score = line.score.map { trimmed($0, digits: 1) } ?? "—"
        guard let value = line.value else {
            switch line.status {
            case .noDataZero: return language.pick("无数据, 按规定记 0 分", "no data: scores 0 as the KPI says")
            case .noDataTarget: return language.pick("无数据, 按目标记 \(score) 分", "no data: scores the target's \(score)")
            default: return language.pick("无数据 (如除数为 0), 不计入总分", "no data (a division by zero, say): left out of the total")
            }
        }
        let v = text.number(value, unit: kpi.unit)
        func n(_ number: Double) -> String { text.number(number, unit: kpi.unit) }
        func p(_ points: Double) -> String { trimmed(points, digits: 1) }
        switch explanation.rule {
        case .linear(let rule):
            let rising = kpi.direction == .higher
            let beyond = rising ? value < rule.threshold : value > rule.threshold
            if beyond {
                return language.pick("\(v) 未达门槛 \(n(rule.threshold)): 0 分", "\(v) does not reach the threshold \(n(rule.threshold)): 0")
            }
            let beforeTarget = rising ? value < rule.target : value > rule.target
            if beforeTarget {
                return language.pick("\(v) 介于门槛 \(n(rule.threshold)) (\(p(rule.points.threshold))分) 与目标 \(n(rule.target)) (\(p(rule.points.target))分) 之间: ",
                                     "\(v) lies between threshold \(n(rule.threshold)) (\(p(rule.points.threshold))) and target \(n(rule.target)) (\(p(rule.points.target))): ")
                    + "\(p(rule.points.threshold)) + \(p(rule.points.target - rule.points.threshold)) × (\(v) − \(n(rule.threshold))) ÷ (\(n(rule.target)) − \(n(rule.threshold))) = \(score)"
            }
            guard let challenge = rule.challenge else {
                return language.pick("\(v) 达到目标 \(n(rule.target)): \(score) 分", "\(v) reaches the target \(n(rule.target)): \(score)")
            }
            let beforeChallenge = rising ? value < challenge : value > challenge
            if beforeChallenge {
                return language.pick("\(v) 介于目标 \(n(rule.target)) 与挑战 \(n(challenge)) 之间: ", "\(v) lies between target \(n(rule.target)) and challenge \(n(challenge)): ")
                    + "\(p(rule.points.target)) + \(p(rule.points.challenge - rule.points.target)) × (\(v) − \(n(rule.target))) ÷ (\(n(challenge)) − \(n(rule.target))) = \(score)"
            }
            return language.pick("\(v) 达到挑战值 \(n(challenge)): \(score) 分", "\(v) reaches the challenge \(n(challenge)): \(score)")
        case .deduction(let rule):
            return "max(\(p(rule.floor)), \(p(rule.base)) − \(trimmed(rule.perUnit, digits: 2)) × \(trimmed(value, digits: 4))) = \(score)"
        case .bands(let rule):
            let sign = rule.bound == .atLeast ? "≥" : "≤"
            if let band = rule.bands.first(where: { rule.bound == .atLeast ? value >= $0.limit : value <= $0.limit }) {
                return language.pick("\(v) \(sign) \(n(band.limit)): \(score) 分", "\(v) \(sign) \(n(band.limit)): \(score)")
            }
            return language.pick("\(v) 未进入任何分档: \(score) 分", "\(v) reaches no band: \(score)")
        case .rating(let rule):
            return "\(trimmed(value, digits: 2)) ÷ \(trimmed(rule.scale, digits: 2)) × 100 = \(score)"
        }
    }

    private func json(_ explanation: Explanation, _ view: ScorecardView) -> JSON {
        let line = explanation.line
        return .object([
            ("employee", .string(explanation.scorecard.employee)), ("period", .string(explanation.scorecard.period.description)),
            ("kpi", .string(explanation.kpi.id)), ("formula", .string(explanation.kpi.formula?.source)), ("scope", .string(line.scope)),
            ("measures", .object(line.measures.map { ($0.key, .number($0.value)) })), ("value", .number(line.value)),
            ("score", .number(line.score)), ("weight", .integer(line.weight)), ("weighted", .number(line.weighted)),
            ("status", .string(line.status.rawValue)), ("step", .string(step(explanation))),
            ("records", .array(explanation.records.map { list in
                .object([("title", .string(list.title)), ("total", .integer(list.total)),
                         ("rows", .array(list.rows.map { row in .object(zip(list.columns, row).map { ($0, .string($1)) }) }))])
            })),
        ])
    }
}
