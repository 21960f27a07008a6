import Foundation

extension Store {
    /// Writes a consistent copy of the database to `path`, readable by its owner alone, even
    /// while others write. The copy is made beside `path` and renamed into place, so that a
    /// failed backup leaves no half-written file there.
    public func backup(to path: String) throws {
        let partial = URL(fileURLWithPath: path).deletingLastPathComponent()
            .appendingPathComponent(".\(URL(fileURLWithPath: path).lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).partial").path
        try? FileManager.default.removeItem(atPath: partial)
        do {
            try writeCopy(to: partial)
            for suffix in ["-wal", "-shm"] { try? FileManager.default.removeItem(atPath: partial + suffix) }
            try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: partial)
            guard rename(partial, path) == 0 else {
                throw StoreError.cannotOpen(path: path, reason: String(cString: strerror(errno)))
            }
        } catch {
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: partial + suffix) }
            throw error
        }
    }

    /// Replaces the database's content with the backup at `path`, once the backup is found whole
    /// (integrity check) and a kpi database no newer than this kpi; the current content is kept
    /// first as a copy at `keptAs`. Migrations the backup lacks are applied after.
    public func restore(from path: String, keepingCurrentAs keptAs: String) throws {
        guard FileManager.default.fileExists(atPath: path) else { throw StoreError.missing(path: path) }
        let source = try Database(path: path, readOnly: true)
        let problems = try source.integrityProblems()
        guard problems.isEmpty else {
            throw StoreError.damaged(path: path, problems: Array(problems.prefix(5)))
        }
        var tables: Set<String> = []
        try source.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").forEach { tables.insert($0.text(0)) }
        guard tables.contains("migrations") else { throw StoreError.foreign(path: path) }
        var applied: [String] = []
        try source.prepare("SELECT name FROM migrations ORDER BY rowid").forEach { applied.append($0.text(0)) }
        if let newer = Set(applied).subtracting(Migration.all.map(\.name)).sorted().last {
            throw StoreError.newerSchema(found: newer)
        }
        try backup(to: keptAs)
        try source.copy(into: database)
        try migrate()
    }

    /// Copies the database into a new file at `path`, whose connection closes on return.
    private func writeCopy(to path: String) throws {
        let target = try Database(path: path)
        try database.copy(into: target)
        try target.execute("PRAGMA wal_checkpoint(TRUNCATE)", context: "finishing the copy")
    }
}
