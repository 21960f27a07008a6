/// One line of the audit log: who did what, to which target, when.
public struct AuditEntry: Equatable, Sendable {
    public let at: String
    public let actor: String
    public let action: String
    public let target: String
    public let summary: String
}

extension Store {
    /// The audit log, oldest first; with `target`, the entries about it (a period, a kind).
    public func auditEntries(target: String? = nil) throws -> [AuditEntry] {
        var entries: [AuditEntry] = []
        let sql = "SELECT at, actor, action, target, summary FROM audit_log" + (target == nil ? "" : " WHERE target = ?") + " ORDER BY id"
        try database.prepare(sql).forEach(target.map { [.text($0)] } ?? []) { row in
            entries.append(AuditEntry(at: row.text(0), actor: row.text(1), action: row.text(2), target: row.text(3), summary: row.text(4)))
        }
        return entries
    }
}
