import Foundation
import Testing

@Suite("kpi history and team --trend: months side by side")
struct HistoryCommandTests {
    let fixture: CommandFixture

    init() throws {
        fixture = try CommandFixture("history")
    }

    @Test("an engineer's two months, oldest first, with the change and a sparkline per KPI; the team's trend a line each")
    func twoMonths() throws {
        // September: answered late, resolved, rated 3; October: on time, rated 5.
        try fixture.importCompany(tickets: """
        id,priority,opened_at,first_response_at,resolved_at,assignee,satisfaction
        T1,P1,2026-09-07T09:00,2026-09-07T11:00,2026-09-07T18:00,E3,3
        T2,P1,2026-10-05T09:00,2026-10-05T09:10,2026-10-05T11:00,E3,5
        """)
        for month in ["2026-09", "2026-10"] {
            #expect(try fixture.run(["appraisal", "open", month]).status == 0)
            #expect(try fixture.run(["appraisal", "run", month]).status == 0)
        }
        let json = try fixture.run(["history", "E3", "--format", "json"])
        let months = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]])
        #expect(months.map { $0["period"] as? String } == ["2026-09", "2026-10"])
        let september = try #require(months[0]["total"] as? Double), october = try #require(months[1]["total"] as? Double)
        #expect(october > september)
        let kpis = try #require(months[1]["kpis"] as? [String: Any])
        #expect(kpis["customer-satisfaction"] != nil)

        let table = try fixture.run(["history", "E3"], as: "zhang")
        #expect(table.status == 0, "\(table.stderr)")
        #expect(table.stdout.contains("2026-10  " + String(format: "%6.2f", october).trimmingCharacters(in: .whitespaces).leftPadded(to: 5)
                                      + "  " + String(format: "%+.2f", october - september)))
        #expect(table.stdout.contains("▁█"), "the total rose from the lowest to the highest")
        #expect(try fixture.run(["history", "E2"], as: "zhang").status == 3)

        let trend = try fixture.run(["team", "--trend", "--department", "after-sales"])
        #expect(trend.status == 0, "\(trend.stderr)")
        #expect(trend.stdout.contains("2026-09…2026-10"))
        #expect(trend.stdout.split(separator: "\n").contains { $0.hasPrefix("E3") && $0.contains("▁█") })
    }

    @Test("a role change on the 16th: the scorecard shows both roles' days and totals, the JSON its segments, explain each role's step")
    func roleChange() throws {
        try fixture.importCompany(tickets: """
        id,priority,opened_at,first_response_at,resolved_at,assignee,satisfaction
        T1,P1,2026-10-05T09:00,2026-10-05T11:00,2026-10-05T18:00,E3,4
        """)
        let changes = fixture.directory.appendingPathComponent("changes.csv")
        try "工号,岗位,生效日期\nE3,驻场运维工程师,2026-10-16\n".write(to: changes, atomically: false, encoding: .utf8)
        let imported = try fixture.run(["import", "role-changes", changes.path])
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(try fixture.run(["appraisal", "open", "2026-10"]).status == 0)
        #expect(try fixture.run(["appraisal", "run", "2026-10"]).status == 0)
        let json = try fixture.run(["scorecard", "E3", "--period", "2026-10", "--format", "json"])
        let card = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        let segments = try #require(card["segments"] as? [[String: Any]])
        #expect(segments.map { $0["role"] as? String } == ["after-sales-engineer", "onsite-ops-engineer"])
        #expect(segments.map { $0["from"] as? String } == ["2026-10-01", "2026-10-16"])
        #expect(segments.map { $0["to"] as? String } == ["2026-10-15", "2026-10-31"])
        #expect(segments.map { $0["days"] as? Int } == [15, 16])
        let first = try #require(segments[0]["total"] as? Double), second = try #require(segments[1]["total"] as? Double)
        #expect(abs((card["total"] as? Double ?? 0) - (15 * first + 16 * second) / 31) < 1e-9)
        #expect(card["role"] as? String == "onsite-ops-engineer")

        let table = try fixture.run(["scorecard", "E3", "--period", "2026-10", "--lang", "zh"])
        #expect(table.stdout.contains("岗位 售后维修工程师 · 2026-10-01 至 2026-10-15 · 15 天 · 小计 " + String(format: "%.2f", first)))
        #expect(table.stdout.contains("岗位 驻场运维工程师 · 2026-10-16 至 2026-10-31 · 16 天 · 小计 " + String(format: "%.2f", second)))
        #expect(table.stdout.contains("总分按各岗位天数合并: (15 × \(String(format: "%.2f", first)) + 16 × \(String(format: "%.2f", second))) / 31"))

        let explain = try fixture.run(["explain", "E3", "service-on-time-response", "--period", "2026-10", "--format", "json"])
        let explained = try #require(try JSONSerialization.jsonObject(with: Data(explain.stdout.utf8)) as? [String: Any])
        #expect((explained["segments"] as? [[String: Any]])?.map { $0["days"] as? Int } == [15, 16])
    }
}

private extension String {
    func leftPadded(to width: Int) -> String { String(repeating: " ", count: max(0, width - count)) + self }
}
