import KPIEngine
import KPIFormula
import KPIStore

/// 汇总 Summary: one row per employee, ranked within the department, added a scorecard at a time.
struct SummarySheet {
    private let book: ScorecardWorkbook
    private let sheet: Worksheet
    private let ranks: [String: Int]
    private let text, total, coefficient, integer, noGrade: Format
    private let grades: [String: Format]
    private var widths: [Int]
    private var row = 0

    init(_ book: ScorecardWorkbook, sheet: Worksheet, workbook: Workbook, results: [DepartmentSummary.Result]) throws {
        self.book = book
        self.sheet = sheet
        ranks = Self.departmentRanks(results)
        text = try workbook.format(ScorecardWorkbook.text)
        total = try workbook.format(ScorecardWorkbook.total)
        coefficient = try workbook.format(ScorecardWorkbook.coefficient)
        integer = try workbook.format(ScorecardWorkbook.integer)
        noGrade = try workbook.format(ScorecardWorkbook.grade(nil))
        var grades: [String: Format] = [:]
        for grade in ScorecardWorkbook.gradeColours.keys { grades[grade] = try workbook.format(ScorecardWorkbook.grade(grade)) }
        self.grades = grades
        let headers = [book.pick("工号", "ID"), book.pick("姓名", "Name"), book.pick("部门", "Department"), book.pick("岗位", "Role"),
                       book.pick("总分", "Total"), book.pick("原始等级", "Raw grade"), book.pick("最终等级", "Grade"),
                       book.pick("绩效系数", "Coefficient"), book.pick("部门排名", "Rank in department")]
        widths = headers.map(displayWidth)
        let header = try workbook.format(ScorecardWorkbook.header)
        for (column, title) in headers.enumerated() { try sheet.write(0, column, title, header) }
    }

    /// Rank by total within each department (1 = best, ties by id); none without a total.
    static func departmentRanks(_ results: [DepartmentSummary.Result]) -> [String: Int] {
        var ranks: [String: Int] = [:]
        for (_, members) in Dictionary(grouping: results.filter { $0.total != nil }, by: \.department) {
            let ordered = members.sorted { ($0.total ?? 0, $1.employee) > ($1.total ?? 0, $0.employee) }
            for (index, card) in ordered.enumerated() { ranks[card.employee] = index + 1 }
        }
        return ranks
    }

    mutating func add(_ card: Scorecard) throws {
        row += 1
        let texts = [card.employee, book.names[card.employee] ?? "", book.departmentName(card.department), book.roleName(card.role)]
        for (column, value) in texts.enumerated() {
            try sheet.write(row, column, value, text)
            widths[column] = max(widths[column], displayWidth(value))
        }
        try sheet.write(row, 4, card.total, total)
        try sheet.write(row, 5, card.rawGrade ?? "—", card.rawGrade.flatMap { grades[$0] } ?? noGrade)
        try sheet.write(row, 6, card.grade ?? "—", card.grade.flatMap { grades[$0] } ?? noGrade)
        try sheet.write(row, 7, card.coefficient, coefficient)
        try sheet.write(row, 8, ranks[card.employee].map(Double.init), integer)
    }

    /// Widths, frozen header, filter, colour scale over the totals, print setup.
    func finish() throws {
        try book.fit(sheet, widths)
        sheet.freeze(rows: 1, columns: 2)
        try sheet.autofilter(firstRow: 0, firstColumn: 0, lastRow: max(1, row), lastColumn: widths.count - 1)
        if row > 0 { try sheet.colorScale(firstRow: 1, lastRow: row, column: 4) }
        try sheet.printSetup(repeatRows: 1)
        sheet.activate()
    }
}
