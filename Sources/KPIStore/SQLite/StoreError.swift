import Foundation

/// A failure of the store, with a message a user can act on.
public enum StoreError: LocalizedError, Equatable {
    /// The database file cannot be opened or is not a kpi database.
    case cannotOpen(path: String, reason: String)
    /// SQLite refused a statement; `context` says what the store was doing.
    case sqlite(code: Int32, message: String, context: String)
    /// The database was written by a newer kpi.
    case newerSchema(found: String)

    public var errorDescription: String? {
        switch self {
        case .cannotOpen(let path, let reason): return "\(path): cannot open the database: \(reason)"
        case .sqlite(_, let message, let context): return "database error while \(context): \(message)"
        case .newerSchema(let found):
            return "the database was written by a newer kpi (migration \(found)); upgrade kpi before using it"
        }
    }
}
