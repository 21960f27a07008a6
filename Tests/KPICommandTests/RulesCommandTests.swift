import Foundation
import Testing

@Suite("A closed period reads the same after the catalog changes; catalog diff and preview name the change")
struct RulesCommandTests {
    let fixture: CommandFixture

    init() throws {
        fixture = try CommandFixture("rules")
    }

    /// The shipped catalog with the engineers' response weight 40 → 30 and satisfaction 30 → 40.
    func draft() throws -> URL {
        let copy = fixture.directory.appendingPathComponent("draft")
        try FileManager.default.createDirectory(at: copy, withIntermediateDirectories: true)
        for folder in ["roles", "kpi-definitions"] {
            try FileManager.default.copyItem(at: KpiRunner.packageRoot.appendingPathComponent(folder), to: copy.appendingPathComponent(folder))
        }
        let role = copy.appendingPathComponent("roles/after-sales-engineer.yaml")
        let text = try String(contentsOf: role, encoding: .utf8)
            .replacingOccurrences(of: "  - kpi: service-on-time-response\n    weight: 40", with: "  - kpi: service-on-time-response\n    weight: 30")
            .replacingOccurrences(of: "  - kpi: customer-satisfaction\n    weight: 30", with: "  - kpi: customer-satisfaction\n    weight: 40")
        try text.write(to: role, atomically: false, encoding: .utf8)
        return copy
    }

    /// Every cell of every sheet of a workbook, read by openpyxl.
    func cells(_ path: String) throws -> String {
        try KpiRunner.python("""
        import sys, openpyxl
        wb = openpyxl.load_workbook(sys.argv[1])
        for ws in wb.worksheets:
            for row in ws.iter_rows(values_only=True):
                print(ws.title, row)
        """, [path]).stdout
    }

    @Test("scorecard, explain and the workbook of a closed month are identical before and after; diff and preview name the change")
    func closedMonth() throws {
        try fixture.importCompany(tickets: """
        id,priority,opened_at,first_response_at,resolved_at,assignee,satisfaction
        T1,P1,2026-10-05T09:00,2026-10-05T09:40,2026-10-05T11:00,E3,5
        T2,P2,2026-10-06T09:00,2026-10-06T13:00,2026-10-08T08:00,E3,4
        """)
        for step in [["open"], ["run"], ["close", "--force", "--reason", "the rules alone"]] {
            #expect(try fixture.run(["appraisal", step[0], "2026-10"] + step.dropFirst()).status == 0)
        }
        let reads = [["scorecard", "E3", "--period", "2026-10", "--format", "json"],
                     ["explain", "E3", "customer-satisfaction", "--period", "2026-10"],
                     ["team", "--period", "2026-10"]]
        let before = try reads.map { try fixture.run($0).stdout }
        #expect(try fixture.run(["export", "--period", "2026-10", "--out", "before.xlsx"]).status == 0)

        let draft = try draft()
        let after = try reads.map { try fixture.run($0, catalog: draft).stdout }
        #expect(after == before)
        #expect(try fixture.run(["export", "--period", "2026-10", "--out", "after.xlsx"], catalog: draft).status == 0)
        #expect(try cells(fixture.directory.appendingPathComponent("after.xlsx").path) == cells(fixture.directory.appendingPathComponent("before.xlsx").path))

        let diff = try fixture.run(["catalog", "diff", "--period", "2026-10", "--format", "json"], catalog: draft)
        let changes = try #require(try JSONSerialization.jsonObject(with: Data(diff.stdout.utf8)) as? [[String: Any]])
        #expect(changes.map { "\($0["role"] ?? "")/\($0["kpi"] ?? "") \($0["field"] ?? ""): \($0["old"] ?? "") → \($0["new"] ?? "")" } == [
            "after-sales-engineer/customer-satisfaction weight: 30 → 40",
            "after-sales-engineer/service-on-time-response weight: 40 → 30",
        ])

        let preview = try fixture.run(["appraisal", "preview", "2026-10", "--format", "json"], catalog: draft)
        #expect(preview.status == 0, "\(preview.stderr)")
        let rows = try #require(try JSONSerialization.jsonObject(with: Data(preview.stdout.utf8)) as? [[String: Any]])
        let zhang = try #require(rows.first { $0["employee"] as? String == "E3" })
        #expect(zhang["old_total"] as? Double != zhang["new_total"] as? Double)
        #expect(try fixture.run(["appraisal", "preview", "2026-10"]).stdout.hasPrefix("2026-10: 0 of 3 people would change total or grade (nothing written)"))
    }
}
