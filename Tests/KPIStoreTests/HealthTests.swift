import Foundation
import Testing
@testable import KPIStore

@Suite("kpi doctor: what tampering and damage leave behind")
struct HealthTests {
    static func problems(_ store: Store) throws -> [HealthCheck.Name: [String]] {
        Dictionary(uniqueKeysWithValues: try store.health().map { ($0.name, $0.problems) })
    }

    @Test("a healthy database passes every check")
    func healthy() throws {
        let fixture = try StoreFixture()
        #expect(try Self.problems(fixture.store).values.allSatisfy(\.isEmpty))
        #expect(try fixture.store.brokenAuditLink() == nil)
    }

    @Test("an audit entry changed, or one removed, breaks the chain at that place")
    func auditChain() throws {
        let fixture = try StoreFixture()
        var ids: [Int64] = []
        try fixture.store.database.prepare("SELECT id FROM audit_log ORDER BY id").forEach { ids.append($0.int(0)) }
        #expect(ids.count >= 3)
        try fixture.store.database.execute("UPDATE audit_log SET actor = 'someone-else' WHERE id = \(ids[1])", context: "test")
        #expect(try fixture.store.brokenAuditLink()?.id == ids[1])
        let other = try StoreFixture()
        try other.store.database.execute("DELETE FROM audit_log WHERE id = \(ids[1])", context: "test")
        #expect(try other.store.brokenAuditLink()?.id == ids[2])
        #expect(try Self.problems(other.store)[.auditChain]?.count == 1)
    }

    @Test("results changed after the close are found; a reopen lifts the seal")
    func closedResults() throws {
        let fixture = try StoreFixture()
        let september = Period("2026-09")!
        try fixture.store.transaction {
            try fixture.store.openPeriod(september)
            try fixture.store.replaceResults(of: september, with: [
                Scorecard(period: september, employee: "E3", role: "svc-eng", department: "service", lines: [], total: 88.5,
                          rawGrade: "B", grade: "B", coefficient: 1.0),
            ])
            try fixture.store.setStatus(september, .closed)
        }
        #expect(try Self.problems(fixture.store)[.closedResults] == [])
        try fixture.store.database.execute("UPDATE scorecards SET total = 120, grade = 'S' WHERE period = '2026-09'", context: "test")
        #expect(try Self.problems(fixture.store)[.closedResults] == ["the results of 2026-09 changed after it was closed"])
        try fixture.store.transaction { try fixture.store.setStatus(september, .open) }
        #expect(try Self.problems(fixture.store)[.closedResults] == [])
    }

    @Test("a record pointing at one that is gone is named")
    func foreignKeys() throws {
        let fixture = try StoreFixture()
        try fixture.store.database.execute("PRAGMA foreign_keys = OFF; DELETE FROM projects WHERE id = 'P2'; PRAGMA foreign_keys = ON", context: "test")
        let found = try Self.problems(fixture.store)[.foreignKeys] ?? []
        #expect(!found.isEmpty)
        #expect(found.allSatisfy { $0.contains("refers to a missing projects record") })
    }
}
