import Foundation
import KPICatalog
import KPIEngine
import KPIFormula
import KPIStore

/// The appraisal workbook (docs/cli.md, `kpi export`): 汇总 Summary, 明细 Details, 部门 Departments, 奖金
/// Bonus when the period's pools were shared, 趋势 Trend over the months, and one sheet per
/// employee when it covers a department or one employee.
public struct ScorecardWorkbook {
    public let catalog: Catalog
    public let period: Period
    public let status: String
    public let cards: any ScorecardSource
    /// Employee names by id.
    public let names: [String: String]
    public let english: Bool
    /// Whether to add a sheet per employee.
    public let employeeSheets: Bool
    public let title: String
    /// The months up to the period, for the 趋势 sheet and each employee's trend chart.
    public let trend: Trend?

    public init(catalog: Catalog, period: Period, status: String, cards: any ScorecardSource,
                names: [String: String], english: Bool, employeeSheets: Bool, title: String, trend: Trend? = nil) {
        self.catalog = catalog
        self.period = period
        self.status = status
        self.cards = cards
        self.names = names
        self.english = english
        self.employeeSheets = employeeSheets
        self.title = title
        self.trend = trend
    }

    func pick(_ zh: String, _ en: String) -> String { english ? en : zh }

    /// The period's status in the workbook's language.
    var statusName: String { status == "closed" ? pick("已关闭", "closed") : pick("进行中", "open") }

    // MARK: Formats

    static let header = CellFormat(bold: true, fontColor: 0xFFFFFF, background: 0x1F4E78, border: true, wrap: true, centered: true)
    static let text = CellFormat(border: true)
    static let wrapped = CellFormat(border: true, wrap: true)
    static let score = CellFormat(numberFormat: "0.0", border: true)
    static let total = CellFormat(numberFormat: "0.00", border: true)
    static let coefficient = CellFormat(numberFormat: "0.0#", border: true)
    static let integer = CellFormat(numberFormat: "0", border: true)
    static let percent = CellFormat(numberFormat: "0.00%", border: true)
    static let amount = CellFormat(numberFormat: "#,##0.00", border: true)
    static let decimal = CellFormat(numberFormat: "0.00##", border: true)
    static let heading = CellFormat(bold: true, fontSize: 14)
    static let label = CellFormat(bold: true)

    static let gradeColours: [String: (UInt32, UInt32)] = [
        "S": (0x006100, 0xC6EFCE), "A": (0x1F6F43, 0xE2F0D9), "B": (0x000000, 0xFFFFFF), "C": (0x9C5700, 0xFFEB9C), "D": (0x9C0006, 0xFFC7CE),
    ]

    static func grade(_ grade: String?) -> CellFormat {
        let colours = grade.flatMap { gradeColours[$0] } ?? (0x000000, 0xFFFFFF)
        return CellFormat(bold: true, fontColor: colours.0, background: colours.1, border: true, centered: true)
    }

    static func value(_ unit: KPIDefinition.Unit?) -> CellFormat {
        switch unit {
        case .percent: return percent
        case .amount: return amount
        case .count, .days: return decimal
        case .ratio, .score, nil: return CellFormat(numberFormat: "0.00", border: true)
        }
    }

    // MARK: Writing

    /// Writes the workbook to `path` and closes it. Memory stays flat: the workbook streams
    /// rows to disk, and after reading each employee's department, total and grade, the
    /// scorecards are read one at a time, from the same state of the data, in one pass that writes
    /// both their summary row and their detail rows. A department's or an employee's export keeps
    /// its cards for the sheet per employee.
    /// - Returns: how many scorecards the workbook holds.
    @discardableResult
    public func write(to path: String) throws -> Int {
        // The file is finished while the data read is checked, and put in place only after.
        let (workbook, count) = try cards.whileChecked { try writeUnpublished(to: path) }
        try workbook.publish()
        return count
    }

    /// Writes and finishes the workbook beside `path`; returns it, to be published, and how many
    /// scorecards it holds.
    private func writeUnpublished(to path: String) throws -> (Workbook, Int) {
        var sheets: (workbook: Workbook, summary: SummarySheet, details: DetailSheet, results: [DepartmentSummary.Result])?
        var kept: [Scorecard] = []
        var bonus: [BonusShare] = []
        try cards.read(results: { results, shares in
            bonus = shares
            let workbook = try Workbook(path: path, constantMemory: results.count > 200)
            try workbook.setProperties(title: title, subject: pick("绩效考核 \(period)", "Performance appraisal \(period)"),
                                       author: "kpi", company: catalog.topRole.map { _ in pick("系统集成公司", "System integration company") } ?? "",
                                       comments: pick("由 kpi 生成; 期间状态: \(statusName)", "Written by kpi; period status: \(statusName)"))
            sheets = (workbook,
                      try SummarySheet(self, sheet: workbook.addWorksheet(pick("汇总", "Summary")), workbook: workbook, results: results),
                      try DetailSheet(self, sheet: workbook.addWorksheet(pick("明细", "Details")), workbook: workbook), results)
        }) { card in
            try sheets?.summary.add(card)
            try sheets?.details.add(card)
            if employeeSheets { kept.append(card) }
        }
        guard var sheets else { throw XlsxError(message: "no scorecards were read", context: "writing \(path)") }
        try sheets.summary.finish()
        try sheets.details.finish()
        try writeDepartments(sheets.workbook.addWorksheet(pick("部门", "Departments")), results: sheets.results, workbook: sheets.workbook)
        if !bonus.isEmpty {
            try writeBonus(bonus, to: sheets.workbook.addWorksheet(pick("奖金", "Bonus")), workbook: sheets.workbook)
        }
        if let trend, !trend.months.isEmpty {
            try writeTrend(trend, to: sheets.workbook.addWorksheet(pick("趋势", "Trend")), workbook: sheets.workbook)
        }
        var used: Set<String> = []
        for card in kept {
            try writeEmployee(card, sheet: sheets.workbook.addWorksheet(sheetName(for: card, used: &used)), workbook: sheets.workbook)
        }
        try sheets.workbook.finish()
        return (sheets.workbook, sheets.results.count)
    }

    /// `工号 姓名`, cut to Excel's 31 characters, without the characters Excel forbids, unique.
    func sheetName(for card: Scorecard, used: inout Set<String>) -> String {
        let forbidden = CharacterSet(charactersIn: "[]:*?/\\")
        let raw = "\(card.employee) \(names[card.employee] ?? "")".unicodeScalars.filter { !forbidden.contains($0) }
        var name = String(String.UnicodeScalarView(raw)).trimmingCharacters(in: .whitespaces)
        name = String(name.prefix(31))
        var candidate = name
        var suffix = 2
        while used.contains(candidate.lowercased()) {
            candidate = String(name.prefix(31 - String(suffix).count - 1)) + "~\(suffix)"
            suffix += 1
        }
        used.insert(candidate.lowercased())
        return candidate
    }

    /// Sets each column's width to fit its widest text (CJK counts double).
    func fit(_ sheet: Worksheet, _ widths: [Int], minimum: Int = 6, maximum: Int = 60) throws {
        for (column, width) in widths.enumerated() {
            try sheet.setColumn(column, column, width: Double(min(maximum, max(minimum, width + 2))))
        }
    }

    func departmentName(_ id: String) -> String {
        guard let department = catalog.department(id) else { return id }
        return english ? (department.nameEn ?? department.name) : department.name
    }

    func roleName(_ id: String) -> String {
        guard let role = catalog.role(id) else { return id }
        return english ? (role.nameEn ?? role.name) : role.name
    }

    func kpiName(_ id: String) -> String {
        guard let kpi = catalog.kpi(id) else { return id }
        return english ? (kpi.nameEn ?? kpi.name) : kpi.name
    }
}
