import Foundation
import KPIFormula
import Testing
@testable import KPIStore

@Suite("Measures of docs/measures.md on a hand-made company")
struct MeasureTests {
    /// (period, employee, scope, measure, expected), each worked out by hand from StoreFixture.
    static let cases: [(String, String, MeasureScope, String, Double)] = [
        // Milestones of E2's projects due in October: M1 on time, M2 late, M3 not done; M4 is due in November.
        ("2026-10", "E2", .self, "project.milestones_due", 3),
        ("2026-10", "E2", .self, "project.milestones_on_time", 1),
        ("2026-10", "E2", .self, "project.items_checked", 50),
        ("2026-10", "E2", .self, "project.items_failed", 5),
        ("2026-10", "E2", .self, "project.items_reworked", 3),
        ("2026-10", "E2", .self, "project.major_incidents", 1),
        ("2026-10", "E2", .self, "project.minor_incidents", 1),
        ("2026-10", "E2", .self, "project.budget_cost", 100_000),
        ("2026-10", "E2", .self, "project.actual_cost", 95_000.5),
        ("2026-11", "E2", .self, "project.items_checked", 20),
        // P1 signed 2026-10-08 (500,000); P2 signed in September.
        ("2026-10", "E5", .self, "sales.signed_amount", 500_000),
        ("2026-10", "E5", .self, "sales.target", 400_000),
        ("2026-Q4", "E5", .self, "sales.target", 700_000),
        // R1 (10,000, due 10-20) collected 6,000 on 10-25 and 4,000 on 11-02; R2 (5,000, due 09-30)
        // collected on 10-05; R3 (2,000, due 10-31) never collected.
        ("2026-10", "E5", .self, "billing.due", 12_000),
        ("2026-10", "E5", .self, "billing.collected_on_due", 6_000),
        ("2026-10", "E5", .self, "billing.collected", 11_000),
        ("2026-10", "E5", .self, "billing.overdue", 6_000),
        ("2026-11", "E5", .self, "billing.due", 0),
        ("2026-11", "E5", .self, "billing.collected", 4_000),
        ("2026-11", "E5", .self, "billing.overdue", 2_000),
        ("2026-10", "E6", .self, "warehouse.count_lines", 2),
        ("2026-10", "E6", .self, "warehouse.count_lines_matched", 1),
        ("2026-10", "E6", .self, "warehouse.count_variance", 2),
        ("2026-10", "E6", .self, "warehouse.movements", 2),
        ("2026-10", "E6", .self, "warehouse.movements_documented", 1),
        // PO3 arrives on 11-01, outside October.
        ("2026-10", "E6", .self, "purchasing.orders_received", 2),
        ("2026-10", "E6", .self, "purchasing.orders_on_time", 1),
        ("2026-10", "E6", .self, "purchasing.orders_conforming", 1),
        // E3: T1 fine; T2 opened 10-31 23:59 counts in October, answered late; T3 opened 11-01 00:00 is November's.
        ("2026-10", "E3", .self, "service.tickets", 2),
        ("2026-10", "E3", .self, "service.responded_on_time", 1),
        ("2026-10", "E3", .self, "service.resolved", 1),
        ("2026-10", "E3", .self, "service.resolved_on_time", 1),
        ("2026-10", "E3", .self, "service.first_time_fixes", 1),
        ("2026-10", "E3", .self, "service.rated", 1),
        ("2026-10", "E3", .self, "service.satisfaction_total", 5),
        ("2026-10", "E3", .self, "service.reopened", 0),
        ("2026-11", "E3", .self, "service.tickets", 1),
        ("2026-Q4", "E3", .self, "service.tickets", 3),
        // E2's team adds E4's T4: answered late, resolved in time, two visits, reopened, rated 3.
        ("2026-10", "E2", .team, "service.tickets", 3),
        ("2026-10", "E2", .team, "service.responded_on_time", 1),
        ("2026-10", "E2", .team, "service.resolved", 2),
        ("2026-10", "E2", .team, "service.resolved_on_time", 2),
        ("2026-10", "E2", .team, "service.first_time_fixes", 1),
        ("2026-10", "E2", .team, "service.rated", 2),
        ("2026-10", "E2", .team, "service.satisfaction_total", 8),
        ("2026-10", "E2", .team, "service.reopened", 1),
        ("2026-10", "E2", .self, "service.tickets", 0),
        // Departments: service includes its sub-department field; field alone has E4.
        ("2026-10", "E3", .department, "service.tickets", 3),
        ("2026-10", "E4", .department, "service.tickets", 1),
        ("2026-10", "E5", .department, "service.tickets", 3),
        ("2026-10", "E6", .company, "service.tickets", 3),
        // RQ1: 3 positions due 10-15, 2 filled 10-10; RQ2: 1 due 10-30, filled 11-02 (late).
        ("2026-10", "E1", .self, "recruiting.positions_due", 4),
        ("2026-10", "E1", .self, "recruiting.positions_filled_on_time", 2),
        // E4 left on 10-15: not in October's closing headcount, one leaver.
        ("2026-10", "E4", .self, "hr.headcount", 0),
        ("2026-10", "E4", .self, "hr.leavers", 1),
        ("2026-09", "E4", .self, "hr.headcount", 1),
        ("2026-10", "E2", .team, "hr.headcount", 2),
        ("2026-10", "E2", .team, "hr.leavers", 1),
        ("2026-10", "E3", .department, "hr.headcount", 2),
        ("2026-10", "E4", .department, "hr.headcount", 0),
        ("2026-10", "E4", .department, "hr.leavers", 1),
        ("2026-10", "E1", .team, "hr.headcount", 5),
        ("2026-10", "E1", .company, "hr.hires", 1),
        ("2026-10", "E1", .company, "hr.probation_ended", 2),
        ("2026-10", "E1", .company, "hr.probation_passed", 1),
        ("2026-10", "E6", .department, "hr.headcount", 5),
    ]

    @Test("each measure, scope and period edge", arguments: cases)
    func measure(period: String, employee: String, scope: MeasureScope, name: String, expected: Double) throws {
        let sheet = try StoreFixture().sheet(period)
        #expect(sheet.value(MeasureReference(name), for: employee, scope: scope) == expected)
    }

    @Test("billing.overdue follows each receivable's settlement as its collections and amount change after the fact")
    func overdueFollowsSettlements() throws {
        let fixture = try StoreFixture()
        let overdue = MeasureReference("billing.overdue")
        func value(_ period: String) throws -> Double? { try fixture.sheet(period).value(overdue, for: "E5", scope: .self) }
        // R3 (2,000, due 10-31) gets 2,500 on 11-10, more than its amount: settled on 11-10, nothing left over.
        _ = try fixture.store.importCSV(.collections, file: fixture.write("paid.csv", "id,receivable,date,amount\nC4,R3,2026-11-10,2500"),
                                       actor: "test", context: StoreFixture.context)
        #expect(try value("2026-10") == 6_000, "October's end is before either late payment")
        #expect(try value("2026-11") == 0)
        // R1's amount corrected to 12,000: its two collections (10,000) no longer settle it.
        _ = try fixture.store.importCSV(.receivables, file: fixture.write("r1.csv", "id,project,customer,owner,due_date,amount\nR1,P1,某园区,E5,2026-10-20,12000"),
                                       actor: "test", context: StoreFixture.context)
        #expect(try value("2026-11") == 2_000)
        #expect(try value("2026-10") == 8_000)
        // C2 corrected to fall in December: R1 owes 6,000 at November's end, and is settled in December.
        _ = try fixture.store.importCSV(.collections, file: fixture.write("c2.csv", "id,receivable,date,amount\nC2,R1,2026-12-01,6000"),
                                       actor: "test", context: StoreFixture.context)
        #expect(try value("2026-11") == 6_000)
        #expect(try value("2026-12") == 0)
    }

    @Test("each family's queries compute exactly its declared measures, each once")
    func familiesComputeTheirMeasures() {
        for family in MeasureFamily.all where !family.queries.isEmpty {
            let computed = family.queries.flatMap(\.measures)
            #expect(computed.sorted() == family.definitions.map(\.name).sorted(), "\(family.name)")
        }
        let names = MeasureFamily.all.flatMap { $0.definitions.map(\.name) }
        #expect(Set(names).count == names.count)
        #expect(MeasureFamily.all.allSatisfy { family in family.definitions.allSatisfy { $0.family == family.name } })
    }

    @Test("every family's record lists run, with the columns they declare")
    func recordLists() throws {
        let fixture = try StoreFixture()
        let owners = try fixture.store.employees().map(\.id)
        for family in MeasureFamily.all {
            let lists = try fixture.store.records(behind: family.name, kind: "凭证", owners: owners, period: Period("2026-10")!)
            #expect(lists.count == family.records.count, "\(family.name)")
            for list in lists { #expect(list.rows.allSatisfy { $0.count == list.columns.count }, "\(list.title)") }
        }
        let late = try fixture.store.records(behind: "service", owners: owners, period: Period("2026-10")!)[0]
        #expect(late.total > 0 && late.rows.first?.count == 6)
    }

    @Test("a sheet of some families reads only those; the others stay 0")
    func someFamilies() throws {
        let fixture = try StoreFixture()
        let organisation = Organisation(employees: try fixture.store.employees(), department: { StoreFixture.roleDepartments[$0] },
                                        departmentParent: StoreFixture.departmentParents)
        let full = try fixture.sheet("2026-10")
        let service = try fixture.store.measureSheet(for: Period("2026-10")!, organisation: organisation, families: ["service"])
        let tickets = MeasureReference("service.tickets"), voucher = MeasureReference("activity.quantity", argument: "凭证")
        #expect(full.value(tickets, for: "E2", scope: .team) ?? 0 > 0)
        #expect(service.value(tickets, for: "E2", scope: .team) == full.value(tickets, for: "E2", scope: .team))
        #expect(full.value(voucher, for: "E3", scope: .self) == 40)
        #expect(service.value(voucher, for: "E3", scope: .self) == 0)
        #expect(service.value(MeasureReference("billing.due"), for: "E2", scope: .company) == 0)
    }

    @Test("activity measures are per kind; a kind with no records this period is 0")
    func activities() throws {
        let sheet = try StoreFixture().sheet("2026-10")
        #expect(sheet.value(MeasureReference("activity.quantity", argument: "凭证"), for: "E3", scope: .self) == 40)
        #expect(sheet.value(MeasureReference("activity.defects", argument: "凭证"), for: "E3", scope: .self) == 2)
        #expect(sheet.value(MeasureReference("activity.late", argument: "凭证"), for: "E3", scope: .self) == 1)
        #expect(sheet.value(MeasureReference("activity.quantity", argument: "凭证"), for: "E2", scope: .team) == 50)
        #expect(sheet.value(MeasureReference("activity.defects", argument: "凭证"), for: "E2", scope: .team) == 3)
        #expect(sheet.value(MeasureReference("activity.quantity", argument: "档案"), for: "E3", scope: .self) == 0)
        #expect(sheet.activityKinds == ["凭证"])
        #expect(sheet.values(for: "E3", scope: .self)?.compactMap(\.measure.argument) == ["凭证", "凭证", "凭证"])
        #expect(sheet.values(for: "E1", scope: .self)?.contains { $0.measure.argument != nil } == false)
    }

    @Test("money adds up exactly: ¥0.10 + ¥0.20 + ¥0.30 is ¥0.60, at every scope")
    func exactMoney() throws {
        let fixture = try StoreFixture()
        let file = try fixture.write("cents.csv", "id,receivable,date,amount\nC10,R3,2026-12-01,0.10\nC11,R3,2026-12-02,0.20\nC12,R3,2026-12-03,0.30")
        _ = try fixture.store.importCSV(.collections, file: file, actor: "test", context: StoreFixture.context)
        let sheet = try fixture.sheet("2026-12")
        #expect(sheet.value(MeasureReference("billing.collected"), for: "E5", scope: .self) == 0.6)
        #expect(sheet.value(MeasureReference("billing.collected"), for: "E1", scope: .company) == 0.6)
        #expect(sheet.value(MeasureReference("billing.collected"), for: "E1", scope: .team) == 0.6)
    }

    @Test("unknown measures and employees have no value")
    func unknown() throws {
        let sheet = try StoreFixture().sheet("2026-10")
        #expect(sheet.value(MeasureReference("service.ticket"), for: "E3", scope: .self) == nil)
        #expect(sheet.value(MeasureReference("activity.quantity"), for: "E3", scope: .self) == nil)
        #expect(sheet.value(MeasureReference("service.tickets"), for: "E99", scope: .self) == nil)
    }

    @Test("every measure of the catalogue is in the sheet")
    func complete() throws {
        let sheet = try StoreFixture().sheet("2026-10")
        let fixed = MeasureFamily.catalogue.definitions.filter { !$0.takesArgument }.map(\.name)
        #expect(Set(sheet.measures.filter { $0.argument == nil }.map(\.name)) == Set(fixed))
    }

    @Test("periods: months, quarters, years and their previous periods", arguments: [
        ("2026-10", "2026-10-01", "2026-10-31", "2026-09"), ("2026-01", "2026-01-01", "2026-01-31", "2025-12"),
        ("2024-02", "2024-02-01", "2024-02-29", "2024-01"), ("2026-Q4", "2026-10-01", "2026-12-31", "2026-Q3"),
        ("2026-Q1", "2026-01-01", "2026-03-31", "2025-Q4"), ("2026", "2026-01-01", "2026-12-31", "2025"),
    ])
    func periods(text: String, first: String, last: String, previous: String) throws {
        let period = try #require(Period(text))
        #expect(period.firstDay.iso == first)
        #expect(period.lastDay.iso == last)
        #expect(period.previous.description == previous)
        #expect(period.description == text)
    }

    @Test("not periods", arguments: ["2026-13", "2026-Q5", "26-10", "2026-1", "2026/10", ""])
    func notPeriods(text: String) {
        #expect(Period(text) == nil)
    }

    @Test("date-times: local, with Z or an offset")
    func dateTimes() throws {
        let local = try #require(LocalTime(iso: "2026-10-31T23:59"))
        #expect(local.iso == "2026-10-31T23:59:00")
        #expect(local.day.iso == "2026-10-31")
        #expect(LocalTime(iso: "2026-10-31 23:59:30")?.iso == "2026-10-31T23:59:30")
        let utc = try #require(LocalTime(iso: "2026-10-31T16:00:00Z"))
        let shanghai = try #require(LocalTime(iso: "2026-11-01T00:00:00+08:00"))
        #expect(utc == shanghai)
        #expect(LocalTime(iso: "2026-10-31T24:00") == nil)
        #expect(LocalTime(iso: "2026-02-30T10:00") == nil)
    }
}
