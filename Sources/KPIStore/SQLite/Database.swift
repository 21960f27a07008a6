import CSQLite
import Foundation

/// One SQLite connection: WAL journal, a busy timeout so that two processes wait for each
/// other, foreign keys on. Every return code is checked.
public final class Database {
    let handle: OpaquePointer
    public let path: String

    /// Opens (creating when needed) the database at `path`; `:memory:` for a private one.
    /// - Parameter readOnly: open an existing file without writing to it (a backup to check).
    init(path: String, busyTimeoutMilliseconds: Int32 = 10_000, readOnly: Bool = false) throws {
        var handle: OpaquePointer?
        let flags = (readOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) | SQLITE_OPEN_NOMUTEX
        let code = sqlite3_open_v2(path, &handle, flags, nil)
        guard code == SQLITE_OK, let handle else {
            let reason = handle.map { String(cString: sqlite3_errmsg($0)) } ?? String(cString: sqlite3_errstr(code))
            if let handle { sqlite3_close_v2(handle) }
            throw StoreError.cannotOpen(path: path, reason: reason)
        }
        self.handle = handle
        self.path = path
        sqlite3_busy_timeout(handle, busyTimeoutMilliseconds)
        do {
            if path != ":memory:", !readOnly { try execute("PRAGMA journal_mode = WAL", context: "setting the journal mode") }
            try execute("PRAGMA foreign_keys = ON", context: "enabling foreign keys")
            try execute("PRAGMA synchronous = NORMAL", context: "setting synchronous mode")
        } catch {
            sqlite3_close_v2(handle)
            if case StoreError.sqlite(_, let message, _) = error {
                throw StoreError.cannotOpen(path: path, reason: message)
            }
            throw error
        }
    }

    deinit {
        for handles in idleStatements.values { handles.forEach { sqlite3_finalize($0) } }
        sqlite3_close_v2(handle)
    }

    /// Prepared statements no `Statement` holds, by their SQL, reset, for the next `prepare` of
    /// the same text: a statement a server runs on every request is parsed once a connection.
    private var idleStatements: [String: [OpaquePointer]] = [:]
    private var idleCount = 0
    private static let idleLimit = 256

    /// A prepared statement of `sql` no one holds, or nil.
    func idleStatement(_ sql: String) -> OpaquePointer? {
        guard let handle = idleStatements[sql]?.popLast() else { return nil }
        idleCount -= 1
        return handle
    }

    /// Takes back a statement its `Statement` let go of: reset, kept for the same SQL, or
    /// finalized when enough are kept.
    func release(_ statement: OpaquePointer, sql: String) {
        sqlite3_reset(statement)
        sqlite3_clear_bindings(statement)
        guard idleCount < Self.idleLimit else {
            sqlite3_finalize(statement)
            return
        }
        idleStatements[sql, default: []].append(statement)
        idleCount += 1
    }

    func error(_ code: Int32, _ context: String) -> StoreError {
        .sqlite(code: code, message: String(cString: sqlite3_errmsg(handle)), context: context)
    }

    /// Runs one or more statements that return no rows.
    public func execute(_ sql: String, context: String) throws {
        var message: UnsafeMutablePointer<CChar>?
        let code = sqlite3_exec(handle, sql, nil, nil, &message)
        guard code == SQLITE_OK else {
            let text = message.map { String(cString: $0) } ?? String(cString: sqlite3_errstr(code))
            sqlite3_free(message)
            throw StoreError.sqlite(code: code, message: text, context: context)
        }
    }

    /// Whether a second connection to the same database sees what this one sees: a database in
    /// a file, with no transaction open here (whose changes others would not see yet).
    var canShareWithAnotherConnection: Bool { path != ":memory:" && sqlite3_get_autocommit(handle) != 0 }

    /// Whether a transaction is open on this connection.
    var isInTransaction: Bool { sqlite3_get_autocommit(handle) == 0 }

    /// `sqlite3_total_changes` when the open write transaction began; nil outside one.
    private var changesAtBegin: Int64?

    /// Whether a connection opened now reads exactly the state this one reads, and keeps
    /// reading it: a database in a file, in a write transaction of this connection that has
    /// written nothing yet. The write lock held since `BEGIN IMMEDIATE` lets nobody commit in
    /// between, so both see one snapshot until this transaction ends.
    var sharesSnapshotWithNewConnections: Bool {
        path != ":memory:" && changesAtBegin == sqlite3_total_changes64(handle)
    }

    public func prepare(_ sql: String) throws -> Statement {
        try Statement(database: self, sql: sql)
    }

    /// Runs `body` in one write transaction (`BEGIN IMMEDIATE`, so a concurrent writer waits
    /// here rather than failing later); rolls back if it throws.
    public func transaction<T>(_ body: () throws -> T) throws -> T {
        try execute("BEGIN IMMEDIATE", context: "starting a transaction")
        changesAtBegin = sqlite3_total_changes64(handle)
        defer { changesAtBegin = nil }
        do {
            let result = try body()
            try execute("COMMIT", context: "committing")
            return result
        } catch {
            try? execute("ROLLBACK", context: "rolling back")
            throw error
        }
    }

    /// Runs `body` in one read transaction, so that all it reads is one state of the database.
    public func reading<T>(_ body: () throws -> T) throws -> T {
        try execute("BEGIN DEFERRED", context: "starting a read transaction")
        defer { try? execute("COMMIT", context: "ending a read transaction") }
        return try body()
    }

    /// Rows changed by the last statement.
    public var changes: Int { Int(sqlite3_changes(handle)) }
}
