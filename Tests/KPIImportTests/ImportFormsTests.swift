import Foundation
import KPICatalog
import KPIEngine
import KPIExport
@testable import KPIStore
import Testing

/// One small company's records, written as people write them — plain CSV, GB18030 CSV with
/// Chinese headers and values, UTF-8-with-BOM CRLF CSV, one .xlsx per kind with a title row and
/// date cells, one monthly workbook — must give the very same scorecards.
@Suite("HR's files as they arrive: every form gives the scorecards of plain CSV")
struct ImportFormsTests {
    static let catalog = try? Catalog.load(from: URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path, measures: MeasureFamily.catalogue)

    /// The company, kind by kind, in the order they depend on each other: employees first.
    static let records: [(ImportKind, String)] = [
        (.employees, """
        id,name,login,role,manager,hire_date,probation_passed
        E1,王总,wang,general-manager,,2020-01-01,yes
        E2,李经理,li,after-sales-manager,E1,2021-01-01,yes
        E3,张工,zhang,after-sales-engineer,E2,2022-01-01,yes
        E4,赵工,zhao,after-sales-engineer,E2,2022-01-01,no
        E5,陈销售,chen,salesperson,E1,2021-06-01,yes
        E8,孙人事,sun,hr-admin-manager,E1,2021-01-01,yes
        """),
        (.projects, """
        id,name,customer,manager,sales,contract_amount,signed_date,budget_cost,actual_cost,start_date,planned_end,actual_end
        P1,机房改造,某医院,E2,E5,1234567.5,2026-10-08,800000,812345.67,2026-08-05,2026-10-31,2026-10-20
        """),
        (.receivables, """
        id,project,customer,owner,due_date,amount
        R1,P1,某医院,E5,2026-10-15,300000
        R2,P1,某医院,E5,2026-10-25,200000.5
        """),
        (.collections, """
        id,receivable,date,amount
        C1,R1,2026-10-14,300000
        C2,R2,2026-10-30,100000.25
        """),
        (.tickets, """
        id,customer,priority,opened_at,first_response_at,resolved_at,assignee,channel,visits,satisfaction,reopened
        T1,某医院,P1,2026-10-05T09:00,2026-10-05T09:10,2026-10-05T11:00,E3,onsite,1,5,no
        T2,某学校,P2,2026-10-06T09:00,2026-10-06T13:00,2026-10-07T08:00,E3,remote,0,4,no
        T3,某医院,P3,2026-10-07T09:00,2026-10-07T10:00,2026-10-07T12:00,E4,phone,0,5,yes
        T4,某银行,P1,2026-10-20T00:00,2026-10-20T01:30,,E4,onsite,2,,no
        """),
    ]

    /// The header row and the rows of a CSV text.
    static func table(_ text: String) -> (header: [String], rows: [[String]]) {
        let lines = text.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        return (lines[0], Array(lines.dropFirst()))
    }

    static func columns(_ kind: ImportKind, _ header: [String]) -> [ImportKind.Column] {
        header.map { name in kind.columns.first { $0.name == name }! }
    }

    /// A value as a Chinese office writes it: 2026/10/5, 2026年10月5日 9:00, ¥1,234,567.50,
    /// 高, 上门, 是, a role by its name.
    static func chinese(_ value: String, _ column: ImportKind.Column, catalog: Catalog) -> String {
        guard !value.isEmpty else { return value }
        switch column.type {
        case .date:
            let day = Day(iso: value)!.components
            return "\(day.year)/\(day.month)/\(day.day)"
        case .dateTime:
            let time = LocalTime(iso: value)!, day = time.day.components
            let minutes = (time.seconds - time.day.number * 86_400) / 60
            return "\(day.year)年\(day.month)月\(day.day)日 \(minutes / 60):\(minutes % 60 < 10 ? "0" : "")\(minutes % 60)"
        case .amount:
            let cents = Int((Double(value)! * 100).rounded())
            var digits = String(cents / 100), groups: [String] = []
            while digits.count > 3 {
                groups.insert(String(digits.suffix(3)), at: 0)
                digits.removeLast(3)
            }
            return "¥" + ([digits] + groups).joined(separator: ",") + String(format: ".%02d", cents % 100)
        case .bool:
            return value == "yes" ? "是" : "否"
        case .choice(let choices, let names):
            if let place = choices.firstIndex(of: value), place < names.count { return names[place] }
            if column.name == "priority", let level = ServiceLevels.Priority(rawValue: value).flatMap(catalog.serviceLevels.level(for:)) {
                return level.name ?? value
            }
            return value
        default:
            return column.name == "role" ? catalog.role(value)?.name ?? value : value
        }
    }

    /// A fresh database holding the company as `write` hands its files to `importing`, run for
    /// 2026-10: its scorecards.
    static func scorecards(_ name: String, _ importing: (_ directory: URL, _ as: (String) throws -> Appraisals) throws -> Void) throws -> [Scorecard] {
        let catalog = try #require(Self.catalog)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("kpi-forms-\(name)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appendingPathComponent("kpi.sqlite").path
        try importing(directory) { login in try Appraisals(catalog: catalog, store: Store(path: path), login: login) }
        let hr = try Appraisals(catalog: catalog, store: Store(path: path), login: "sun")
        try hr.open(Period("2026-10")!)
        return try hr.run(Period("2026-10")!)
    }

    /// Imports each kind's file: the employees as the first user, the rest as HR.
    static func importEach(_ person: (String) throws -> Appraisals, _ files: [(ImportKind, ImportSource)]) throws {
        for (kind, source) in files {
            _ = try person(kind == .employees ? "nobody" : "sun").importRecords(kind, from: source, Appraisals.ImportOptions())
        }
    }

    static let plain: [Scorecard] = (try? scorecards("plain") { directory, person in
        try importEach(person, try records.map { kind, text in
            let url = directory.appendingPathComponent("\(kind.id).csv")
            try Data(text.utf8).write(to: url)
            return (kind, .file(url.path))
        })
    }) ?? []

    @Test("the plain CSV company has scorecards worth comparing")
    func plainCompany() throws {
        #expect(Self.plain.count == 6)
        #expect(Self.plain.filter { $0.total != nil }.count == 6)
        let engineer = try #require(Self.plain.first { $0.employee == "E3" })
        #expect(engineer.lines.contains { $0.value != nil && $0.kpi.contains("response") })
    }

    @Test("GB18030 CSV with Chinese headers, dates 2026/10/5, amounts ¥1,234.50, 高/上门/是 and role names")
    func gb18030() throws {
        let catalog = try #require(Self.catalog)
        let cards = try Self.scorecards("gb18030") { directory, person in
            try Self.importEach(person, try Self.records.map { kind, text in
                let (header, rows) = Self.table(text)
                let columns = Self.columns(kind, header)
                let lines = [columns.map(\.header)] + rows.map { row in zip(row, columns).map { Self.chinese($0, $1, catalog: catalog) } }
                let csv = lines.map { $0.map { $0.contains(",") ? "\"\($0)\"" : $0 }.joined(separator: ",") }.joined(separator: "\n")
                let url = directory.appendingPathComponent("\(kind.id)-gbk.csv")
                try Self.gb18030(csv).write(to: url)
                return (kind, .file(url.path))
            })
        }
        #expect(cards == Self.plain)
    }

    @Test("UTF-8 with a BOM and CRLF line ends")
    func bomCRLF() throws {
        let cards = try Self.scorecards("bom") { directory, person in
            try Self.importEach(person, try Self.records.map { kind, text in
                let url = directory.appendingPathComponent("\(kind.id)-bom.csv")
                try Data(("\u{FEFF}" + text.replacingOccurrences(of: "\n", with: "\r\n") + "\r\n").utf8).write(to: url)
                return (kind, .file(url.path))
            })
        }
        #expect(cards == Self.plain)
    }

    @Test("one .xlsx per kind: a title row, Chinese headers, date cells and number cells")
    func workbookPerKind() throws {
        let cards = try Self.scorecards("xlsx") { directory, person in
            try Self.importEach(person, try Self.records.map { kind, text in
                let path = directory.appendingPathComponent("\(kind.id).xlsx").path
                let workbook = try Workbook(path: path, constantMemory: false)
                try Self.writeSheet(kind, text, to: workbook.addWorksheet(kind.nameZh), workbook: workbook, title: true)
                try workbook.close()
                return (kind, .file(path))
            })
        }
        #expect(cards == Self.plain)
    }

    @Test("one monthly workbook, a sheet per kind named in Chinese, in any order, and a sheet of notes")
    func monthlyWorkbook() throws {
        let cards = try Self.scorecards("month") { directory, person in
            let staff = directory.appendingPathComponent("staff.csv")
            try Data(Self.records[0].1.utf8).write(to: staff)
            _ = try person("nobody").importRecords(.employees, from: .file(staff.path), Appraisals.ImportOptions())
            let path = directory.appendingPathComponent("2026-10.xlsx").path
            let workbook = try Workbook(path: path, constantMemory: false)
            try workbook.addWorksheet("说明").write(0, 0, "本月数据")
            for (kind, text) in Self.records.reversed() {
                try Self.writeSheet(kind, text, to: workbook.addWorksheet(kind.nameZh), workbook: workbook, title: false)
            }
            try workbook.close()
            let summaries = try person("sun").importWorkbook(path, Appraisals.ImportOptions())
            #expect(summaries.map(\.kind) == Self.records.map(\.0))
        }
        #expect(cards == Self.plain)
    }

    @Test("a dry run of a monthly workbook finds a new engineer's tickets by the engineer its 员工 sheet adds, and writes nothing")
    func workbookDryRun() throws {
        let catalog = try #require(Self.catalog)
        let (directory, path) = try Self.staffed()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("month.xlsx").path
        let workbook = try Workbook(path: file, constantMemory: false)
        try Self.writeSheet(.tickets, "id,priority,opened_at,assignee\nT9,P2,2026-10-09T10:00,E9", to: workbook.addWorksheet("售后工单"), workbook: workbook, title: false)
        try Self.writeSheet(.employees, "id,name,role,manager,hire_date\nE9,周工,after-sales-engineer,E2,2026-10-01",
                            to: workbook.addWorksheet("员工"), workbook: workbook, title: false)
        try workbook.close()
        let hr = try Appraisals(catalog: catalog, store: Store(path: path), login: "sun")
        let dry = try hr.importWorkbook(file, .init(dryRun: true))
        #expect(dry.map(\.kind) == [.employees, .tickets])
        #expect(dry.map(\.added) == [1, 1])
        var count = -1
        try Store(path: path).database.prepare("SELECT (SELECT COUNT(*) FROM tickets) + (SELECT COUNT(*) FROM employees WHERE id = 'E9')").forEach { count = Int($0.int(0)) }
        #expect(count == 0)
        #expect(try hr.importWorkbook(file, .init()).map(\.added) == [1, 1])
    }

    @Test("a bad cell of a workbook is named FILE:SHEET!CELL, in Chinese under zh, and nothing is written")
    func badCell() throws {
        let catalog = try #require(Self.catalog)
        let (directory, path) = try Self.staffed()
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("tickets.xlsx").path
        let workbook = try Workbook(path: file, constantMemory: false)
        let sheet = try workbook.addWorksheet("工单")
        for (column, header) in ["工单号", "优先级", "受理时间", "首次响应时间", "处理人"].enumerated() { try sheet.write(0, column, header) }
        for (column, value) in ["T1", "P1", "2026-10-05 09:00", "2026-10-05 09:10", "E3"].enumerated() { try sheet.write(1, column, value) }
        for (column, value) in ["T2", "中", "2026-10-06 09:00", "2026-13-01 10:00", "张工"].enumerated() { try sheet.write(2, column, value) }
        try workbook.close()
        let hr = try Appraisals(catalog: catalog, store: Store(path: path), login: "sun")
        #expect(throws: ImportError(file: file, sheet: "工单", problems: [ImportProblem(line: 3, column: 4,
            "首次响应时间「2026-13-01 10:00」不是日期时间；请写 2026-10-05 09:30、2026/10/5 9:30 或 2026年10月5日 9:30:00")], badRows: 1)) {
            try hr.importRecords(.tickets, from: .file(file), .init(chinese: true))
        }
        do {
            _ = try hr.importRecords(.tickets, from: .file(file), .init(chinese: true))
        } catch let error as ImportError {
            #expect(error.lines == ["\(file):工单!D3: 首次响应时间「2026-13-01 10:00」不是日期时间；请写 2026-10-05 09:30、2026/10/5 9:30 或 2026年10月5日 9:30:00"])
        }
        var tickets = -1
        try Store(path: path).database.prepare("SELECT COUNT(*) FROM tickets").forEach { tickets = Int($0.int(0)) }
        #expect(tickets == 0)
    }

    /// A fresh database in a folder of its own (for the caller to remove) holding the company's
    /// employees, imported by the first user.
    static func staffed() throws -> (directory: URL, path: String) {
        let catalog = try #require(Self.catalog)
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("kpi-forms-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let path = directory.appendingPathComponent("kpi.sqlite").path
        let staff = directory.appendingPathComponent("staff.csv")
        try Data(Self.records[0].1.utf8).write(to: staff)
        _ = try Appraisals(catalog: catalog, store: Store(path: path), login: "nobody").importRecords(.employees, from: .file(staff.path), .init())
        return (directory, path)
    }

    /// Writes a kind's records into a sheet: optionally a title and a blank row, the Chinese
    /// header, dates and moments as date cells, numbers as number cells, the rest as text.
    static func writeSheet(_ kind: ImportKind, _ text: String, to sheet: Worksheet, workbook: Workbook, title: Bool) throws {
        let (header, rows) = table(text)
        let columns = columns(kind, header)
        var row = 0
        if title {
            try sheet.write(0, 0, "\(kind.nameZh) 2026年10月")
            row = 2
        }
        for (column, name) in columns.enumerated() { try sheet.write(row, column, name.header) }
        let date = try workbook.format(CellFormat(numberFormat: "yyyy/m/d"))
        let moment = try workbook.format(CellFormat(numberFormat: "yyyy-mm-dd hh:mm"))
        for values in rows {
            row += 1
            for (column, (value, declared)) in zip(values, columns).enumerated() where !value.isEmpty {
                switch declared.type {
                case .date: try sheet.write(row, column, serial(Day(iso: value)!.number * 86_400), date)
                case .dateTime: try sheet.write(row, column, serial(LocalTime(iso: value)!.seconds), moment)
                case .amount, .quantity, .integer: try sheet.write(row, column, Double(value)!)
                default: try sheet.write(row, column, value)
                }
            }
        }
    }

    /// The Excel serial of local seconds since 1970.
    static func serial(_ seconds: Int) -> Double { Double(seconds) / 86_400 + 25_569 }

    /// Text as GB18030 bytes, by the C library's iconv (the `iconv` tool).
    static func gb18030(_ text: String) throws -> Data {
        let process = Process(), input = Pipe(), output = Pipe()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["iconv", "-f", "UTF-8", "-t", "GB18030"]
        process.standardInput = input
        process.standardOutput = output
        try process.run()
        input.fileHandleForWriting.write(Data(text.utf8))
        try input.fileHandleForWriting.close()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return data
    }
}
