import Foundation
import KPICatalog
import KPIDemo
import KPIEngine
@testable import KPIExport
import KPIStore
import Testing

/// Reads a workbook back with openpyxl, an independent reader, and returns what it saw.
func readBack(_ path: String) throws -> [String: Any] {
    let script = """
    import json, sys, openpyxl
    wb = openpyxl.load_workbook(sys.argv[1])
    out = {"sheets": wb.sheetnames, "title": wb.properties.title, "sheet": {}}
    for ws in wb.worksheets:
        rows = [[c.value for c in row] for row in ws.iter_rows(min_row=1, max_row=min(ws.max_row, 12))]
        formats = [[c.number_format for c in row] for row in ws.iter_rows(min_row=1, max_row=min(ws.max_row, 3))]
        out["sheet"][ws.title] = {"rows": rows, "formats": formats, "charts": len(ws._charts), "max_row": ws.max_row,
                                  "freeze": ws.freeze_panes, "filter": ws.auto_filter.ref,
                                  "landscape": ws.page_setup.orientation, "fit_width": ws.page_setup.fitToWidth}
    print(json.dumps(out, ensure_ascii=False, default=str))
    """
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["python3", "-c", script, path]
    let output = Pipe()
    let errors = Pipe()
    process.standardOutput = output
    process.standardError = errors
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    let problem = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    guard process.terminationStatus == 0, let object = try JSONSerialization.jsonObject(with: data) as? [String: Any] else {
        throw FixtureError("openpyxl could not read \(path) (make deps installs it): \(problem)")
    }
    return object
}

struct FixtureError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// A small appraised demo company, shared by the tests of this suite.
struct ExportFixture {
    let appraisals: Appraisals
    /// The demo company's database, read directly to compare with what the engine hands over.
    let store: Store
    let directory: URL
    static let period = Period("2026-10")!

    init(months: Int = 1) throws {
        let catalog = try Catalog.load(from: URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path, measures: MeasureFamily.catalogue)
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("kpi-export-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let path = directory.appendingPathComponent("demo.sqlite").path
        let summary = try DemoCompany.build(catalog: catalog, at: path, options: DemoOptions(
            employees: 80, months: months, end: Self.period, seed: 11, hrLogin: "hr"))
        _ = try DemoCompany.runAppraisals(catalog: catalog, path: path, summary: summary)
        store = try Store(path: path)
        appraisals = try Appraisals(catalog: catalog, store: store, login: "hr")
    }

    func workbook(department: String? = nil, english: Bool = false) throws -> (path: String, cards: [Scorecard]) {
        let set = try appraisals.scorecardsForExport(period: Self.period, department: department, employee: nil)
        var cards: [Scorecard] = []
        try set.read(results: { _, _ in }) { cards.append($0) }
        let path = directory.appendingPathComponent("\(department ?? "company")-\(english ? "en" : "zh").xlsx").path
        let names = Dictionary(try appraisals.organisation.employees.map { ($0.id, $0.name) }) { first, _ in first }
        let written = try ScorecardWorkbook(catalog: appraisals.catalog, period: Self.period, status: "open", cards: set,
                                            names: names, english: english, employeeSheets: department != nil, title: "test").write(to: path)
        #expect(written == cards.count)
        return (path, cards)
    }
}

@Suite("The XLSX workbook, read back with openpyxl")
struct WorkbookTests {
    @Test("the company workbook: three sheets, headers, formats that matter, charts, print setup")
    func company() throws {
        let fixture = try ExportFixture()
        let (path, cards) = try fixture.workbook()
        let book = try readBack(path)
        #expect(book["sheets"] as? [String] == ["汇总", "明细", "部门"])
        let sheets = try #require(book["sheet"] as? [String: [String: Any]])
        let summary = try #require(sheets["汇总"])
        let rows = try #require(summary["rows"] as? [[Any]])
        #expect(rows[0] as? [String] == ["工号", "姓名", "部门", "岗位", "总分", "原始等级", "最终等级", "绩效系数", "部门排名"])
        #expect(summary["max_row"] as? Int == cards.count + 1)
        #expect(summary["freeze"] as? String == "C2")
        #expect(summary["filter"] as? String == "A1:I\(cards.count + 1)")
        #expect(summary["landscape"] as? String == "landscape")
        let first = try #require(cards.sorted { $0.employee < $1.employee }.first)
        #expect(rows[1][0] as? String == first.employee)
        #expect((rows[1][4] as? Double).map { abs($0 - (first.total ?? 0)) < 1e-9 } == true)
        #expect((summary["formats"] as? [[String]])?[1][4] == "0.00")
        // 部门排名 of the rows read back: by total within the department, best first, ties by id.
        for (index, card) in cards.sorted(by: { $0.employee < $1.employee }).prefix(rows.count - 1).enumerated() {
            let rivals = cards.filter { $0.department == card.department && $0.total != nil }
            let rank = card.total.map { total in 1 + rivals.filter { ($0.total ?? 0, card.employee) > (total, $0.employee) }.count }
            #expect((rows[index + 1][8] as? Double).map(Int.init) == rank, "\(card.employee)")
        }
        let details = try #require(sheets["明细"])
        let detailRows = try #require(details["rows"] as? [[Any]])
        #expect(detailRows[0] as? [String] == ["工号", "姓名", "KPI", "公式", "实际值", "门槛", "目标", "挑战", "权重", "得分", "加权得分", "计分"])
        #expect(details["max_row"] as? Int == cards.reduce(0) { $0 + $1.lines.count } + 1)
        // 计分 is the engine's step for the line: the label of what applied to that value.
        let firstCard = try #require(cards.sorted(by: { $0.employee < $1.employee }).first { !$0.lines.isEmpty })
        let firstStep = try #require(fixture.appraisals.steps(of: firstCard)[0])
        #expect(detailRows[1][11] as? String == firstStep.label(chinese: true))
        // The general manager's first KPI is a percentage: its value, threshold and target show as percent.
        #expect((details["formats"] as? [[String]])?[1][4] == "0.00%")
        let departments = try #require(sheets["部门"])
        #expect(departments["charts"] as? Int == 2)
        #expect((departments["rows"] as? [[Any]])?[0].prefix(5).compactMap { $0 as? String } == ["部门", "人数", "平均总分", "最低", "最高"])
    }

    @Test("a department workbook adds one sheet per employee with a radar chart; English follows --lang")
    func department() throws {
        let fixture = try ExportFixture()
        let (path, cards) = try fixture.workbook(department: "after-sales", english: true)
        let book = try readBack(path)
        let names = try #require(book["sheets"] as? [String])
        #expect(names.prefix(3) == ["Summary", "Details", "Departments"])
        #expect(names.count == 3 + cards.count)
        #expect(names.dropFirst(3).allSatisfy { $0.count <= 31 && $0.hasPrefix("E") })
        let sheets = try #require(book["sheet"] as? [String: [String: Any]])
        let employee = try #require(sheets[names[3]])
        #expect(employee["charts"] as? Int == 1)
        #expect((employee["rows"] as? [[Any]])?[0][0] as? String == names[3])
    }

    @Test("scorecards read ahead on their own thread and connection are those read inline, in the same order, their results first")
    func readAhead() throws {
        let fixture = try ExportFixture()
        for department in [nil, "after-sales"] {
            let set = try fixture.appraisals.scorecardsForExport(period: ExportFixture.period, department: department, employee: nil)
            var results: [DepartmentSummary.Result] = []
            var ahead: [Scorecard] = []
            try set.read(results: { read, _ in results = read }) { card in
                #expect(!results.isEmpty, "the results come before the first card")
                ahead.append(card)
            }
            let members = department.map { _ in Set(ahead.map(\.employee)) }
            var inline: [Scorecard] = []
            try fixture.store.forEachScorecard(of: ExportFixture.period, employees: members, measures: false) { inline.append($0) }
            #expect(!ahead.isEmpty)
            #expect(ahead == inline)
            #expect(results == inline.map(DepartmentSummary.Result.init))
        }
    }

    @Test("an export reads one state: results replaced while it reads do not mix into the workbook")
    func oneSnapshot() throws {
        let fixture = try ExportFixture()
        let set = try fixture.appraisals.scorecardsForExport(period: ExportFixture.period, department: nil, employee: nil)
        var results: [DepartmentSummary.Result] = []
        var totals: [Double?] = []
        try set.read(results: { read, _ in
            results = read
            // Another run replaces the period's results between the summary and the rows.
            try fixture.store.transaction { try fixture.store.replaceResults(of: ExportFixture.period, with: []) }
        }) { card in
            totals.append(card.total)
        }
        #expect(!results.isEmpty)
        #expect(totals == results.map(\.total))
        #expect(try fixture.store.scorecards(of: ExportFixture.period).isEmpty)
    }

    @Test("a shared bonus adds a 奖金 sheet: every share of the people exported, and the total to the fen")
    func bonusSheet() throws {
        let fixture = try ExportFixture()
        let shares = try fixture.appraisals.shareBonus(ExportFixture.period, pools: [BonusPool(.company, fen: 12_345_678)], dryRun: false)
        let path = fixture.directory.appendingPathComponent("bonus.xlsx").path
        _ = try fixture.appraisals.exportWorkbook(period: ExportFixture.period, department: nil, employee: nil, to: path, english: false)
        let seen = try readBack(path)
        #expect(seen["sheets"] as? [String] == ["汇总", "明细", "部门", "奖金", "趋势"])
        let sheet = try #require((seen["sheet"] as? [String: Any])?["奖金"] as? [String: Any])
        let rows = try #require(sheet["rows"] as? [[Any]])
        #expect(rows.first?.first as? String == "奖金池")
        #expect(sheet["max_row"] as? Int == shares.count + 2)
        #expect(shares.map(\.amount).reduce(0, +) == 12_345_678)
    }

    @Test("趋势: each department's mean total per month equals the mean of its stored totals; each employee's sheet charts their months")
    func trend() throws {
        let fixture = try ExportFixture(months: 3)
        let months = ["2026-08", "2026-09", "2026-10"].compactMap(Period.init)
        let company = fixture.directory.appendingPathComponent("trend.xlsx").path
        _ = try fixture.appraisals.exportWorkbook(period: ExportFixture.period, department: nil, employee: nil, to: company, english: false)
        let seen = try readBack(company)
        #expect(seen["sheets"] as? [String] == ["汇总", "明细", "部门", "趋势"])
        let sheet = try #require((seen["sheet"] as? [String: Any])?["趋势"] as? [String: Any])
        #expect(sheet["charts"] as? Int == 1)
        let rows = try #require(sheet["rows"] as? [[Any]])
        #expect(rows.dropFirst().map { $0[0] as? String } == months.map(\.description))
        let header = rows[0].compactMap { $0 as? String }
        for (index, month) in months.enumerated() {
            let cards = try fixture.store.scorecards(of: month, lines: false)
            for (column, name) in header.enumerated().dropFirst() {
                let department = try #require(fixture.appraisals.catalog.departments.first { $0.name == name }?.id)
                let totals = cards.filter { $0.department == department }.compactMap(\.total)
                let shown = rows[index + 1][column] as? Double
                #expect(shown.map { abs($0 - totals.reduce(0, +) / Double(totals.count)) < 1e-9 } ?? totals.isEmpty, "\(month) \(name)")
            }
        }

        let department = fixture.directory.appendingPathComponent("trend-after-sales.xlsx").path
        _ = try fixture.appraisals.exportWorkbook(period: ExportFixture.period, department: "after-sales", employee: nil, to: department, english: false)
        let book = try readBack(department)
        let names = try #require(book["sheets"] as? [String])
        #expect(names.prefix(4) == ["汇总", "明细", "部门", "趋势"])
        let person = try #require((book["sheet"] as? [String: [String: Any]])?[names[4]])
        let employee = String(names[4].prefix { $0 != " " })
        let hasMonths = try months.filter { try fixture.store.scorecards(of: $0, employees: [employee], lines: false).first?.total != nil }
        #expect(person["charts"] as? Int == (hasMonths.count > 1 ? 2 : 1), "a radar, and a trend line over \(hasMonths.count) months")
    }

    @Test("sheet names are cut to 31 characters, cleaned of [ ] : * ? / \\ and kept unique")
    func sheetNames() throws {
        let fixture = try ExportFixture()
        let card = try #require(try fixture.appraisals.team(period: ExportFixture.period, department: nil).first)
        let workbook = ScorecardWorkbook(catalog: fixture.appraisals.catalog, period: ExportFixture.period, status: "open", cards: [card],
                                         names: [card.employee: "王/伟:[测试]*很长很长很长很长很长很长很长很长很长的名字"], english: false,
                                         employeeSheets: true, title: "t")
        var used: Set<String> = []
        let first = workbook.sheetName(for: card, used: &used)
        let second = workbook.sheetName(for: card, used: &used)
        #expect(first.count == 31)
        #expect(!first.contains { "[]:*?/\\".contains($0) })
        #expect(second != first && second.count <= 31)
    }
}

@Suite("The libxlsxwriter wrapper")
struct WrapperTests {
    @Test("a bad sheet name is a Swift error with libxlsxwriter's message, and nothing is left on disk")
    func badSheetName() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("bad-\(UUID().uuidString).xlsx").path
        do {
            let workbook = try Workbook(path: path, constantMemory: false)
            #expect(throws: XlsxError.self) { try workbook.addWorksheet("a:b") }
        }
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test("the workbook is closed exactly once")
    func closeOnce() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("once-\(UUID().uuidString).xlsx").path
        let workbook = try Workbook(path: path, constantMemory: true)
        try workbook.addWorksheet("One").write(0, 0, "x")
        try workbook.close()
        #expect(FileManager.default.fileExists(atPath: path))
        #expect(throws: XlsxError(message: "the workbook is already closed", context: "closing")) { try workbook.close() }
        #expect(try readBack(path)["sheets"] as? [String] == ["One"])
    }
}
