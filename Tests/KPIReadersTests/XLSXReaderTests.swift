import CXlsxWriter
import Foundation
import Testing
@testable import KPIReaders

@Suite("XLSX reader: a sheet's rows as records, streamed from the archive")
struct XLSXReaderTests {
    /// Writes a workbook with libxlsxwriter — shared strings, or inline ones in constant-memory
    /// mode — holding every kind of cell, and returns its path.
    static func workbook(constantMemory: Bool) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("kpi-xlsx-\(UUID().uuidString).xlsx").path
        var options = lxw_workbook_options()
        options.constant_memory = constantMemory ? 1 : 0
        let workbook = try #require(workbook_new_opt(path, &options))
        _ = workbook_add_worksheet(workbook, "说明")
        let sheet = try #require(workbook_add_worksheet(workbook, "工单"))
        let moment = workbook_add_format(workbook)
        format_set_num_format(moment, "yyyy/m/d h:mm")
        let chineseDate = workbook_add_format(workbook)
        format_set_num_format(chineseDate, "yyyy\"年\"m\"月\"d\"日\"")
        let money = workbook_add_format(workbook)
        format_set_num_format(money, "#,##0.00\"元\"")
        worksheet_write_string(sheet, 0, 0, "工单号", nil)
        worksheet_write_number(sheet, 0, 1, 1234.5, money)
        worksheet_write_number(sheet, 0, 2, 45935.375, moment)
        worksheet_write_boolean(sheet, 0, 3, 1, nil)
        worksheet_write_formula_num(sheet, 0, 4, "=B1*2", nil, 2469)
        worksheet_write_string(sheet, 0, 5, "a & <b> \"c\"", nil)
        worksheet_write_string(sheet, 0, 7, "后", nil)
        worksheet_write_number(sheet, 2, 0, 45935, chineseDate)
        worksheet_write_formula_str(sheet, 2, 1, "=\"T\"&1", nil, "T1")
        #expect(workbook_close(workbook) == LXW_NO_ERROR)
        return path
    }

    static func rows(_ path: String, sheet: String? = nil) throws -> [(line: Int, fields: [(String, Field.Kind)])] {
        var reader = try XLSXWorkbook(path: path).sheet(named: sheet)
        var rows: [(Int, [(String, Field.Kind)])] = []
        try reader.forEachRecord { record in
            rows.append((record.line, record.fields.indices.map { (record.text($0), record.fields[$0].kind) }))
            return true
        }
        return rows
    }

    @Test("text, numbers, date cells, booleans, formulas' cached values, entities, a column and a row left out", arguments: [false, true])
    func cells(constantMemory: Bool) throws {
        let path = try Self.workbook(constantMemory: constantMemory)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let rows = try Self.rows(path, sheet: "工单")
        #expect(rows.count == 2)
        #expect(rows[0].line == 1)
        #expect(rows[0].fields.map(\.0) == ["工单号", "1234.5", "45935.375", "TRUE", "2469", "a & <b> \"c\"", "", "后"])
        #expect(rows[0].fields.map(\.1) == [.text, .number, .date, .text, .number, .text, .text, .text])
        #expect(rows[1].line == 3)
        #expect(rows[1].fields.map(\.0) == ["45935", "T1"])
        #expect(rows[1].fields.map(\.1) == [.date, .text])
    }

    @Test("the first sheet by default; a sheet that is not there names the sheets that are")
    func sheets() throws {
        let path = try Self.workbook(constantMemory: false)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let workbook = try XLSXWorkbook(path: path)
        #expect(workbook.sheets.map(\.name) == ["说明", "工单"])
        #expect(try Self.rows(path).isEmpty)
        #expect(throws: XLSXWorkbook.Failure(message: "the workbook has no sheet `tickets`; its sheets are 说明, 工单",
                                             chinese: "工作簿里没有工作表「tickets」；它的工作表是 说明、工单")) {
            try workbook.sheet(named: "tickets")
        }
        let text = FileManager.default.temporaryDirectory.appendingPathComponent("kpi-not-\(UUID().uuidString).xlsx").path
        try Data("id,name\n".utf8).write(to: URL(fileURLWithPath: text))
        defer { try? FileManager.default.removeItem(atPath: text) }
        #expect(throws: XLSXWorkbook.Failure.self) { try XLSXWorkbook(path: text) }
    }

    @Test("which number formats show dates", arguments: [
        ("yyyy/m/d", true), ("yyyy\"年\"m\"月\"d\"日\"", true), ("h:mm", true), ("[$-804]yyyy-mm-dd", true),
        ("0.00", false), ("#,##0\"元\"", false), ("[Red]0.0", false), ("General", false), ("\"d\"0", false),
    ])
    func dateFormats(code: String, isDate: Bool) {
        #expect(XLSXWorkbook.isDateFormat(code) == isDate)
    }
}
