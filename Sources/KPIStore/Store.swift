import Foundation

/// The operational records of one company in SQLite: migrations, imports, measures, audit log.
public final class Store {
    let database: Database

    /// Opens the database at `path`, applies the migrations it lacks, and creates the table of
    /// any import kind declared since.
    ///
    /// - Parameter creating: whether a missing database is created (mode 0600: it holds people's
    ///   pay). When false, a missing file, or one that holds tables but none of kpi's, is refused.
    public init(path: String, creating: Bool = true) throws {
        let isFile = path != ":memory:"
        let existed = isFile && FileManager.default.fileExists(atPath: path)
        if isFile, !existed, !creating { throw StoreError.missing(path: path) }
        database = try Database(path: path)
        if isFile, !creating, try isForeign() { throw StoreError.foreign(path: path) }
        try migrate()
        if isFile, !existed {
            for file in [path, path + "-wal", path + "-shm"] where FileManager.default.fileExists(atPath: file) {
                try? FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file)
            }
        }
    }

    /// Whether the database holds tables but no record of kpi's migrations: another program's.
    private func isForeign() throws -> Bool {
        var tables: [String] = []
        try database.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").forEach { tables.append($0.text(0)) }
        return !tables.isEmpty && !tables.contains("migrations")
    }

    /// A second connection to a database this process has open already, for reading beside the
    /// first: no migration, which could wait for the first connection's write lock.
    init(secondConnectionTo path: String) throws {
        database = try Database(path: path)
    }

    /// Where the database is.
    public var path: String { database.path }

    /// Runs `body` in one write transaction; nothing it wrote stays if it throws.
    public func transaction<T>(_ body: () throws -> T) throws -> T {
        try database.transaction(body)
    }

    /// Runs `body` in one read transaction: all it reads is one state of the database.
    public func reading<T>(_ body: () throws -> T) throws -> T {
        try database.reading(body)
    }

    /// The migrations applied, in order.
    public func appliedMigrations() throws -> [String] {
        var names: [String] = []
        try database.prepare("SELECT name FROM migrations ORDER BY rowid").forEach { names.append($0.text(0)) }
        return names
    }

    /// Applies the migrations the database lacks and creates the tables of kinds declared since.
    func migrate() throws {
        try database.execute("CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)",
                             context: "reading the schema version")
        let applied = Set(try appliedMigrations())
        let known = Set(Migration.all.map(\.name))
        if let unknown = applied.subtracting(known).sorted().last {
            throw StoreError.newerSchema(found: unknown)
        }
        for migration in Migration.all where !applied.contains(migration.name) {
            try database.transaction {
                try database.execute(migration.sql, context: "applying migration \(migration.name)")
                try database.prepare("INSERT INTO migrations (name, applied_at) VALUES (?, ?)")
                    .run([.text(migration.name), .text(Store.timestamp())])
            }
        }
        try sealAuditLog()
        for kind in ImportKind.all where try !tableExists(kind.table) {
            try database.transaction {
                try database.execute(kind.schemaSQL, context: "creating the table of \(kind.id)")
            }
        }
    }

    func tableExists(_ table: String) throws -> Bool {
        var exists = false
        try database.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").forEach([.text(table)]) { _ in exists = true }
        return exists
    }

    /// Appends to the audit log: who did what to which target, and a one-line summary, sealed
    /// into the chain of entries (`Store+Seals`).
    public func audit(actor: String, action: String, target: String, summary: String) throws {
        let at = Store.timestamp()
        let hash = Self.auditHash(previous: try lastAuditHash(), at: at, actor: actor, action: action, target: target, summary: summary)
        try database.prepare("INSERT INTO audit_log (at, actor, action, target, summary, hash) VALUES (?, ?, ?, ?, ?, ?)")
            .run([.text(at), .text(actor), .text(action), .text(target), .text(summary), .text(hash)])
    }

    /// A value kept about the database itself (who created it, for instance).
    public func meta(_ key: String) throws -> String? {
        var value: String?
        try database.prepare("SELECT value FROM meta WHERE key = ?").forEach([.text(key)]) { value = $0.text(0) }
        return value
    }

    public func setMeta(_ key: String, _ value: String) throws {
        try database.prepare("INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value")
            .run([.text(key), .text(value)])
    }

    /// Rows in a table, for summaries.
    public func count(_ table: String) throws -> Int {
        var result = 0
        try database.prepare("SELECT COUNT(*) FROM \(table)").forEach { result = Int($0.int(0)) }
        return result
    }

    /// Local time now, `YYYY-MM-DDTHH:MM:SS`.
    static func timestamp() -> String {
        let now = Date()
        let local = Int(now.timeIntervalSince1970) + TimeZone.current.secondsFromGMT(for: now)
        return LocalTime(seconds: local).iso
    }
}
