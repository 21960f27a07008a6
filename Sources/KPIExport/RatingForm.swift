import Foundation
import KPICatalog
import KPIEngine
import KPIStore

extension Appraisals {
    /// Writes the principal's rating form of a month (`kpi rate --sheet`): one row per person,
    /// rated KPI and relation, in the columns of `kpi import ratings` — the month, the employee,
    /// the KPI, the relation and the rater filled in, the score and comment as given so far — with
    /// the person's and the KPI's names beside them to read by (the import ignores them), and a
    /// dropdown of the KPI's scale on each score. Filled in and imported back, each row is checked
    /// as `kpi rate` checks it; a row left without a score is skipped. Returns the rows written.
    @discardableResult
    public func writeRatingForm(period: Period, english: Bool, to path: String) throws -> Int {
        func pick(_ zh: String, _ en: String) -> String { english ? en : zh }
        let lines = try ratingForm(period: period)
        let me = try requireEmployee()
        let workbook = try Workbook(path: path, constantMemory: false)
        let sheet = try workbook.addWorksheet(pick("评分表", "ratings"))
        let choices = try workbook.addWorksheet(pick("分值", "scales"))
        let header = CellFormat(bold: true, background: 0xDDEBF7, border: true)
        let given = CellFormat(background: 0xFFF2CC, border: true)
        let kind = ImportKind.ratings
        let columns = ["period", "employee", "kpi", "relation", "score", "rater", "comment"]
        let titles = columns.map { name in kind.columns.first { $0.name == name }.map { english ? $0.name : $0.header } ?? name }
            + [pick("姓名", "name"), pick("指标名称", "KPI name"), pick("评分关系说明", "as")]
        for (column, title) in titles.enumerated() { try sheet.write(0, column, title, header) }
        // Each scale's values, a column of the hidden sheet each, for the dropdowns.
        var scales: [Double] = []
        for line in lines where !scales.contains(line.rule.scale) { scales.append(line.rule.scale) }
        for (column, scale) in scales.enumerated() {
            let lowest = Int(ScoringRule.Rating(scale: scale).lowest), highest = Int(scale)
            for (row, value) in (lowest...highest).enumerated() { try choices.write(row, column, Double(value)) }
        }
        for (index, line) in lines.enumerated() {
            let row = index + 1
            let values = [period.description, line.employee, line.kpi.id, line.relation.rawValue]
            for (column, value) in values.enumerated() { try sheet.write(row, column, value) }
            try sheet.write(row, 4, line.score, given)
            try sheet.write(row, 5, me.id)
            try sheet.write(row, 6, line.comment ?? "", given)
            try sheet.write(row, 7, organisation.employee(line.employee)?.name ?? line.employee)
            try sheet.write(row, 8, english ? line.kpi.nameEn ?? line.kpi.name : line.kpi.name)
            try sheet.write(row, 9, english ? line.relation.rawValue : line.relation.nameZh)
            let scale = scales.firstIndex(of: line.rule.scale) ?? 0
            let letters = cellName(0, scale).filter(\.isLetter)
            let count = Int(line.rule.scale) - Int(line.rule.lowest) + 1
            try sheet.dropdown(column: 4, firstRow: row, lastRow: row, source: "='\(pick("分值", "scales"))'!$\(letters)$1:$\(letters)$\(count)",
                               title: pick("不在分值范围内", "Not on the scale"),
                               message: pick("\(line.kpi.name): \(Int(line.rule.lowest))–\(Int(line.rule.scale)) 分", "\(line.kpi.id): \(Int(line.rule.lowest))–\(Int(line.rule.scale))"))
        }
        try sheet.setColumn(0, 3, width: 14)
        try sheet.setColumn(2, 2, width: 26)
        try sheet.setColumn(4, 5, width: 10)
        try sheet.setColumn(6, 6, width: 36)
        try sheet.setColumn(7, 9, width: 14)
        try sheet.note(0, 4, pick("在黄色格中填写评分和评语；没有评分的行在导入时跳过。填好后: kpi import ratings 本文件",
                                  "Fill in the yellow cells; a row without a score is skipped. Then: kpi import ratings THIS-FILE"))
        sheet.freeze(rows: 1)
        choices.hide()
        try workbook.close()
        return lines.count
    }
}
