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
