import Foundation
import Testing
@testable import KPIStore

@Suite("Backup and restore")
struct BackupTests {
    @Test("a backup taken while another connection writes is whole, and readable by its owner alone")
    func backupWhileWriting() throws {
        let fixture = try StoreFixture()
        let before = try fixture.store.count("items")
        let path = fixture.store.path
        let done = Flag()
        let writer = Thread {
            guard let other = try? Store(path: path) else { return }
            var n = 0
            while !done.isSet, n < 2_000 {
                n += 1
                try? other.transaction { try other.database.execute("INSERT INTO items (sku, name) VALUES ('W\(n)', '线缆')", context: "test") }
            }
        }
        writer.start()
        let copy = fixture.directory.appendingPathComponent("backup.sqlite").path
        try fixture.store.backup(to: copy)
        done.set()
        let restored = try Store(path: copy, creating: false)
        #expect(try restored.database.integrityProblems().isEmpty)
        #expect(try restored.count("items") >= before)
        #expect(try restored.count("employees") == (try fixture.store.count("employees")))
        let mode = try FileManager.default.attributesOfItem(atPath: copy)[.posixPermissions] as? Int
        #expect(mode.map { $0 & 0o777 } == 0o600)
        #expect(try FileManager.default.contentsOfDirectory(atPath: fixture.directory.path).allSatisfy { !$0.hasSuffix(".partial") })
    }

    @Test("restore brings the backup back and keeps the database before it; a damaged or foreign file changes nothing")
    func restore() throws {
        let fixture = try StoreFixture()
        let copy = fixture.directory.appendingPathComponent("backup.sqlite").path
        try fixture.store.backup(to: copy)
        let snapshot = try fixture.snapshot()
        try fixture.store.database.execute("DELETE FROM activities", context: "test")
        let changed = try fixture.snapshot()
        #expect(changed != snapshot)

        let damaged = fixture.directory.appendingPathComponent("damaged.sqlite").path
        var bytes = try Data(contentsOf: URL(fileURLWithPath: copy))
        for offset in stride(from: 4096, to: min(bytes.count, 4096 * 6), by: 7) { bytes[offset] = 0x5A }
        try bytes.write(to: URL(fileURLWithPath: damaged))
        #expect(throws: StoreError.self) { try fixture.store.restore(from: damaged, keepingCurrentAs: damaged + ".kept") }
        let foreign = fixture.directory.appendingPathComponent("crm.sqlite").path
        try Database(path: foreign).execute("CREATE TABLE customers (id TEXT)", context: "test")
        #expect(throws: StoreError.foreign(path: foreign)) { try fixture.store.restore(from: foreign, keepingCurrentAs: foreign + ".kept") }
        #expect(try fixture.snapshot() == changed)

        let kept = fixture.directory.appendingPathComponent("kept.sqlite").path
        try fixture.store.restore(from: copy, keepingCurrentAs: kept)
        #expect(try fixture.snapshot() == snapshot)
        #expect(try Store(path: kept, creating: false).count("activities") == 0)
    }
}

/// A flag one thread sets and another reads.
final class Flag: @unchecked Sendable {
    // `value` is read and written only while `lock` is held.
    private let lock = NSLock()
    private var value = false
    func set() { lock.withLock { value = true } }
    var isSet: Bool { lock.withLock { value } }
}
