import CSQLite

extension Database {
    /// Copies this database as it stands into `target`, page by page, with SQLite's online backup:
    /// a consistent copy even while other connections write. A step that finds the database busy
    /// waits and tries again, for as long as the busy timeout would.
    func copy(into target: Database) throws {
        guard let backup = sqlite3_backup_init(target.handle, "main", handle, "main") else {
            throw target.error(sqlite3_errcode(target.handle), "starting to copy \(path)")
        }
        var code: Int32 = SQLITE_OK
        var waited = 0
        while code == SQLITE_OK || ((code == SQLITE_BUSY || code == SQLITE_LOCKED) && waited < 10_000) {
            code = sqlite3_backup_step(backup, 1024)
            if code == SQLITE_BUSY || code == SQLITE_LOCKED {
                sqlite3_sleep(20)
                waited += 20
            }
        }
        let finished = sqlite3_backup_finish(backup)
        guard code == SQLITE_DONE, finished == SQLITE_OK else {
            throw target.error(code == SQLITE_DONE ? finished : code, "copying \(path)")
        }
    }

    /// What `PRAGMA integrity_check` finds — or the faster `quick_check`, which skips matching
    /// indexes to their tables: empty when the database is whole, the damage found otherwise. With `tables`, the quick check
    /// of those tables and their indexes alone.
    func integrityProblems(quick: Bool = false, tables: [String]? = nil) throws -> [String] {
        var problems: [String] = []
        let pragmas = tables.map { $0.map { "PRAGMA quick_check(\($0))" } } ?? [quick ? "PRAGMA quick_check" : "PRAGMA integrity_check"]
        for pragma in pragmas {
            do {
                try prepare(pragma).forEach { row in
                    let text = row.text(0)
                    if text != "ok" { problems.append(text) }
                }
            } catch StoreError.sqlite(let code, let message, _) where code == SQLITE_CORRUPT || code == SQLITE_NOTADB {
                // Damage so deep that the check cannot walk the file is what it looks for.
                problems.append(message)
            }
        }
        return problems
    }
}
