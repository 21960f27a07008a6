import Foundation
import KPIFormula
@testable import KPIStore

/// A small company loaded through the importer, whose measures a person can work out by hand.
///
/// Departments: office ⊃ service ⊃ field. E1 runs the office; E2 manages service; E3 (service)
/// and E4 (field, left 2026-10-15) report to E2; E5 sells (hired 2026-10-03); E6 keeps stock.
struct StoreFixture {
    let directory: URL
    let store: Store

    static let roleDepartments = ["gm": "office", "svc-mgr": "service", "svc-eng": "service", "field-eng": "field",
                                  "sales": "office", "keeper": "office"]
    static let departmentParents = ["service": "office", "field": "service"]

    /// The checks the engine hands the importer, for this company: `attitude` is rated 1–5 by
    /// E2, the manager.
    static var context: ImportContext {
        var context = ImportContext(
            checkRole: { roleDepartments[$0] == nil ? "unknown role `\($0)`" : nil },
            checkRatingKPI: { $0 == "attitude" ? nil : "unknown KPI `\($0)`" },
            checkRatingScore: { _, score in (1...5).contains(score) ? nil : "`score` must be 1 to 5" },
            serviceMinutes: ["P1": (30, 240), "P2": (120, 1440), "P3": (480, 4320)])
        context.checkRater = { _, rater, _, _, relation in .rates(rater: rater ?? "E2", relation: relation ?? "manager") }
        return context
    }

    static let files: [(ImportKind, String)] = [
        (.employees, """
        id,name,login,role,manager,hire_date,leave_date,probation_end,probation_passed
        E1,王总,wang,gm,,2020-01-01,,,
        E2,李经理,li,svc-mgr,E1,2021-03-01,,,
        E3,张工,zhang,svc-eng,E2,2022-05-01,,2026-10-20,否
        E4,赵工,,field-eng,E2,2022-05-01,2026-10-15,,
        E5,钱销售,qian,sales,E1,2026-10-03,,2026-10-31,是
        E6,孙库管,sun,keeper,E1,2023-01-01,,,
        """),
        (.projects, """
        id,name,customer,manager,sales,contract_amount,signed_date,budget_cost,actual_cost,start_date,planned_end,actual_end
        P1,园区安防,某园区,E2,E5,"500,000.00",2026-10-08,100000,95000.5,2026-01-10,2026-10-30,2026-10-28
        P2,学校网络,某学校,E2,E5,80000,2026-09-20,50000,,2026-09-25,2026-12-31,
        """),
        (.milestones, """
        id,project,name,due_date,done_date
        M1,P1,竣工验收,2026-10-31,2026-10-31
        M2,P1,设备到货,2026-10-15,2026-10-20
        M3,P1,系统调试,2026-10-20,
        M4,P2,布线,2026-11-01,2026-10-30
        """),
        (.inspections, """
        id,project,date,inspector,items_checked,items_failed,items_reworked
        I1,P1,2026-10-10,E1,50,5,3
        I2,P2,2026-11-03,,20,0,0
        """),
        (.incidents, """
        id,project,date,severity,description
        X1,P1,2026-10-12,major,吊顶坠落
        X2,P1,2026-10-13,minor,线缆损坏
        """),
        (.receivables, """
        id,project,customer,owner,due_date,amount
        R1,P1,某园区,E5,2026-10-20,10000.00
        R2,P1,某园区,E5,2026-09-30,5000
        R3,P2,某学校,E5,2026-10-31,2000
        """),
        (.collections, """
        id,receivable,date,amount
        C1,R1,2026-10-25,6000
        C2,R1,2026-11-02,4000
        C3,R2,2026-10-05,5000
        """),
        (.salesTargets, """
        employee,period,amount
        E5,2026-10,400000
        E5,2026-11,300000
        """),
        (.items, """
        sku,name,unit
        S1,网线,箱
        """),
        (.stockMovements, """
        id,date,sku,direction,quantity,document_no,project,keeper
        V1,2026-10-02,S1,in,10,RK-1,,E6
        V2,2026-10-03,S1,out,2,,P1,E6
        """),
        (.stockCounts, """
        id,date,sku,book_qty,counted_qty,keeper
        K1,2026-10-05,S1,10,10,E6
        K2,2026-10-06,S1,5,3,E6
        """),
        (.purchaseOrders, """
        id,supplier,buyer,ordered_date,promised_date,received_date,conforming
        PO1,海康,E6,2026-10-01,2026-10-10,2026-10-09,yes
        PO2,大华,E6,2026-10-01,2026-10-05,2026-10-08,no
        PO3,大华,E6,2026-10-20,2026-10-25,2026-11-01,yes
        """),
        (.tickets, """
        id,customer,project,priority,opened_at,response_due,resolution_due,first_response_at,resolved_at,assignee,channel,visits,satisfaction,reopened
        T1,某园区,P1,P1,2026-10-01T09:00,,,2026-10-01T09:20,2026-10-01T12:00,E3,onsite,1,5,no
        T2,某园区,,P2,2026-10-31T23:59,,,2026-11-01T03:00,,E3,phone,,,
        T3,某学校,,P3,2026-11-01T00:00,,,2026-11-01T01:00,2026-11-01T05:00,E3,remote,0,4,否
        T4,某学校,P2,P1,2026-10-10T10:00,,,2026-10-10T11:00,2026-10-10T13:00,E4,onsite,2,3,是
        """),
        (.requisitions, """
        id,department,recruiter,positions,needed_by,filled,filled_date
        RQ1,service,E1,3,2026-10-15,2,2026-10-10
        RQ2,office,E1,1,2026-10-30,1,2026-11-02
        """),
        (.activities, """
        id,employee,date,kind,quantity,defects,late
        A1,E3,2026-10-05,凭证,40,2,1
        A2,E3,2026-09-30,档案,10,,
        A3,E2,2026-10-06,凭证,10,1,
        """),
    ]

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("kpi-store-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        store = try Store(path: directory.appendingPathComponent("test.sqlite").path)
        for (kind, text) in Self.files {
            _ = try store.importCSV(kind, file: try write(kind.id + ".csv", text), actor: "test", context: Self.context)
        }
    }

    /// Writes a file into the fixture's folder and returns its path.
    func write(_ name: String, _ text: String) throws -> String {
        let url = directory.appendingPathComponent(name)
        try (text + "\n").write(to: url, atomically: false, encoding: .utf8)
        return url.path
    }

    func sheet(_ period: String) throws -> MeasureSheet {
        let organisation = Organisation(employees: try store.employees(), department: { Self.roleDepartments[$0] },
                                        departmentParent: Self.departmentParents)
        return try store.measureSheet(for: Period(period)!, organisation: organisation)
    }

    /// Every table's rows as text, to compare the database before and after.
    func snapshot() throws -> [String] {
        var rows: [String] = []
        for kind in ImportKind.all {
            try store.database.prepare("SELECT * FROM \(kind.table) ORDER BY 1, 2").forEach { row in
                rows.append(kind.id + ":" + (0..<row.columnCount).map { row.optionalText($0) ?? "∅" }.joined(separator: "|"))
            }
        }
        return rows
    }
}

extension Store {
    /// Imports a CSV file, as `kpi import KIND FILE` does.
    func importCSV(_ kind: ImportKind, file: String, actor: String, dryRun: Bool = false, context: ImportContext) throws -> ImportSummary {
        try importRecords(kind, from: .file(file), actor: actor, dryRun: dryRun, context: context)
    }
}
