import Foundation
import Testing
@testable import KPIStore

@Suite("Migrations: a database written by an earlier kpi is brought up to date, records kept")
struct MigrationTests {
    /// A database at migration 003 with one employee, item, ticket and stock movement, as an
    /// earlier kpi left it.
    static func earlierDatabase(at path: String) throws {
        let database = try Database(path: path)
        try database.execute("CREATE TABLE migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)", context: "test")
        for migration in Migration.all.prefix(3) {
            try database.execute(migration.sql, context: "test")
            try database.execute("INSERT INTO migrations VALUES ('\(migration.name)', '2026-10-01T00:00:00')", context: "test")
        }
        try database.execute("""
            INSERT INTO employees (id, name, role, hire_date) VALUES ('E1', '张工', 'svc-eng', 20000);
            INSERT INTO items (sku, name) VALUES ('SKU1', '网线');
            INSERT INTO tickets (id, priority, opened_at, response_due, resolution_due, assignee, channel)
                VALUES ('T1', 'P2', 1000, 2000, 3000, 'E1', 'onsite');
            INSERT INTO stock_movements (id, date, sku, direction, quantity, keeper) VALUES ('S1', 20400, 'SKU1', 'return', 2, 'E1');
            INSERT INTO receivables (id, owner, due_date, amount) VALUES ('R1', 'E1', 20300, 100000), ('R2', 'E1', 20300, 50000);
            INSERT INTO collections (id, receivable, date, amount) VALUES ('C1', 'R1', 20310, 60000), ('C2', 'R1', 20320, 40000),
                                                                         ('C3', 'R2', 20310, 10000);
            INSERT INTO appraisal_periods (period, status, opened_at, runs) VALUES ('2026-09', 'closed', '2026-10-01T00:00:00', 3);
            INSERT INTO scorecards (period, employee, role, department, total) VALUES ('2026-09', 'E1', 'svc-eng', 'service', 91.5);
            INSERT INTO audit_log (at, actor, action, target, summary) VALUES ('2026-10-01T09:00:00', 'E1', 'import', 'employees', 'staff.csv');
            INSERT INTO audit_log (at, actor, action, target, summary) VALUES ('2026-10-02T09:00:00', 'E1', 'close', '2026-09', 'closed 2026-09');
            """, context: "test")
    }

    /// An earlier database in a folder of its own, opened by this kpi (so brought up to date).
    static func openedEarlierDatabase() throws -> Store {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("kpi-migration-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let path = directory.appendingPathComponent("earlier.sqlite").path
        try earlierDatabase(at: path)
        return try Store(path: path)
    }

    @Test("004 rebuilds tickets and stock movements: rows and indexes kept, the same values refused")
    func checksWithoutLists() throws {
        let store = try Self.openedEarlierDatabase()
        #expect(try store.appliedMigrations() == Migration.all.map(\.name))
        var rows: [String] = []
        try store.database.prepare("SELECT id || ' ' || priority || ' ' || channel || ' ' || assignee FROM tickets").forEach { rows.append($0.text(0)) }
        try store.database.prepare("SELECT id || ' ' || direction || ' ' || quantity FROM stock_movements").forEach { rows.append($0.text(0)) }
        #expect(rows == ["T1 P2 onsite E1", "S1 return 2.0"])
        var indexes: [String] = []
        try store.database.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name IN ('tickets', 'stock_movements') AND sql IS NOT NULL ORDER BY name")
            .forEach { indexes.append($0.text(0)) }
        #expect(indexes == ["stock_movements_date", "stock_movements_keeper", "tickets_assignee", "tickets_opened"])

        for refused in ["INSERT INTO tickets (id, priority, opened_at, response_due, resolution_due, assignee) VALUES ('T2', 'P4', 1, 1, 1, 'E1')",
                        "INSERT INTO tickets (id, priority, opened_at, response_due, resolution_due, assignee, channel) VALUES ('T2', 'P1', 1, 1, 1, 'E1', 'fax')",
                        "INSERT INTO stock_movements (id, date, sku, direction, quantity, keeper) VALUES ('S2', 1, 'SKU1', 'lost', 1, 'E1')"] {
            #expect(throws: StoreError.self) { try store.database.execute(refused, context: "test") }
        }
        #expect(try store.count("tickets") == 1)
        #expect(try store.count("stock_movements") == 1)
    }

    @Test("005: the scorecards kept record the run that wrote them, their period's latest")
    func scorecardRun() throws {
        let store = try Self.openedEarlierDatabase()
        let cards = try store.scorecards(of: Period("2026-09")!)
        #expect(cards.map(\.run) == [3])
        #expect(cards.map(\.total) == [91.5])
    }

    @Test("006: the entries written before the chain are sealed into it when the database is opened")
    func sealed() throws {
        let store = try Self.openedEarlierDatabase()
        #expect(try store.brokenAuditLink() == nil)
        try store.transaction { try store.audit(actor: "E1", action: "reopen", target: "2026-09", summary: "reopened") }
        #expect(try store.brokenAuditLink() == nil)
        #expect(try store.auditEntries().map(\.action) == ["import", "close", "reopen"])
    }

    @Test("015: each receivable's day of settlement is worked out from the collections already kept")
    func settlements() throws {
        let store = try Self.openedEarlierDatabase()
        var settled: [String] = []
        try store.database.prepare("SELECT receivable || ' ' || COALESCE(settled_on, 'open') FROM receivable_settlements ORDER BY 1")
            .forEach { settled.append($0.text(0)) }
        // R1's 600 + 400 reach its 1,000 on day 20320; R2 has 100 of its 500.
        #expect(settled == ["R1 20320", "R2 open"])
    }
}
