import CSQLite
import Foundation

/// One check of `kpi doctor`: what was checked, and what it found wrong (nothing when healthy).
public struct HealthCheck: Equatable, Sendable {
    public enum Name: String, Sendable, CaseIterable {
        case integrity, foreignKeys = "foreign-keys", schema, auditChain = "audit-chain", closedResults = "closed-results"
    }

    public let name: Name
    public let problems: [String]
}

extension Store {
    /// Refuses a damaged database (SQLite's quick check), naming what it found: nothing is
    /// sealed on top of damage.
    public func requireWhole() throws {
        try refuseDamage(try database.integrityProblems(quick: true))
    }

    /// The tables a run writes its results into, with what it reads them by: what its quick check
    /// covers. The records it reads are checked by SQLite page by page as they are read, so that
    /// the check follows the results kept, not the years of records.
    public static let tablesARunWrites = ["appraisal_periods", "scorecards", "scorecard_kpis", "scorecard_measures", "scorecard_segments",
                                      "scorecard_segment_kpis", "rule_sets", "rule_set_files", "bonus_shares", "calibrations", "ratings",
                                      "audit_log"]

    /// Runs `body` while SQLite's quick check of `tables` (nil: the whole database) runs on a
    /// connection and a thread of its own, then refuses a damaged database as `requireWhole` does,
    /// and damage `body` ran into while reading too. The check costs the caller the time it takes
    /// beyond `body`'s, not its whole time: a run or an export refuses damage without paying for
    /// a second pass over the file.
    public func whileCheckingWhole<T>(tables: [String]? = nil, _ body: () throws -> T) throws -> T {
        let path = database.path
        let result: Result<T, any Error>
        if path == ":memory:" {
            // No second connection sees this database: the check runs first, here.
            try refuseDamage(try database.integrityProblems(quick: true, tables: tables))
            result = Result(catching: body)
        } else {
            let found = CheckOutcome()
            let finished = DispatchSemaphore(value: 0)
            Thread {
                found.set(Result { try Store(secondConnectionTo: path).database.integrityProblems(quick: true, tables: tables) })
                finished.signal()
            }.start()
            result = Result(catching: body)
            finished.wait()
            try refuseDamage(try found.get())
        }
        do {
            return try result.get()
        } catch StoreError.sqlite(let code, let message, _) where code == SQLITE_CORRUPT || code == SQLITE_NOTADB {
            // Damage `body` ran into while reading is damage all the same.
            throw StoreError.damaged(path: path, problems: [message])
        }
    }

    /// Refuses the database when its check found `problems`, naming the first five.
    private func refuseDamage(_ problems: [String]) throws {
        guard problems.isEmpty else { throw StoreError.damaged(path: path, problems: Array(problems.prefix(5))) }
    }

    /// Checks the database as `kpi doctor` does: SQLite's integrity check, the foreign keys (no
    /// record refers to one that is gone), the schema (every migration and declared table), the
    /// audit log's hash chain, and the digests of the closed periods' results.
    public func health() throws -> [HealthCheck] {
        var foreignKeys: [String] = []
        try database.prepare("PRAGMA foreign_key_check").forEach { row in
            foreignKeys.append("\(row.text(0)) row \(row.int(1)) refers to a missing \(row.text(2)) record")
        }
        let known = Migration.all.map(\.name)
        let applied = Set(try appliedMigrations())
        var schema = known.filter { !applied.contains($0) }.map { "migration \($0) is not applied" }
        for kind in ImportKind.all where try !tableExists(kind.table) { schema.append("the table \(kind.table) is missing") }
        let chain = try brokenAuditLink().map { ["the audit log was changed at entry \($0.id) (\($0.at)) or an entry before it was removed"] } ?? []
        let closed = try closedPeriodsChangedSinceClose().map { "the results of \($0) changed after it was closed" }
        return [
            HealthCheck(name: .integrity, problems: Array(try database.integrityProblems().prefix(20))),
            HealthCheck(name: .foreignKeys, problems: Array(foreignKeys.prefix(20))),
            HealthCheck(name: .schema, problems: schema),
            HealthCheck(name: .auditChain, problems: chain),
            HealthCheck(name: .closedResults, problems: closed),
        ]
    }
}

/// What the checking thread of `whileCheckingWhole` found, handed to the caller.
private final class CheckOutcome: @unchecked Sendable {
    // Written once by the checking thread before it signals; read once after the wait.
    private var outcome: Result<[String], any Error> = .success([])

    func set(_ outcome: Result<[String], any Error>) { self.outcome = outcome }
    func get() throws -> [String] { try outcome.get() }
}
