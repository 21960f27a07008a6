import Foundation
import KPIStore

extension Appraisals {
    /// Writes a consistent copy of the whole database to `path` (`kpi backup`): HR's, since it
    /// holds everyone's results. Audited before the copy is made, so that the copy records who
    /// made it and when; a copy that fails is audited too.
    public func backup(to path: String) throws {
        try attempt("backup", on: "database", path) {
            try requireAdmin("a backup of the database")
            try store.transaction {
                try store.audit(actor: principal.auditName, action: "backup", target: "database", summary: "backup to \(path)")
            }
            do {
                try store.backup(to: path)
            } catch {
                try? store.transaction {
                    try store.audit(actor: principal.auditName, action: "backup-failed", target: "database",
                                    summary: "backup to \(path): \(error.localizedDescription)")
                }
                throw error
            }
        }
    }

    /// Replaces the database with the backup at `path` (`kpi restore`), once it is found whole and
    /// a kpi database this kpi can read; the current database is kept first as a copy whose path
    /// is returned. Audited in the restored database.
    public func restore(from path: String) throws -> String {
        try attempt("restore", on: "database", path) {
            try requireAdmin("restoring the database")
            let kept = store.path + ".before-restore-" + Self.stamp()
            try store.restore(from: path, keepingCurrentAs: kept)
            try store.transaction {
                try store.audit(actor: principal.auditName, action: "restore", target: "database",
                                summary: "restored from \(path); the database before is kept as \(kept)")
            }
            return kept
        }
    }

    /// Now as `YYYYMMDD-HHMMSS`, for a file name.
    private static func stamp() -> String {
        let formatter = DateFormatter()
        formatter.dateFormat = "yyyyMMdd-HHmmss"
        formatter.locale = Locale(identifier: "en_US_POSIX")
        return formatter.string(from: Date())
    }
}

extension Appraisals {
    /// The checks of `kpi doctor` (see `Store.health`): for whoever sees everyone's results.
    public func doctor() throws -> [HealthCheck] {
        try requireEveryoneInView("kpi doctor")
        return try store.health()
    }
}
