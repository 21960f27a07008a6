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

    func run() throws {
        let appraisals = try global.appraisals()
        let period = try periodOrLatest(period, appraisals, global.language)
        let cards = try appraisals.team(period: period, department: department)
            .sorted { ($0.total ?? -1, $1.employee) > ($1.total ?? -1, $0.employee) }
        let view = try ScorecardView(appraisals: appraisals, language: global.language, period: period)
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
            let counts = view.rules.grading.grades.map { grade in "\(grade.grade) \(cards.filter { $0.grade == grade.grade }.count)" }
            emit(language.pick("等级分布: ", "grades: ") + counts.joined(separator: " · "))
        }
    }
}
