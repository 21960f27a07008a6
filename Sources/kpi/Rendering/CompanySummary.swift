import KPIViews
import KPIFormula
import KPICatalog
import KPIEngine
import KPIStore

/// The company at a glance for one period: the grade distribution, each department, the best
/// and the weakest results.
struct CompanySummary {
    let catalog: Catalog
    let cards: [Scorecard]
    let language: Language
    let period: Period

    func rendered() -> String {
        let text = CatalogText(language: language)
        var lines = [language.pick("\(period) 全公司 \(cards.count) 人", "\(period), the whole company: \(cards.count) people")]
        let graded = cards.filter { $0.grade != nil }
        let most = catalog.grading.grades.map { grade in graded.filter { $0.grade == grade.grade }.count }.max() ?? 1
        for grade in catalog.grading.grades {
            let count = graded.filter { $0.grade == grade.grade }.count
            let bar = String(repeating: "█", count: most == 0 ? 0 : Int((Double(count) / Double(most) * 30).rounded(.up)))
            let share = graded.isEmpty ? 0 : Double(count) / Double(graded.count) * 100
            lines.append("  \(pad(grade.grade, to: 2)) \(pad(bar, to: 31))\(pad(String(count), to: 5, right: true))  \(pad(String(format: "%.1f%%", share), to: 6, right: true))  ×\(trimmed(grade.coefficient, digits: 2))")
        }
        lines.append("")
        var table = Table([.init(header: language.pick("部门", "department")), .init(header: language.pick("人数", "people"), alignRight: true),
                           .init(header: language.pick("平均", "mean"), alignRight: true), .init(header: language.pick("最低", "lowest"), alignRight: true),
                           .init(header: language.pick("最高", "highest"), alignRight: true)]
                          + catalog.grading.grades.map { .init(header: $0.grade, alignRight: true) })
        for summary in DepartmentSummary.summaries(of: cards.map(DepartmentSummary.Result.init), catalog: catalog) {
            func total(_ value: Double?) -> String { value.map { String(format: "%.1f", $0) } ?? "—" }
            table.append([text.departmentName(summary.department, in: catalog), String(summary.headcount), total(summary.mean),
                          total(summary.lowest), total(summary.highest)] + summary.grades.map { String($0.count) })
        }
        lines += table.rendered().split(separator: "\n").map(String.init)
        let ranked = cards.filter { $0.total != nil }.sorted { ($0.total ?? 0, $1.employee) > ($1.total ?? 0, $0.employee) }
        let shown = Array(ranked.prefix(3)) + Array(ranked.suffix(3))
        let roleWidth = shown.map { displayWidth(catalog.role($0.role).map(text.roleName) ?? $0.role) }.max() ?? 0
        func row(_ card: Scorecard) -> String {
            let role = catalog.role(card.role).map(text.roleName) ?? card.role
            let weakest = card.lines.filter { ($0.score ?? 100) < 100 }.min { ($0.score ?? 0) < ($1.score ?? 0) }
            let note = weakest.map { line in
                let name = catalog.kpi(line.kpi).map(text.kpiName) ?? line.kpi
                return language.pick("  最弱: \(name) \(trimmed(line.score ?? 0, digits: 1))", "  weakest: \(name) \(trimmed(line.score ?? 0, digits: 1))")
            } ?? ""
            return "  \(card.employee)  \(pad(role, to: roleWidth))\(String(format: "%8.2f", card.total ?? 0))  \(card.grade ?? "—")" + note
        }
        lines.append("")
        lines.append(language.pick("最高分", "Best results"))
        lines += ranked.prefix(3).map(row)
        lines.append(language.pick("最低分", "Weakest results"))
        lines += ranked.suffix(3).reversed().map(row)
        return lines.joined(separator: "\n")
    }
}
