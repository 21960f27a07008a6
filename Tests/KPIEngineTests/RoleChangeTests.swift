import Foundation
import KPICatalog
import KPITestSupport
import Testing
@testable import KPIEngine
@testable import KPIStore

@Suite("Role changes: a month held in two roles, scored for each over its own days")
struct RoleChangeTests {
    static let october = Period("2026-10")!

    /// The engine fixture, and ten construction tasks E4 did in October: one with an error, two late.
    static func fixture() throws -> EngineFixture {
        let fixture = try EngineFixture()
        _ = try fixture.appraisals(as: "sun").importCSV(.activities, file: fixture.write("tasks.csv", """
        id,employee,date,kind,quantity,defects,late
        A1,E4,2026-10-20,施工任务,10,1,2
        """), dryRun: false, progress: nil)
        return fixture
    }

    /// E4's October total as the run scores it with E4 in `role` all month.
    static func wholeMonthTotal(as role: String) throws -> Double {
        let fixture = try Self.fixture()
        _ = try fixture.appraisals(as: "sun").importCSV(.employees, file: fixture.write("role.csv", "id,name,login,role,manager,hire_date\nE4,赵工,zhao,\(role),E2,2022-01-01"),
                             dryRun: false, progress: nil)
        try fixture.appraisals(as: "sun").run(october)
        return try #require(try Store(path: fixture.path).scorecards(of: october, employees: ["E4"]).first?.total)
    }

    @Test("promoted on the 16th of a 31-day month: total = (15 × first role's total + 16 × second role's) / 31, both segments shown")
    func promotedOnTheSixteenth() throws {
        let first = try Self.wholeMonthTotal(as: "after-sales-engineer")
        let second = try Self.wholeMonthTotal(as: "implementation-engineer")
        #expect(abs(first - second) > 1, "the two roles score E4's month differently: \(first) and \(second)")

        let fixture = try Self.fixture()
        // Written by its Chinese name, as HR writes it.
        let summary = try fixture.appraisals(as: "sun").importCSV(.roleChanges, file: fixture.write("changes.csv", "工号,岗位,生效日期\nE4,实施工程师,2026-10-16"),
                                       dryRun: false, progress: nil)
        #expect(summary.added == 1)
        let card = try #require(try fixture.appraisals(as: "sun").run(Self.october).first { $0.employee == "E4" })
        #expect(card.segments.map(\.role) == ["after-sales-engineer", "implementation-engineer"])
        #expect(card.segments.map(\.days) == [15, 16])
        #expect(card.segments.map { $0.from.iso } == ["2026-10-01", "2026-10-16"])
        #expect(card.segments.map { $0.to.iso } == ["2026-10-15", "2026-10-31"])
        #expect(abs((card.segments[0].total ?? 0) - first) < 1e-9)
        #expect(abs((card.segments[1].total ?? 0) - second) < 1e-9)
        let combined = (15 * first + 16 * second) / 31
        #expect(abs((card.total ?? 0) - combined) < 1e-9)
        #expect(card.rawGrade == fixture.catalog.grading.rawGrade(for: combined)?.grade)
        #expect(card.role == "implementation-engineer")
        #expect(card.lines.map(\.kpi) == card.segments[1].lines.map(\.kpi))

        // Stored as computed: the segments and their lines come back, and explain shows each role's step.
        let stored = try fixture.appraisals(as: "sun").scorecard(of: "E4", period: Self.october)
        #expect(stored.segments == card.segments)
        let engineerKPI = try #require(card.segments[0].lines.first { line in !card.segments[1].lines.contains { $0.kpi == line.kpi } }?.kpi)
        let explained = try fixture.appraisals(as: "sun").explain("E4", kpi: engineerKPI, period: Self.october)
        #expect(explained.segments.map(\.segment.role) == ["after-sales-engineer"])
        #expect(explained.line == card.segments[0].lines.first { $0.kpi == engineerKPI })
    }

    @Test("rights follow the role held today: a change that has begun gives its rights, one dated later does not yet")
    func rightsFollowTheDay() throws {
        let fixture = try EngineFixture()
        let hr = try fixture.appraisals(as: "sun")
        _ = try hr.importCSV(.roleChanges, file: fixture.write("changes.csv", """
        employee,role,from
        E10,hr-admin-manager,2026-11-01
        E9,hr-admin-manager,2099-01-01
        """), dryRun: false, progress: nil)
        #expect(try fixture.appraisals(as: "wu").principal.isAdmin)
        #expect(try !fixture.appraisals(as: "zhou").principal.isAdmin)
        // Before their first change each held the role the employees file names.
        let employees = try Store(path: fixture.path).employees(on: Day(iso: "2026-10-31")!)
        #expect(employees.first { $0.id == "E10" }?.role == "admin-specialist")
        #expect(employees.first { $0.id == "E9" }?.role == "cashier")
        // One person read alone, by login or by id, as the acting employee is: the same as read with everyone.
        let store = try Store(path: fixture.path)
        let alone = try #require(try store.employee(loginOrID: "wu", on: Day(iso: "2026-11-02")!))
        #expect(alone == (try store.employees(on: Day(iso: "2026-11-02")!)).first { $0.id == "E10" })
        #expect(alone.role == "hr-admin-manager" && alone.roleHistory.map(\.role) == ["admin-specialist", "hr-admin-manager"])
        #expect(try store.employee(loginOrID: "E10")?.login == "wu")
        #expect(try store.employee(loginOrID: "nobody") == nil)
    }

    @Test("a change dated in a closed month is refused; one the importer may not grant is refused, naming the right")
    func refusals() throws {
        let fixture = try EngineFixture()
        let hr = try fixture.appraisals(as: "sun")
        try hr.close(Self.october, force: true, reason: "test")
        #expect(throws: ImportError.self) {
            try hr.importCSV(.roleChanges, file: fixture.write("closed.csv", "employee,role,from\nE4,after-sales-manager,2026-10-16"),
                             dryRun: false, progress: nil)
        }
        #expect(try Store(path: fixture.path).employees().first { $0.id == "E4" }?.roleHistory.isEmpty == true)
        let unknown = #expect(throws: ImportError.self) {
            try hr.importCSV(.roleChanges, file: fixture.write("unknown.csv", "employee,role,from\nE4,astronaut,2026-11-16"),
                             dryRun: false, progress: nil)
        }
        #expect(unknown?.problems.first?.message.contains("astronaut") == true)
        let beyond = #expect(throws: ImportError.self) {
            try hr.importCSV(.roleChanges, file: fixture.write("beyond.csv", "employee,role,from\nE4,after-sales-manager,2026-11-16"),
                             dryRun: false, progress: nil)
        }
        #expect(beyond?.problems.first?.message.contains("view:department") == true)
    }
}
