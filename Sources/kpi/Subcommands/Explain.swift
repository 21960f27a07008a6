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
    @Argument(help: ArgumentHelp("The employee id.", valueName: "employee")) var employee: String
    @Argument(help: ArgumentHelp("The KPI id.", valueName: "kpi")) var kpi: String
    @Option(help: ArgumentHelp("YYYY-MM, YYYY-Qn or YYYY.", valueName: "period")) var period: Period

    func run() throws {
        let appraisals = try global.appraisals()
        let explanation = try appraisals.explain(employee, kpi: kpi, period: period)
        let view = try ScorecardView(command: appraisals, language: global.language, period: period)
        switch global.format {
        case .json: emit(view.json(explanation).text(indent: 2))
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
        let step = explanation.step
        field("计分", "scoring", step.narration(chinese: language == .zh) { catalogText.number($0, unit: kpi.unit) })
        let share = step.effectiveWeight.flatMap { share in
            abs(share - Double(step.weight)) < 1e-9 ? nil : language.pick(" (有分项权重中占 \(trimmed(share, digits: 1))%)", " (\(trimmed(share, digits: 1))% of the weights scored)")
        } ?? ""
        field("权重", "weight", "\(line.weight)\(share) → " + language.pick("加权得分 ", "weighted ") + (line.weighted.map { trimmed($0, digits: 2) } ?? language.pick("不计入总分", "left out of the total")))
        if !explanation.segments.isEmpty {
            lines.append("")
            lines.append(language.pick("本期岗位有变动，各岗位按其天数计分:", "The role changed in the period; each role scores its own days:"))
            for part in explanation.segments {
                lines.append("  " + view.segmentHeading(part.segment))
                lines.append("    " + part.step.narration(chinese: language == .zh) { catalogText.number($0, unit: kpi.unit) }
                             + language.pick(" · 权重 \(part.line.weight)", " · weight \(part.line.weight)"))
            }
        }
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
}
