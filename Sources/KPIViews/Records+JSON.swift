import KPIStore

/// A period's status as JSON (`kpi appraisal status`, `GET /api/v1/periods`).
extension AppraisalPeriod {
    public var json: JSON {
        .object([("period", .string(period.description)), ("status", .string(status.rawValue)), ("runs", .integer(runs)),
                 ("last_run_at", .string(lastRunAt)), ("closed_at", .string(closedAt))])
    }
}

/// An audit entry as JSON (`kpi audit`, `GET /api/v1/audit`).
extension AuditEntry {
    public var json: JSON {
        .object([("at", .string(at)), ("actor", .string(actor)), ("action", .string(action)), ("target", .string(target)),
                 ("summary", .string(summary))])
    }
}
