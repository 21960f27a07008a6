import Foundation

/// A failure of the store, with a message a user can act on.
public enum StoreError: LocalizedError, Equatable {
    /// The database file cannot be opened or is not a kpi database.
    case cannotOpen(path: String, reason: String)
    /// SQLite refused a statement; `context` says what the store was doing.
    case sqlite(code: Int32, message: String, context: String)
    /// The database was written by a newer kpi.
    case newerSchema(found: String)
    /// No database at the path, for a command that does not create one.
    case missing(path: String)
    /// The file is an SQLite database of another program.
    case foreign(path: String)
    /// The database file is damaged: what SQLite's integrity check found, the first few.
    case damaged(path: String, problems: [String])

    /// Whether another connection held the lock past the busy timeout: nothing is wrong, try again.
    public var isBusy: Bool {
        if case .sqlite(let code, _, _) = self { return code & 0xFF == 5 || code & 0xFF == 6 }
        return false
    }

    public var errorDescription: String? {
        switch self {
        case .cannotOpen(let path, let reason): return "\(path): cannot open the database: \(reason)"
        case .sqlite(_, let message, let context): return "database error while \(context): \(message)"
        case .newerSchema(let found):
            return "the database was written by a newer kpi (migration \(found)); upgrade kpi before using it"
        case .missing(let path):
            return "\(path): no such database; name yours with --db or KPI_DB, or create one with kpi init"
        case .damaged(let path, let problems):
            return "\(path) is damaged (\(problems.joined(separator: "; "))); kpi doctor says more, kpi restore puts a backup back"
        case .foreign(let path):
            return "\(path): not a kpi database (it holds another program's tables); name yours with --db or KPI_DB"
        }
    }
}
