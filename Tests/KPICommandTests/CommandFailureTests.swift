import KPIStore
import Testing
@testable import kpi

@Suite("The one error door")
struct CommandFailureTests {
    @Test("a database locked past the wait exits 5 and says to try again; other database errors exit 1")
    func busy() throws {
        let busy = try #require(CommandFailure.from(StoreError.sqlite(code: 5, message: "database is locked", context: "starting a transaction"), language: .en))
        #expect(busy.code == .busy)
        #expect(busy.code.rawValue == 5)
        #expect(busy.lines.first == "busy: another kpi is writing to the database; try again in a moment")
        let snapshot = try #require(CommandFailure.from(StoreError.sqlite(code: 517, message: "database is locked", context: "committing"), language: .en))
        #expect(snapshot.code == .busy)
        let corrupt = try #require(CommandFailure.from(StoreError.sqlite(code: 11, message: "database disk image is malformed", context: "reading"), language: .en))
        #expect(corrupt.code == .badData)
    }
}
