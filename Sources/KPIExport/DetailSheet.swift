import KPICatalog
import KPIFormula
import KPIEngine
import KPIStore

/// 明细 Details: one row per employee and KPI, added a scorecard at a time. What a KPI shows
/// (name, formula, number format) is worked out once, not per row; how each line was scored
/// (the rule's numbers, what applied) is the engine's `ScoringStep`, written as it is.
struct DetailSheet {
    /// What the rows of one KPI share.
    private struct KPIColumns {
        let name: String
        let formula: String
        let value: Format
        let nameWidth: Int
        let formulaWidth: Int
    }

    private let book: ScorecardWorkbook
    private let workbook: Workbook
    private let sheet: Worksheet
    private let text, score, total, integer: Format
    private var kpis: [String: KPIColumns] = [:]
    private let calculator: ScorecardCalculator
    /// The few labels of what applied, with their display width, made once: by what applied and
    /// whether the KPI is rated (an excluded rating reads "not rated").
    private var labels: [ScoringStep.Applied: [Bool: (text: String, width: Int)]] = [:]
    private var widths: [Int]
    private var row = 0

    init(_ book: ScorecardWorkbook, sheet: Worksheet, workbook: Workbook) throws {
        self.book = book
        self.workbook = workbook
        self.sheet = sheet
        calculator = ScorecardCalculator(catalog: book.catalog)
        text = try workbook.format(ScorecardWorkbook.text)
        score = try workbook.format(ScorecardWorkbook.score)
        total = try workbook.format(ScorecardWorkbook.total)
        integer = try workbook.format(ScorecardWorkbook.integer)
        let headers = [book.pick("工号", "ID"), book.pick("姓名", "Name"), "KPI", book.pick("公式", "Formula"), book.pick("实际值", "Value"),
                       book.pick("门槛", "Threshold"), book.pick("目标", "Target"), book.pick("挑战", "Challenge"), book.pick("权重", "Weight"),
                       book.pick("得分", "Score"), book.pick("加权得分", "Weighted"), book.pick("计分", "Scored by")]
        widths = headers.map(displayWidth)
        let header = try workbook.format(ScorecardWorkbook.header)
        for (column, title) in headers.enumerated() { try sheet.write(0, column, title, header) }
    }

    mutating func add(_ card: Scorecard) throws {
        guard !card.lines.isEmpty else { return }
        let name = book.names[card.employee] ?? ""
        widths[0] = max(widths[0], displayWidth(card.employee))
        widths[1] = max(widths[1], displayWidth(name))
        for (line, step) in zip(card.lines, calculator.steps(of: card)) {
            row += 1
            let kpi = try columns(line.kpi)
            try sheet.write(row, 0, card.employee, text)
            try sheet.write(row, 1, name, text)
            try sheet.write(row, 2, kpi.name, text)
            try sheet.write(row, 3, kpi.formula, text)
            widths[2] = max(widths[2], kpi.nameWidth)
            widths[3] = max(widths[3], kpi.formulaWidth)
            try sheet.write(row, 4, line.value, kpi.value)
            if case .linear(let rule) = step?.rule {
                try sheet.write(row, 5, rule.threshold, kpi.value)
                try sheet.write(row, 6, rule.target, kpi.value)
                try sheet.write(row, 7, rule.challenge, kpi.value)
            } else {
                for column in 5...7 { try sheet.write(row, column, nil as Double?, kpi.value) }
            }
            try sheet.write(row, 8, Double(line.weight), integer)
            try sheet.write(row, 9, line.score, score)
            try sheet.write(row, 10, line.weighted, total)
            let label: (text: String, width: Int)
            if let step { label = self.label(of: step) } else { label = (book.statusText(line.status), displayWidth(book.statusText(line.status))) }
            try sheet.write(row, 11, label.text, text)
            widths[11] = max(widths[11], label.width)
        }
    }

    /// Widths (the number columns fixed), frozen header and ids, filter, print setup.
    mutating func finish() throws {
        widths[4...7] = [12, 10, 10, 10]
        try book.fit(sheet, widths)
        sheet.freeze(rows: 1, columns: 3)
        try sheet.autofilter(firstRow: 0, firstColumn: 0, lastRow: max(1, row), lastColumn: widths.count - 1)
        try sheet.printSetup(repeatRows: 1)
    }

    private mutating func columns(_ id: String) throws -> KPIColumns {
        if let known = kpis[id] { return known }
        let kpi = book.catalog.kpi(id)
        let name = book.kpiName(id)
        let formula = kpi?.formula?.source ?? book.pick("评分", "rating")
        let columns = KPIColumns(name: name, formula: formula, value: try workbook.format(ScorecardWorkbook.value(kpi?.unit)),
                                 nameWidth: displayWidth(name), formulaWidth: displayWidth(formula))
        kpis[id] = columns
        return columns
    }

    private mutating func label(of step: ScoringStep) -> (text: String, width: Int) {
        let rated = step.method == .rating
        if let known = labels[step.applied]?[rated] { return known }
        let text = step.label(chinese: !book.english)
        labels[step.applied, default: [:]][rated] = (text, displayWidth(text))
        return (text, displayWidth(text))
    }
}
