import Foundation
import Testing

@Suite("kpi template: a workbook to fill in, read back by openpyxl, filled and imported")
struct TemplateCommandTests {
    let fixture: CommandFixture

    init() throws {
        fixture = try CommandFixture("template")
    }

    /// Runs a Python script with openpyxl on the template and returns what it printed.
    func python(_ script: String, _ arguments: [String]) throws -> String {
        let result = try KpiRunner.python(script, arguments)
        #expect(result.status == 0, "\(result.stderr)")
        return result.stdout
    }

    @Test("the tickets template: headers with notes, dropdowns from a hidden sheet, a frozen header, an example row the import skips; filled, it imports")
    func tickets() throws {
        let staff = fixture.directory.appendingPathComponent("staff.csv")
        try StoreCommandTests.staff.write(to: staff, atomically: false, encoding: .utf8)
        #expect(try fixture.run(["import", "employees", staff.path]).status == 0)
        #expect(try fixture.run(["template", "tickets", "-o", "t.xlsx"], as: "zhang").status == 3)
        let written = try fixture.run(["template", "tickets", "-o", "t.xlsx", "--lang", "zh"])
        #expect(written.status == 0, "\(written.stderr)")
        #expect(written.stdout == "已写入模板: t.xlsx（1 张表）\n")
        let path = fixture.directory.appendingPathComponent("t.xlsx").path
        let seen = try python("""
        import json, sys, openpyxl
        wb = openpyxl.load_workbook(sys.argv[1])
        ws = wb["售后工单"]
        header = [c.value for c in ws[1]]
        example = [c.value for c in ws[2]]
        validations = {str(v.sqref).split(":")[0]: v.formula1 for v in ws.data_validations.dataValidation}
        print(json.dumps({"sheets": wb.sheetnames, "hidden": wb["选项"].sheet_state, "header": header,
                          "note": ws["E1"].comment.text, "example": [str(v) for v in example[:5]], "italic": ws["A2"].font.i,
                          "freeze": ws.freeze_panes, "validations": validations,
                          "choices": [c.value for c in wb["选项"]["A"]], "format": ws["E2"].number_format}, ensure_ascii=False))
        """, [path])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(seen.utf8)) as? [String: Any])
        #expect(object["sheets"] as? [String] == ["售后工单", "选项"])
        #expect(object["hidden"] as? String == "hidden")
        #expect(object["header"] as? [String] == ["工单号*", "客户", "项目", "优先级*", "受理时间*", "响应时限", "解决时限", "首次响应时间", "解决时间",
                                                   "处理人*", "渠道", "上门次数", "满意度", "是否重开"])
        #expect(object["note"] as? String == "受理时间（opened_at）\n日期时间：2026-10-05 09:30 或日期时间单元格\n例：2026-10-05 09:30\n必填")
        #expect(object["example"] as? [String] == ["示例-001", "示例", "示例", "高", "2026-10-05 09:30:00"])
        #expect(object["italic"] as? Bool == true)
        #expect(object["freeze"] as? String == "A2")
        #expect(object["format"] as? String == "yyyy-mm-dd hh:mm")
        let validations = try #require(object["validations"] as? [String: String])
        #expect(validations["D2"] == "'选项'!$A$1:$A$3")
        #expect(validations["J2"] != nil)
        #expect(object["choices"] as? [String] == ["高", "中", "低"])

        // Untouched, it imports nothing and says so.
        let empty = try fixture.run(["import", "tickets", path])
        #expect(empty.status == 0, "\(empty.stderr)")
        #expect(empty.stdout.contains("row 2 is the template's example row, skipped"))
        #expect(empty.stdout.contains("the file holds no rows of records"))

        // Filled below the example row, as HR would with the dropdowns.
        _ = try python("""
        import sys, datetime, openpyxl
        wb = openpyxl.load_workbook(sys.argv[1])
        ws = wb["售后工单"]
        ws.append(["T1", "某医院", None, "高", datetime.datetime(2026, 10, 5, 9, 0), None, None, datetime.datetime(2026, 10, 5, 9, 10),
                   datetime.datetime(2026, 10, 5, 11, 0), "E3", "上门", 1, 5, "否"])
        ws.append(["T2", None, None, "低", datetime.datetime(2026, 10, 6, 14, 0), None, None, None, None, "张工", "电话", 0, None, None])
        wb.save(sys.argv[1])
        """, [path])
        let filled = try fixture.run(["import", "tickets", path])
        #expect(filled.status == 0, "\(filled.stderr)")
        #expect(filled.stdout.hasPrefix("imported: tickets (sheet 售后工单), 2 rows — 2 added, 0 changed, 0 unchanged\n"))
        let stored = try KpiRunner.sqlite3(fixture.directory.appendingPathComponent("kpi.sqlite").path,
                                           "SELECT id, priority, channel, assignee, visits, reopened FROM tickets ORDER BY id")
        #expect(stored == "T1|P1|onsite|E3|1|0\nT2|P3|phone|E3|0|0\n")
    }

    @Test("all kinds in one workbook, which imports with --workbook: nothing, said sheet by sheet")
    func all() throws {
        let staff = fixture.directory.appendingPathComponent("staff.csv")
        try StoreCommandTests.staff.write(to: staff, atomically: false, encoding: .utf8)
        #expect(try fixture.run(["import", "employees", staff.path]).status == 0)
        let written = try fixture.run(["template", "all", "-o", "all.xlsx", "--lang", "en"])
        #expect(written.stdout == "template written: all.xlsx (18 sheets)\n")
        let imported = try fixture.run(["import", "--workbook", fixture.directory.appendingPathComponent("all.xlsx").path])
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.stdout.components(separatedBy: "the file holds no rows of records").count == 19)
        #expect(!imported.stdout.contains("choices"))
    }
}
