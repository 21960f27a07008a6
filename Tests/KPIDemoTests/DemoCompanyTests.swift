import Foundation
import KPICatalog
import Testing
@testable import KPIDemo
@testable import KPIStore

@Suite("The demo company")
struct DemoCompanyTests {
    static let catalog = try? Catalog.load(from: URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path, measures: MeasureFamily.catalogue)

    static func build(seed: UInt64, employees: Int = 120, months: Int = 3) throws -> (Store, DemoSummary) {
        let catalog = try #require(catalog)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("kpi-demo-\(UUID().uuidString).sqlite").path
        let summary = try DemoCompany.build(catalog: catalog, at: path, options: DemoOptions(
            employees: employees, months: months, end: Period("2026-10")!, seed: seed, hrLogin: "hr-tester"))
        return (try Store(path: path), summary)
    }

    static func fingerprint(_ store: Store) throws -> [String] {
        var rows: [String] = []
        for table in ["employees", "tickets", "collections", "stock_counts", "ratings"] {
            try store.database.prepare("SELECT * FROM \(table) ORDER BY 1, 2").forEach { row in
                rows.append((0..<row.columnCount).map { row.optionalText($0) ?? "∅" }.joined(separator: "|"))
            }
        }
        return rows
    }

    @Test("the same seed builds the same company; another seed another")
    func deterministic() throws {
        let first = try Self.fingerprint(Self.build(seed: 7).0)
        let again = try Self.fingerprint(Self.build(seed: 7).0)
        let other = try Self.fingerprint(Self.build(seed: 8).0)
        #expect(first == again)
        #expect(first != other)
    }

    @Test("every table has records, every month of the range has tickets, nothing is dated after the end")
    func coverage() throws {
        let (store, summary) = try Self.build(seed: 3)
        for (kind, count) in summary.rows {
            #expect(count > 0, "no \(kind.id)")
        }
        var months: [String] = []
        try store.database.prepare("SELECT DISTINCT opened_at / 86400 FROM tickets").forEach { row in
            months.append(Period.month(of: Day(number: Int(row.int(0)))).description)
        }
        #expect(Set(months) == ["2026-08", "2026-09", "2026-10"])
        let end = Int64(Period("2026-10")!.lastDay.number)
        for (table, column) in [("collections", "date"), ("milestones", "done_date"), ("stock_counts", "date"), ("activities", "date")] {
            #expect(try maximum(store, table, column) <= end, "\(table).\(column)")
        }
        #expect(summary.first.description == "2026-08")
    }

    @Test("managers hold the role their employee's role reports to; the HR manager has the runner's login")
    func orgChart() throws {
        let catalog = try #require(Self.catalog)
        let (store, summary) = try Self.build(seed: 5, months: 6)
        let employees = try store.employees()
        let byID = Dictionary(uniqueKeysWithValues: employees.map { ($0.id, $0) })
        for employee in employees {
            let role = try #require(catalog.role(employee.role))
            #expect(employee.manager.flatMap { byID[$0]?.role } == role.reportsTo, "\(employee.id) \(employee.role)")
        }
        #expect(employees.filter { $0.manager == nil }.count == 1)
        let hr = try #require(summary.hrManager)
        #expect(byID[hr.id]?.login == "hr-tester")
        #expect(byID[hr.id]?.role == "hr-admin-manager")
        #expect(employees.contains { $0.leaveDate != nil })
        #expect(employees.allSatisfy { employee in employee.leaveDate.map { $0 > employee.hireDate } ?? true })
        #expect(employees.contains { $0.hireDate >= Period("2026-05")!.firstDay })
    }

    @Test("it refuses a database it did not create, and rebuilds one it did for the login that built it")
    func ownDatabaseOnly() throws {
        let catalog = try #require(Self.catalog)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("kpi-foreign-\(UUID().uuidString).sqlite").path
        let foreign = try Store(path: path)
        try foreign.database.execute("INSERT INTO employees (id, name, role, hire_date) VALUES ('X1', '外人', 'driver', 0)", context: "test")
        let options = DemoOptions(employees: 60, months: 1, end: Period("2026-10")!, seed: 1, hrLogin: "hr")
        #expect(throws: DemoError.foreignDatabase(path: path)) {
            try DemoCompany.build(catalog: catalog, at: path, options: options)
        }
        #expect(try foreign.count("employees") == 1)
        let (store, summary) = try Self.build(seed: 1, employees: 60, months: 1)
        #expect(throws: DemoError.someoneElses(path: summary.path, creator: "hr-tester")) {
            try DemoCompany.build(catalog: catalog, at: summary.path, options: options)
        }
        var mine = options
        mine.hrLogin = "hr-tester"
        let rebuilt = try DemoCompany.build(catalog: catalog, at: summary.path, options: mine)
        #expect(rebuilt.employees == summary.employees)
        #expect(try store.meta("created_by") == "kpi demo")
    }

    @Test("fewer employees than roles is refused")
    func tooSmall() throws {
        let catalog = try #require(Self.catalog)
        #expect(throws: DemoError.tooFewEmployees(minimum: catalog.roles.count)) {
            try DemoCompany.build(catalog: catalog, at: "/tmp/unused.sqlite", options: DemoOptions(
                employees: 5, months: 1, end: Period("2026-10")!, seed: 1, hrLogin: "hr"))
        }
    }

    @Test("headcounts follow the shares and spans, and add up to the size asked for", arguments: [60, 300, 10_000])
    func headcounts(total: Int) throws {
        let catalog = try #require(Self.catalog)
        let counts = Staffing.headcounts(catalog: catalog, total: total)
        #expect(counts.values.reduce(0, +) == total)
        #expect(counts["general-manager"] == 1)
        #expect(catalog.roles.allSatisfy { (counts[$0.id] ?? 0) >= 1 })
    }

    private func maximum(_ store: Store, _ table: String, _ column: String) throws -> Int64 {
        var value: Int64 = 0
        try store.database.prepare("SELECT COALESCE(MAX(\(column)), 0) FROM \(table)").forEach { value = $0.int(0) }
        return value
    }
}
