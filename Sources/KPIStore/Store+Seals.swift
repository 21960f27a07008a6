import Crypto
import Foundation

/// Tamper evidence: the audit log as a hash chain, and a digest of each closed period's results.
extension Store {
    /// The hash of an audit entry: SHA-256 over the previous entry's hash and this entry's fields.
    static func auditHash(previous: String, at: String, actor: String, action: String, target: String, summary: String) -> String {
        let content = [previous, at, actor, action, target, summary].joined(separator: "\u{1F}")
        return hexadecimal(SHA256.hash(data: Data(content.utf8)))
    }

    /// The hash of the latest entry, or "" for an empty log.
    func lastAuditHash() throws -> String {
        try database.prepare("SELECT hash FROM audit_log WHERE hash IS NOT NULL ORDER BY id DESC LIMIT 1").first { $0.text(0) } ?? ""
    }

    /// The id of the latest audit entry (0 for none): it moves with every write, so that what was
    /// read before it can be kept until it moves.
    public func lastAuditID() throws -> Int64 {
        try database.prepare("SELECT max(id) FROM audit_log").first { $0.isNull(0) ? 0 : $0.int(0) } ?? 0
    }

    /// Gives the entries written before the chain existed their place in it, oldest first.
    func sealAuditLog() throws {
        var unsealed: [(id: Int64, fields: [String])] = []
        try database.prepare("SELECT id, at, actor, action, target, summary FROM audit_log WHERE hash IS NULL ORDER BY id").forEach { row in
            unsealed.append((row.int(0), (1...5).map { row.text(Int32($0)) }))
        }
        guard !unsealed.isEmpty else { return }
        try transaction {
            var previous = try lastAuditHash()
            let seal = try database.prepare("UPDATE audit_log SET hash = ? WHERE id = ?")
            for entry in unsealed {
                let fields = entry.fields
                previous = Self.auditHash(previous: previous, at: fields[0], actor: fields[1], action: fields[2], target: fields[3], summary: fields[4])
                try seal.run([.text(previous), .integer(entry.id)])
            }
        }
    }

    /// The first audit entry whose hash does not follow from its content and the entry before
    /// it — changed, or after one removed — as its id and time; nil when the chain holds.
    public func brokenAuditLink() throws -> (id: Int64, at: String)? {
        var previous = ""
        var broken: (Int64, String)?
        try database.prepare("SELECT id, at, actor, action, target, summary, hash FROM audit_log ORDER BY id").forEach { row in
            guard broken == nil else { return }
            let expected = Self.auditHash(previous: previous, at: row.text(1), actor: row.text(2), action: row.text(3),
                                          target: row.text(4), summary: row.text(5))
            if row.optionalText(6) != expected { broken = (row.int(0), row.text(1)) }
            previous = row.optionalText(6) ?? ""
        }
        return broken
    }

    /// A digest of the period's results: every scorecard, line and role segment, in key order, the rules they
    /// were scored by, and the bonus shared by them.
    func resultsDigest(of period: Period) throws -> String {
        var hasher = SHA256()
        let key: [Statement.Value] = [.text(period.description)]
        try database.prepare("SELECT rule_set FROM appraisal_periods WHERE period = ? AND rule_set IS NOT NULL").forEach(key) { row in
            hasher.update(data: Data(("rules " + row.text(0)).utf8))
        }
        try database.prepare("""
            SELECT employee, role, department, total, raw_grade, grade, coefficient, run FROM scorecards WHERE period = ? ORDER BY employee
            """).forEach(key) { row in hasher.update(data: Data(Self.rowText(row).utf8)) }
        try database.prepare("""
            SELECT employee, kpi, position, weight, scope, value, score, weighted, status, rater, comment FROM scorecard_kpis
            WHERE period = ? ORDER BY employee, kpi
            """).forEach(key) { row in hasher.update(data: Data(Self.rowText(row).utf8)) }
        try database.prepare("""
            SELECT employee, position, role, department, from_day, to_day, total FROM scorecard_segments WHERE period = ? ORDER BY employee, position
            """).forEach(key) { row in hasher.update(data: Data(("segment " + Self.rowText(row)).utf8)) }
        try database.prepare("""
            SELECT employee, segment, position, kpi, weight, scope, value, score, weighted, status, rater, comment FROM scorecard_segment_kpis
            WHERE period = ? ORDER BY employee, segment, position
            """).forEach(key) { row in hasher.update(data: Data(("segment line " + Self.rowText(row)).utf8)) }
        try database.prepare("""
            SELECT pool, employee, base, coefficient, days, weight, amount, reason FROM bonus_shares WHERE period = ? ORDER BY pool, employee
            """).forEach(key) { row in hasher.update(data: Data(("bonus " + Self.rowText(row)).utf8)) }
        return hexadecimal(hasher.finalize())
    }

    /// Every column of a row as text, separated, with NULL told apart from an empty text.
    private static func rowText(_ row: Statement) -> String {
        (0..<row.columnCount).map { row.isNull($0) ? "\u{0}" : row.text($0) }.joined(separator: "\u{1F}") + "\u{1E}"
    }

    /// The closed periods whose results no longer match the digest taken when they closed.
    public func closedPeriodsChangedSinceClose() throws -> [Period] {
        var sealed: [(Period, String?)] = []
        try database.prepare("SELECT period, digest FROM appraisal_periods WHERE status = 'closed' ORDER BY period").forEach { row in
            if let period = Period(row.text(0)) { sealed.append((period, row.optionalText(1))) }
        }
        return try sealed.filter { period, digest in try digest.map { try resultsDigest(of: period) != $0 } ?? false }.map(\.0)
    }
}
