import Foundation
import KPIEngine
import KPIFormula
import KPIStore

/// A workbook to fill in for `kpi import`: a sheet per kind with its header (a `*` on each
/// required column), a note on each header saying what the column holds, in what form, with an
/// example; dropdowns where the values are known (choices, yes/no, roles, departments, active
/// employees, projects, receivables, items, rated KPIs) read from a hidden sheet of choices;
/// date, date-time, amount and text formats on the columns; the header frozen; and one example
/// row, in grey italics, which the import skips.
struct ImportTemplate {
    let kinds: [ImportKind]
    let choices: TemplateChoices
    let english: Bool

    /// The last row a dropdown covers: the whole sheet.
    private static let lastRow = 1_048_575

    private func pick(_ zh: String, _ en: String) -> String { english ? en : zh }

    /// The name of the hidden sheet of choices.
    private var choicesSheet: String { pick("选项", "choices") }

    /// Writes the workbook; returns how many sheets of kinds it holds.
    func write(to path: String) throws -> Int {
        let workbook = try Workbook(path: path, constantMemory: false)
        var lists: [[String]] = []
        var sheets: [(ImportKind, Worksheet)] = []
        for kind in kinds {
            sheets.append((kind, try workbook.addWorksheet(english ? kind.id : kind.nameZh)))
        }
        for (kind, sheet) in sheets {
            try writeSheet(kind, sheet, workbook: workbook, lists: &lists)
        }
        let hidden = try workbook.addWorksheet(choicesSheet)
        for (column, values) in lists.enumerated() {
            for (row, value) in values.enumerated() { try hidden.write(row, column, value) }
        }
        hidden.hide()
        try workbook.close()
        return sheets.count
    }

    private func writeSheet(_ kind: ImportKind, _ sheet: Worksheet, workbook: Workbook, lists: inout [[String]]) throws {
        let header = CellFormat(bold: true, background: 0xDDEBF7, border: true)
        let example = CellFormat(fontColor: 0x808080, italic: true)
        for (column, declared) in kind.columns.enumerated() {
            let title = (english ? declared.name : declared.header) + (declared.required ? "*" : "")
            try sheet.write(0, column, title, header)
            let format = numberFormat(declared.type)
            let width = Double(max(12, displayWidth(title) + 4, format == nil ? 0 : 18))
            try sheet.setColumn(column, column, width: width, CellFormat(numberFormat: format ?? "@"))
            let sample = self.sample(kind, declared)
            try sheet.note(0, column, note(declared, example: sample.text))
            var exampleFormat = example
            exampleFormat.numberFormat = format
            if let serial = sample.serial {
                try sheet.write(1, column, serial, exampleFormat)
            } else {
                try sheet.write(1, column, sample.text, exampleFormat)
            }
            if let values = list(kind, declared), !values.isEmpty {
                let place: Int
                if let existing = lists.firstIndex(of: values) {
                    place = existing
                } else {
                    lists.append(values)
                    place = lists.count - 1
                }
                let letters = cellName(0, place).filter(\.isLetter)
                try sheet.dropdown(column: column, firstRow: 1, lastRow: Self.lastRow,
                                   source: "='\(choicesSheet)'!$\(letters)$1:$\(letters)$\(values.count)",
                                   title: pick("不在可选范围内", "Not one of the choices"),
                                   message: pick("请从下拉列表中选择 \(declared.header)", "Choose \(declared.name) from the list"))
            }
        }
        try sheet.note(1, 0, pick("示例行：导入时跳过。可照着填写下面的行，也可删去这一行。",
                                  "Example row: the import skips it. Fill in the rows below it, or delete it."))
        sheet.freeze(rows: 1)
    }

    /// The number format of a column's cells; nil for text.
    private func numberFormat(_ type: ImportKind.ColumnType) -> String? {
        switch type {
        case .date: return "yyyy-mm-dd"
        case .dateTime: return "yyyy-mm-dd hh:mm"
        case .amount: return "#,##0.00"
        case .integer, .quantity, .score: return "General"
        default: return nil
        }
    }

    /// The values a column's dropdown offers; nil when any value goes.
    private func list(_ kind: ImportKind, _ column: ImportKind.Column) -> [String]? {
        switch column.type {
        case .bool: return english ? ["yes", "no"] : ["是", "否"]
        case .choice(let values, let names):
            if english { return values }
            if !names.isEmpty { return names }
            let named = values.compactMap { choices.priorityNames[$0] }
            return column.name == "priority" && named.count == values.count ? named : values
        case .reference(.employee): return choices.employees.map(\.id)
        case .reference(.project): return choices.projects
        case .reference(.receivable): return choices.receivables
        case .reference(.sku): return choices.items
        case .text where kind == .employees && column.name == "role": return choices.roles.map { english ? $0.id : $0.name }
        case .text where column.name == "department": return choices.departments.map { english ? $0.id : $0.name }
        case .text where kind == .ratings && column.name == "kpi": return choices.ratedKPIs.map(\.id)
        default: return nil
        }
    }

    /// The example row's value of a column: as text for the note, and as a date serial when
    /// the cell is a date. The first key column's text begins with 示例 (example), which is how
    /// the import knows the row.
    private func sample(_ kind: ImportKind, _ column: ImportKind.Column) -> (text: String, serial: Double?) {
        if column.name == kind.key.first { return (pick("示例-001", "example-001"), nil) }
        switch column.type {
        case .date: return ("2026-10-05", 46_300)
        case .dateTime: return ("2026-10-05 09:30", 46_300.395_833_333_33)
        case .integer(let minimum, let maximum): return (String(min(max(minimum, 1), maximum ?? Int.max)), nil)
        case .amount: return ("1234.50", nil)
        case .quantity: return ("2", nil)
        case .score: return ("4", nil)
        case .month: return ("2026-10", nil)
        case .text, .choice, .bool, .reference:
            return (list(kind, column)?.first ?? pick("示例", "example"), nil)
        }
    }

    /// What a header's note says: the column, its form, an example, whether it is required.
    private func note(_ column: ImportKind.Column, example: String) -> String {
        let form: String
        switch column.type {
        case .text: form = pick("文本", "text")
        case .date: form = pick("日期：2026-10-05、2026/10/5 或日期单元格", "a date: 2026-10-05, 2026/10/5 or a date cell")
        case .dateTime: form = pick("日期时间：2026-10-05 09:30 或日期时间单元格", "a date and time: 2026-10-05 09:30 or a date-time cell")
        case .integer(let minimum, let maximum):
            form = maximum.map { pick("整数，\(minimum)–\($0)", "a whole number, \(minimum)–\($0)") } ?? pick("整数，至少 \(minimum)", "a whole number, at least \(minimum)")
        case .amount: form = pick("金额，最多两位小数：1,234.50", "an amount, at most two decimals: 1,234.50")
        case .quantity: form = pick("数量，不为负", "a quantity, not negative")
        case .bool: form = pick("是 或 否", "yes or no")
        case .choice(let values, let names):
            form = pick("从下拉列表选一项", "one of ") + (english ? values.joined(separator: ", ") : "")
                + (english || names.isEmpty ? "" : "：" + zip(values, names).map { "\($1)（\($0)）" }.joined(separator: "、"))
        case .month: form = pick("月份：2026-10", "a month: 2026-10")
        case .score: form = pick("评分，按该指标的分制", "a score on the KPI's scale")
        case .reference(.employee): form = pick("员工工号（或只有一人叫这个名字时的姓名）", "an employee id (or a name only one active person has)")
        case .reference(let reference):
            form = pick("已导入的\(reference.kind.nameZh)的\(reference.kind.columns[0].header)", "the \(reference.kind.key[0]) of one of the \(reference.kind.nameEn) imported")
        }
        let need = column.required ? pick("必填", "required") : pick("可留空", "may be left blank")
        return english
            ? "\(column.name) (\(column.header))\n\(form)\ne.g. \(example)\n\(need): \(column.meaning)"
            : "\(column.header)（\(column.name)）\n\(form)\n例：\(example)\n\(need)"
    }
}

extension Appraisals {
    /// Writes the import template of `kinds` (`kpi template`): one sheet per kind; returns how
    /// many. Needs the import right of each kind, as importing them does.
    public func writeTemplate(of kinds: [ImportKind], english: Bool, to path: String) throws -> Int {
        let choices = try templateChoices(for: kinds)
        return try ImportTemplate(kinds: kinds, choices: choices, english: english).write(to: path)
    }
}
