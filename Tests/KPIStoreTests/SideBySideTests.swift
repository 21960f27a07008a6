import Foundation
import Testing
@testable import KPIStore

@Suite("Work side by side on two connections")
struct SideBySideTests {
    struct Planted: Error, Equatable {}

    @Test("results come back in the items' order, each computed by a connection that sees the data")
    func inOrder() throws {
        let fixture = try StoreFixture()
        for store in [fixture.store, try Store(path: ":memory:")] {
            let tables = ["employees", "projects", "tickets", "items", "collections", "ratings", "milestones"]
            let counts = try store.sideBySide(tables) { connection, table in try connection.count(table) }
            #expect(counts == (try tables.map { try store.count($0) }))
        }
    }

    @Test("inside a transaction the work sees its uncommitted changes")
    func insideTransaction() throws {
        struct RollBack: Error {}
        let fixture = try StoreFixture()
        let before = try fixture.store.count("items")
        #expect(throws: RollBack.self) {
            try fixture.store.database.transaction {
                try fixture.store.database.execute("INSERT INTO items (sku, name) VALUES ('S-NEW', '光纤')", context: "test")
                // Slow enough work that a second connection, were one opened, would take items too.
                let counts = try fixture.store.sideBySide(Array(repeating: "items", count: 40)) { connection, table in
                    Thread.sleep(forTimeInterval: 0.002)
                    return try connection.count(table)
                }
                #expect(counts == Array(repeating: before + 1, count: 40))
                throw RollBack()
            }
        }
        #expect(try fixture.store.count("items") == before)
    }

    @Test("an error on either side is thrown once both are done")
    func failure() throws {
        let fixture = try StoreFixture()
        #expect(throws: Planted()) {
            _ = try fixture.store.sideBySide(Array(0..<40)) { _, item -> Int in
                if item == 25 { throw Planted() }
                return item
            }
        }
    }
}

@Suite("One snapshot for a whole appraisal run")
struct SnapshotTests {
    /// Whether a second connection took part.
    final class Seen: @unchecked Sendable {
        // `identities` is read and written only while `lock` is held.
        private let lock = NSLock()
        private var identities: Set<ObjectIdentifier> = []
        func add(_ store: Store) { lock.withLock { _ = identities.insert(ObjectIdentifier(store)) } }
        var count: Int { lock.withLock { identities.count } }
    }

    @Test("inside a run's transaction both connections read one state, and an import tried mid-run waits until the run commits")
    func importDuringRun() throws {
        let fixture = try StoreFixture()
        let path = fixture.store.database.path
        let before = try fixture.store.count("items")
        let seen = Seen()
        try fixture.store.transaction {
            let counts = try fixture.store.sideBySide(Array(0..<40)) { connection, item in
                seen.add(connection)
                if item == 3 {
                    // Another process imports an item now: it cannot commit while the run holds the write lock.
                    let other = try Database(path: path, busyTimeoutMilliseconds: 50)
                    #expect(throws: StoreError.self) {
                        try other.execute("INSERT INTO items (sku, name) VALUES ('S-MID', '网线')", context: "importing mid-run")
                    }
                }
                Thread.sleep(forTimeInterval: 0.002)
                return try connection.count("items")
            }
            #expect(counts == Array(repeating: before, count: 40))
        }
        #expect(seen.count == 2)
        let other = try Database(path: path, busyTimeoutMilliseconds: 50)
        try other.execute("INSERT INTO items (sku, name) VALUES ('S-MID', '网线')", context: "importing after the run")
        #expect(try fixture.store.count("items") == before + 1)
    }

    @Test("outside a write transaction the work stays on one connection")
    func oneConnectionOtherwise() throws {
        let fixture = try StoreFixture()
        let seen = Seen()
        _ = try fixture.store.reading {
            try fixture.store.sideBySide(Array(0..<40)) { connection, _ in
                seen.add(connection)
                Thread.sleep(forTimeInterval: 0.001)
                return try connection.count("items")
            }
        }
        #expect(seen.count == 1)
    }
}
