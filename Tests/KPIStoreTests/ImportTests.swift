import Foundation
import Testing
@testable import KPIStore

@Suite("CSV import: all or nothing, every bad row named, idempotent")
struct ImportTests {
    @Test("three bad rows among good ones: refused whole, each named by line and column, database unchanged")
    func badRowsRefuseTheFile() throws {
        let fixture = try StoreFixture()
        let before = try fixture.snapshot()
        let file = try fixture.write("tickets-bad.csv", """
        id,priority,opened_at,assignee,satisfaction,first_response_at
        T10,P1,2026-10-02T09:00,E3,5,2026-10-02T09:10
        T11,P4,2026-10-02T09:00,E3,5,
        T12,P2,2026-10-02T09:00,E3,4,
        T13,P1,2026-10-02,E99,9,
        T14,P3,2026-10-03T10:00,E3,,2026-10-03T09:00
        """)
        #expect(throws: ImportError(file: file, problems: [
            ImportProblem(line: 3, column: 2, "`priority` `P4` is not one of the choices: P1, P2, P3"),
            ImportProblem(line: 5, column: 3, "`opened_at` `2026-10-02` has a date but no time; write 2026-10-05 09:30, 2026/10/5 9:30 or 2026年10月5日 9:30:00"),
            ImportProblem(line: 5, column: 4, "`assignee` `E99` is not a known employee (by id or name); import the employees first"),
            ImportProblem(line: 5, column: 5, "`satisfaction` `9` is out of range; it must be 1 to 5"),
            ImportProblem(line: 6, column: 6, "`first_response_at` is before `opened_at`"),
        ], badRows: 3)) {
            try fixture.store.importCSV(.tickets, file: file, actor: "test", context: StoreFixture.context)
        }
        #expect(try fixture.snapshot() == before)
    }

    @Test("importing the same file again changes nothing")
    func reimportIsNoOp() throws {
        let fixture = try StoreFixture()
        let before = try fixture.snapshot()
        for (kind, text) in StoreFixture.files {
            let summary = try fixture.store.importCSV(kind, file: try fixture.write("again-\(kind.id).csv", text),
                                                      actor: "test", context: StoreFixture.context)
            #expect(summary.added == 0 && summary.changed == 0, "\(kind.id)")
            #expect(summary.unchanged == summary.rows)
        }
        #expect(try fixture.snapshot() == before)
    }

    @Test("a row with an existing key replaces it")
    func replace() throws {
        let fixture = try StoreFixture()
        let file = try fixture.write("collections-fix.csv", "id,receivable,date,amount\nC1,R1,2026-10-25,6500\nC9,R3,2026-10-30,100")
        let summary = try fixture.store.importCSV(.collections, file: file, actor: "test", context: StoreFixture.context)
        var expected = ImportSummary(kind: .collections, rows: 2, added: 1, changed: 1, unchanged: 0, dryRun: false)
        expected.months = [Period("2026-10")!]
        #expect(summary == expected)
        #expect(try fixture.sheet("2026-10").value(.init("billing.collected"), for: "E5", scope: .self) == 11_600)
    }

    @Test("loading an empty table builds its indexes after the rows; a refused load leaves them as they were")
    func indexesOfAnEmptyTable() throws {
        let fixture = try StoreFixture()
        func indexes() throws -> [String] {
            var names: [String] = []
            try fixture.store.database.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'collections' AND sql IS NOT NULL ORDER BY name")
                .forEach { names.append($0.text(0)) }
            return names
        }
        func plan() throws -> String {
            var steps: [String] = []
            try fixture.store.database.prepare("EXPLAIN QUERY PLAN SELECT SUM(amount) FROM collections WHERE date BETWEEN 20000 AND 20030")
                .forEach { steps.append($0.text(3)) }
            return steps.joined(separator: "; ")
        }
        try fixture.store.database.execute("DELETE FROM collections", context: "test")
        let bad = try fixture.write("collections-bad.csv", "id,receivable,date,amount\nC1,R1,2026-10-25,6500\nC2,R404,2026-10-25,1")
        #expect(throws: ImportError.self) {
            try fixture.store.importCSV(.collections, file: bad, actor: "test", context: StoreFixture.context)
        }
        #expect(try indexes() == ["collections_date", "collections_receivable"])
        #expect(try fixture.store.count("collections") == 0)

        let good = try fixture.write("collections-good.csv", "id,receivable,date,amount\nC1,R1,2026-10-25,6000\nC2,R1,2026-11-02,4000")
        let summary = try fixture.store.importCSV(.collections, file: good, actor: "test", context: StoreFixture.context)
        #expect(summary.added == 2)
        #expect(try indexes() == ["collections_date", "collections_receivable"])
        #expect(try plan().contains("USING INDEX collections_date"))
    }

    @Test("a file of many batches with one bad row near its end: refused whole, nothing written")
    func badRowAfterManyBatches() throws {
        let fixture = try StoreFixture()
        let before = try fixture.snapshot()
        let rows = (1...9_000).map { "S\($0 + 100),物料\($0),\($0 == 8_765 ? "" : "个")" }
        let file = try fixture.write("items-many.csv", "sku,name,unit\n" + rows.joined(separator: "\n").replacingOccurrences(of: "S8865,物料8765,", with: "S8865,,"))
        #expect(throws: ImportError(file: file, problems: [ImportProblem(line: 8_766, column: 2, "`name` is required")], badRows: 1)) {
            try fixture.store.importCSV(.items, file: file, actor: "test", context: StoreFixture.context)
        }
        #expect(try fixture.snapshot() == before)
    }

    @Test("SQLite refusing a row in the middle of a long file stops the reading side and rolls everything back")
    func writerFailure() throws {
        let fixture = try StoreFixture()
        let before = try fixture.snapshot()
        try fixture.store.database.execute("""
            CREATE TRIGGER refuse_s5000 BEFORE INSERT ON items WHEN NEW.sku = 'S5000' BEGIN SELECT RAISE(ABORT, 'refused by the test'); END
            """, context: "test")
        let file = try fixture.write("items-long.csv", "sku,name\n" + (1...30_000).map { "S\($0),物料" }.joined(separator: "\n"))
        let progress = Calls()
        var context = StoreFixture.context
        context.progress = { progress.record($0) }
        #expect(throws: StoreError.self) {
            try fixture.store.importCSV(.items, file: file, actor: "test", context: context)
        }
        #expect(try fixture.snapshot() == before)
        #expect(progress.values.isEmpty)

        try fixture.store.database.execute("DROP TRIGGER refuse_s5000", context: "test")
        let summary = try fixture.store.importCSV(.items, file: file, actor: "test", context: context)
        #expect(summary.added == 30_000 - 1)
        // Reported as the written rows pass each 10,000, in batches of 2,048 rows, and at the end.
        #expect(progress.values == [10_240, 20_480, 30_000])
    }

    @Test("a dry run checks and writes nothing")
    func dryRun() throws {
        let fixture = try StoreFixture()
        let before = try fixture.snapshot()
        let audits = try fixture.store.count("audit_log")
        let file = try fixture.write("items-new.csv", "sku,name\nS2,摄像机\nS3,交换机")
        let summary = try fixture.store.importCSV(.items, file: file, actor: "test", dryRun: true, context: StoreFixture.context)
        #expect(summary == ImportSummary(kind: .items, rows: 2, added: 2, changed: 0, unchanged: 0, dryRun: true))
        #expect(try fixture.snapshot() == before)
        #expect(try fixture.store.count("audit_log") == audits)
    }

    @Test("a dry run takes no write lock, and counts what the import then does")
    func dryRunWithoutLock() throws {
        let fixture = try StoreFixture()
        let file = try fixture.write("tickets-mixed.csv", """
        id,priority,opened_at,assignee,satisfaction
        T1,P1,2026-10-01T09:00,E3,4
        T3,P3,2026-11-01T00:00,E3,4
        T9,P2,2026-11-05T10:00,E4,
        T10,P2,2026-11-06T10:00,E4,
        T9,P2,2026-11-07T10:00,E4,
        """)
        let writer = try Store(path: fixture.store.path)
        try writer.transaction {
            // Another process holds the write lock: a dry run neither waits for it nor fails.
            let started = Date()
            do {
                _ = try fixture.store.importCSV(.tickets, file: file, actor: "test", dryRun: true, context: StoreFixture.context)
                Issue.record("the repeated T9 was not found")
            } catch let error as ImportError {
                #expect(error.lines == ["\(file):6:1: the key T9 is also on line 4; keep one of the two rows"])
            }
            #expect(Date().timeIntervalSince(started) < 2)
        }
        let once = try fixture.write("tickets-once.csv", """
        id,priority,opened_at,assignee,satisfaction
        T1,P1,2026-10-01T09:00,E3,4
        T3,P3,2026-11-01T00:00,E3,4
        T9,P2,2026-11-05T10:00,E4,
        """)
        let dry = try fixture.store.importCSV(.tickets, file: once, actor: "test", dryRun: true, context: StoreFixture.context)
        let real = try fixture.store.importCSV(.tickets, file: once, actor: "test", context: StoreFixture.context)
        #expect(dry.added == real.added && dry.changed == real.changed && dry.unchanged == real.unchanged)
        #expect(real.added == 1 && real.changed == 2)
    }

    @Test("each import leaves an entry under its kind, and one under each month it touched, with rows added and changed")
    func audit() throws {
        let fixture = try StoreFixture()
        #expect(try fixture.store.auditEntries().filter { $0.target == $0.target.lowercased() && Period($0.target) == nil }.count
                == StoreFixture.files.count)
        let tickets = try fixture.store.auditEntries(target: "2026-10").filter { $0.summary.hasPrefix("tickets from ") }.map(\.summary)
        #expect(tickets.count == 1)
        #expect(tickets.first?.hasSuffix(": 3 added, 0 changed") == true)  // T1, T2 and T4 were opened in October
        let file = try fixture.write("later.csv", "id,priority,opened_at,assignee\nT1,P1,2026-10-05T09:00,E4\nT9,P3,2026-11-20T09:00,E3")
        _ = try fixture.store.importCSV(.tickets, file: file, actor: "test", context: StoreFixture.context)
        #expect(try fixture.store.auditEntries(target: "2026-10").last?.summary == "tickets from \(file): 0 added, 1 changed")
        #expect(try fixture.store.auditEntries(target: "2026-11").last?.summary == "tickets from \(file): 1 added, 0 changed")
    }

    @Test("a change to an employee's role, manager or dates is audited with before and after")
    func employeeChanges() throws {
        let fixture = try StoreFixture()
        let file = try fixture.write("moves.csv", """
        id,name,login,role,manager,hire_date,leave_date
        E3,张工,zhang,svc-mgr,E1,2022-05-01,
        E4,赵工,,field-eng,E2,2022-05-01,2026-10-31
        """)
        _ = try fixture.store.importCSV(.employees, file: file, actor: "hr", context: StoreFixture.context)
        let changes = try fixture.store.auditEntries(target: "employees").filter { $0.action == "change" }.map(\.summary)
        #expect(changes == ["E3: role svc-eng → svc-mgr, manager E2 → E1", "E4: leave_date 2026-10-15 → 2026-10-31"])
    }

    @Test("header problems: a missing column; an unknown one ignored and named with the closest, or refused with --strict")
    func header() throws {
        let fixture = try StoreFixture()
        let file = try fixture.write("items-header.csv", "sku,nmae,colour\nS2,摄像机,white")
        let columns = "sku (物料编码), name (物料名称), unit (单位)"
        #expect(throws: ImportError(file: file, problems: [
            ImportProblem(line: 1, column: 4, "missing required column `name`; the columns of items are \(columns)"),
        ], badRows: 0)) {
            try fixture.store.importCSV(.items, file: file, actor: "test", context: StoreFixture.context)
        }
        #expect(throws: ImportError(file: file, problems: [
            ImportProblem(line: 1, column: 2, "unknown column `nmae`; did you mean name (物料名称)?"),
            ImportProblem(line: 1, column: 3, "unknown column `colour`; the columns of items are \(columns)"),
            ImportProblem(line: 1, column: 4, "missing required column `name`; the columns of items are \(columns)"),
        ], badRows: 0)) {
            try fixture.store.importRecords(.items, from: .file(file), actor: "test", strict: true, context: StoreFixture.context)
        }
        let remarks = try fixture.write("items-remarks.csv", "sku,name,备注\nS2,摄像机,白色")
        let summary = try fixture.store.importCSV(.items, file: remarks, actor: "test", context: StoreFixture.context)
        #expect(summary.added == 1)
        #expect(summary.notes == ["ignored columns kpi does not know: `备注`"])
        #expect(throws: ImportError.self) {
            try fixture.store.importRecords(.items, from: .file(remarks), actor: "test", strict: true, context: StoreFixture.context)
        }
    }

    @Test("row checks", arguments: [
        (ImportKind.inspections, "id,project,date,items_checked,items_failed,items_reworked\nI9,P1,2026-10-01,5,6,0",
         "2:5: `items_failed` (6) is more than `items_checked` (5)"),
        (.inspections, "id,project,date,items_checked,items_failed,items_reworked\nI9,P1,2026-10-01,5,2,3",
         "2:6: `items_reworked` (3) is more than `items_failed` (2)"),
        (.stockCounts, "id,date,sku,book_qty,counted_qty,keeper\nK9,2026-10-01,S1,-1,0,E6",
         "2:4: `book_qty` `-1` must not be negative"),
        (.receivables, "id,owner,due_date,amount\nR9,E5,2026-10-01,12.345",
         "2:4: `amount` `12.345` is not an amount; write 1234.50, 1,234.50 or ¥1,234.50, with at most two decimals"),
        (.receivables, "id,owner,due_date,amount\nR9,E5,2026-10-01,\"12,34\"",
         "2:4: `amount` `12,34` is not an amount; write 1234.50, 1,234.50 or ¥1,234.50, with at most two decimals"),
        (.receivables, "id,owner,due_date,amount\nR9,E5,2026-10-01,\"1,2345.00\"",
         "2:4: `amount` `1,2345.00` is not an amount; write 1234.50, 1,234.50 or ¥1,234.50, with at most two decimals"),
        (.tickets, "id,priority,opened_at,assignee,satisfaction\nT9,P1,2026-10-02T09:00,E3",
         "2:5: the row has 4 fields but the header has 5; write the missing ones, empty if need be (a comma each)"),
        (.items, "sku,name\nS9,网线,超五类", "2:3: the row has a value beyond the header's 2 fields (`超五类`); remove it, name its column, or quote a text that holds a comma"),
        (.employees, "id,name,role,hire_date\nE9,新人,astronaut,2026-10-01", "2:3: unknown role `astronaut`"),
        (.employees, "id,name,role,manager,hire_date\nE9,新人,gm,E77,2026-10-01", "2:4: manager `E77` is neither in the database nor in this file"),
        (.purchaseOrders, "id,buyer,ordered_date,promised_date,conforming\nPO9,E6,2026-10-01,2026-10-05,maybe",
         "2:5: `conforming` `maybe` must be yes or no (yes/no, Y/N, true/false, 1/0, 是/否)"),
        (.ratings, "period,employee,kpi,score\n2026-10,E3,attitude,6", "2:4: `score` must be 1 to 5"),
        (.ratings, "period,employee,kpi,score\n2026-10-01,E3,attitude,4", "2:1: `period` `2026-10-01` is not a month; write 2026-10, 2026/10 or 2026年10月"),
        (.requisitions, "id,recruiter,positions,needed_by,filled\nRQ9,E1,2,2026-10-01,3", "2:5: `filled` (3) is more than `positions` (2)"),
        (.activities, "id,employee,date,kind,quantity,defects\nA9,E3,2026-10-01,凭证,5,6", "2:6: `defects` (6) is more than `quantity` (5)"),
        (.milestones, "id,project,name,due_date\nM9,P7,验收,2026-10-01", "2:2: `project` `P7` is not a known project (by id); import the projects first"),
        (.collections, "id,receivable,date,amount\nC9,R1,2026-10-01,", "2:4: `amount` is required"),
        (.tickets, "id,priority,opened_at,assignee,visits\nT9,P1,2026-10-02T09:00,E3,2.5", "2:5: `visits` `2.5` is not a whole number"),
        (.tickets, "id,priority,opened_at,assignee,visits\nT9,p2,2026-10-02T09:00+08:00,E3,-1", "2:5: `visits` `-1` is too small; it must be at least 0"),
        (.tickets, "id,priority,opened_at,assignee,visits\nT9,P2,2026-10-02T09:00,E3,99999999999999999999",
         "2:5: `visits` `99999999999999999999` is not a whole number"),
    ])
    func rowChecks(kind: ImportKind, text: String, expected: String) throws {
        let fixture = try StoreFixture()
        let file = try fixture.write("check.csv", text)
        do {
            _ = try fixture.store.importCSV(kind, file: file, actor: "test", context: StoreFixture.context)
            Issue.record("the import was accepted")
        } catch let error as ImportError {
            #expect(error.lines == ["\(file):\(expected)"])
        }
    }

    @Test("a manager later in the same file, a BOM, quoted fields and CRLF line ends are fine")
    func forgiving() throws {
        let fixture = try StoreFixture()
        let file = try fixture.write("staff.csv", "\u{FEFF}id,name,role,manager,hire_date\r\nE20,\"刘, 工\",svc-eng,E21,2026-10-01\r\nE21,陈经理,svc-mgr,E1,2026-10-01\r\n")
        let summary = try fixture.store.importCSV(.employees, file: file, actor: "test", context: StoreFixture.context)
        #expect(summary.added == 2)
        #expect(try fixture.store.employees().first { $0.id == "E20" }?.name == "刘, 工")
    }

    @Test("the same key twice in one file is refused with both lines, whether or not the key was stored before", arguments: [
        (ImportKind.items, "sku,name\nS9,网线\nS10,水晶头\nS9,超五类网线", "4:1: the key S9 is also on line 2; keep one of the two rows"),
        (.items, "sku,name\nS1,网线\nS1,超五类网线", "3:1: the key S1 is also on line 2; keep one of the two rows"),
        (.salesTargets, "amount,employee,period\n100,E5,2026-10\n200,E5,2026-10",
         "3:2: the key E5 / 2026-10 is also on line 2; keep one of the two rows"),
    ])
    func repeatedKeys(kind: ImportKind, text: String, expected: String) throws {
        let fixture = try StoreFixture()
        let before = try fixture.snapshot()
        let file = try fixture.write("repeated.csv", text)
        do {
            _ = try fixture.store.importCSV(kind, file: file, actor: "test", context: StoreFixture.context)
            Issue.record("the import was accepted")
        } catch let error as ImportError {
            #expect(error.lines == ["\(file):\(expected)"])
        }
        #expect(try fixture.snapshot() == before)
    }

    @Test("amounts with thousands separators are read as written; a short row never blanks stored values")
    func amountsAndShortRows() throws {
        let fixture = try StoreFixture()
        let grouped = try fixture.write("grouped.csv", "id,owner,due_date,amount\nR9,E5,2026-10-01,\"1,234.50\"\nR10,E5,2026-10-01,\"12,345,678\"")
        _ = try fixture.store.importCSV(.receivables, file: grouped, actor: "test", context: StoreFixture.context)
        var cents: [Int64] = []
        try fixture.store.database.prepare("SELECT amount FROM receivables WHERE id IN ('R9', 'R10') ORDER BY amount").forEach { cents.append($0.int(0)) }
        #expect(cents == [123_450, 1_234_567_800])
        // A ticket re-imported with its satisfaction field missing is refused, not blanked.
        let before = try fixture.snapshot()
        let short = try fixture.write("short.csv", "id,priority,opened_at,assignee,satisfaction\nT1,P1,2026-10-05T09:00,E3")
        #expect(throws: ImportError.self) { try fixture.store.importCSV(.tickets, file: short, actor: "test", context: StoreFixture.context) }
        #expect(try fixture.snapshot() == before)
    }

    @Test("GBK bytes are read as GB18030; text that is not UTF-8 where UTF-8 is named is refused by its line; an empty file, a missing file, a folder: one line each")
    func unreadable() throws {
        let fixture = try StoreFixture()
        let gbk = fixture.directory.appendingPathComponent("gbk.csv")
        // 网线 in GBK.
        try Data(Array("sku,name\nS7,".utf8) + [0xCD, 0xF8, 0xCF, 0xDF, 0x0A]).write(to: gbk)
        #expect(throws: ImportError(file: gbk.path, problems: [ImportProblem(line: 2, column: 1,
            "this line is not UTF-8 text, though the file began as UTF-8; save the whole file as UTF-8, or name its encoding with --encoding gb18030")], badRows: 1)) {
            try fixture.store.importRecords(.items, from: .text(path: gbk.path, encoding: .utf8), actor: "test", context: StoreFixture.context)
        }
        _ = try fixture.store.importCSV(.items, file: gbk.path, actor: "test", context: StoreFixture.context)
        var name = ""
        try fixture.store.database.prepare("SELECT name FROM items WHERE sku = 'S7'").forEach { name = $0.text(0) }
        #expect(name == "网线")
        let empty = try fixture.write("empty.csv", "")
        for (path, message) in [(empty, "the file is empty; it needs a header row naming its columns"),
                                ("/nonexistent.csv", "cannot read the file; check the path and its permissions"),
                                (fixture.directory.path, "cannot read the file; check the path and its permissions")] {
            #expect(throws: ImportError(file: path, problems: [ImportProblem(line: 0, column: 0, message)], badRows: 0)) {
                try fixture.store.importCSV(.items, file: path, actor: "test", context: StoreFixture.context)
            }
        }
    }

    @Test("tickets without due times take them from their priority")
    func ticketDueTimes() throws {
        let fixture = try StoreFixture()
        var due: [String] = []
        try fixture.store.database.prepare("SELECT response_due, resolution_due FROM tickets WHERE id = 'T4'").forEach { row in
            due = [LocalTime(seconds: Int(row.int(0))).iso, LocalTime(seconds: Int(row.int(1))).iso]
        }
        #expect(due == ["2026-10-10T10:30:00", "2026-10-10T14:00:00"])
    }
}

/// Values a `@Sendable` callback was called with, from whichever thread.
final class Calls: @unchecked Sendable {
    // `recorded` is read and written only while `lock` is held.
    private let lock = NSLock()
    private var recorded: [Int] = []

    func record(_ value: Int) { lock.withLock { recorded.append(value) } }

    var values: [Int] { lock.withLock { recorded } }
}

@Suite("The lines of inserted rows, kept as runs")
struct InsertedLinesTests {
    @Test("each insertion's line, across runs and beyond the end")
    func lines() {
        var lines = InsertedLines()
        for line: Int32 in [2, 3, 4, 7, 8, 20] { lines.append(line) }
        #expect((0..<7).map { lines.line(at: $0) } == [2, 3, 4, 7, 8, 20, nil])
        #expect(lines.line(at: -1) == nil)
    }
}

@Suite("Import problems in the language of the person importing")
struct ImportLanguageTests {
    @Test("under zh, cells and row checks are named by their Chinese headers", arguments: [
        (ImportKind.collections, "回款编号,应收编号,回款日期,回款金额\nC9,R1,2026/10/1,0", "2:4: 回款金额必须大于 0"),
        (.tickets, "工单号,优先级,受理时间,处理人,首次响应时间\nT9,P1,2026-10-02 09:00,E3,2026-10-02 08:00", "2:5: 首次响应时间早于受理时间"),
        (.tickets, "工单号,优先级,受理时间,处理人\nT9,P1,2026/10/02,E3",
         "2:3: 受理时间「2026/10/02」只有日期，还需要时间，如 2026-10-05 09:30、2026/10/5 9:30 或 2026年10月5日 9:30:00"),
        (.inspections, "检查编号,项目,检查日期,检查项数,不合格项数,整改项数\nI9,P1,2026-10-01,5,6,0", "2:5: 不合格项数（6）多于检查项数（5）"),
        (.receivables, "应收编号,催收人,到期日,应收金额\nR9,E5,05/10/2026,100",
         "2:3: 到期日「05/10/2026」分不清日和月；请写 2026-10-05、2026/10/5、2026.10.05 或 2026年10月5日"),
    ])
    func chinese(kind: ImportKind, text: String, expected: String) throws {
        let fixture = try StoreFixture()
        let file = try fixture.write("zh.csv", text)
        var context = StoreFixture.context
        context.chinese = true
        do {
            _ = try fixture.store.importRecords(kind, from: .file(file), actor: "test", context: context)
            Issue.record("the import was accepted")
        } catch let error as ImportError {
            #expect(error.lines == ["\(file):\(expected)"])
        }
    }

    @Test("a closed month's refusal, in Chinese, names what to reopen")
    func closedInChinese() {
        let october = Period("2026-10")!, november = Period("2026-11")!
        let closed = ClosedPeriods([october, Period("2026-Q4")!])
        #expect(closed.refusal(for: november, chinese: true) == "2026-11 随 2026-Q4 一并关账；需管理员先重新开启 2026-Q4：kpi appraisal reopen 2026-Q4")
        #expect(closed.refusal(for: october, chinese: true)
                == "2026-10 已关账，2026-Q4 也已关账；需管理员全部重新开启：kpi appraisal reopen 2026-10，再 kpi appraisal reopen 2026-Q4")
        #expect(ClosedPeriods([october]).refusal(for: october, chinese: true) == "2026-10 已关账；需管理员先重新开启：kpi appraisal reopen 2026-10")
    }
}
