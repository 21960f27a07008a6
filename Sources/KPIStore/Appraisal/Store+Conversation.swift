/// The appraisal's conversation as stored: confirmations, objections (申诉) and calibrations
/// (校准) of a period's scorecards. The engine decides who may write them; these only keep them.
extension Store {
    /// An objection to one KPI of one's scorecard, and how it was resolved.
    public struct Objection: Equatable, Sendable {
        public enum Status: String, Sendable { case open, accepted, rejected }

        public let id: Int
        public let period: Period
        public let employee: String
        public let kpi: String
        public let reason: String
        public let raisedAt: String
        public let status: Status
        /// The resolver's reason, the resolver and when; nil while open.
        public let resolution: String?
        public let resolvedBy: String?
        public let resolvedAt: String?
    }

    /// A grade set by hand, with the grade it replaced and why.
    public struct Calibration: Equatable, Sendable {
        public let employee: String
        public let grade: String
        public let fromGrade: String?
        public let reason: String
        public let calibratedBy: String
        public let calibratedAt: String
    }

    // MARK: Confirmations

    /// When each employee (or the one named) confirmed their scorecard of `period`, by employee.
    public func confirmations(of period: Period, employee: String? = nil) throws -> [String: String] {
        var result: [String: String] = [:]
        try database.prepare("SELECT employee, confirmed_at FROM confirmations WHERE period = ?" + (employee == nil ? "" : " AND employee = ?"))
            .forEach([.text(period.description)] + (employee.map { [.text($0)] } ?? [])) { row in
                result[row.text(0)] = row.text(1)
            }
        return result
    }

    /// Records that `employee` confirmed their scorecard of `period` now.
    public func confirm(period: Period, employee: String) throws {
        try database.prepare("""
            INSERT INTO confirmations (period, employee, confirmed_at) VALUES (?, ?, ?)
            ON CONFLICT (period, employee) DO UPDATE SET confirmed_at = excluded.confirmed_at
            """).run([.text(period.description), .text(employee), .text(Store.timestamp())])
    }

    // MARK: Objections

    /// The objections of `period` (all periods when nil), oldest first; of one employee when named.
    public func objections(period: Period?, employee: String? = nil) throws -> [Objection] {
        var clauses: [String] = []
        var values: [Statement.Value] = []
        if let period { clauses.append("period = ?"); values.append(.text(period.description)) }
        if let employee { clauses.append("employee = ?"); values.append(.text(employee)) }
        return try objections(where: clauses, values)
    }

    /// One objection by id.
    public func objection(_ id: Int) throws -> Objection? {
        try objections(where: ["id = ?"], [.integer(Int64(id))]).first
    }

    private func objections(where clauses: [String], _ values: [Statement.Value]) throws -> [Objection] {
        var result: [Objection] = []
        try database.prepare("""
            SELECT id, period, employee, kpi, reason, raised_at, status, resolution, resolved_by, resolved_at FROM objections
            \(clauses.isEmpty ? "" : "WHERE " + clauses.joined(separator: " AND ")) ORDER BY id
            """).forEach(values) { row in
            guard let period = Period(row.text(1)) else { return }
            result.append(Objection(id: Int(row.int(0)), period: period, employee: row.text(2), kpi: row.text(3), reason: row.text(4),
                                    raisedAt: row.text(5), status: Objection.Status(rawValue: row.text(6)) ?? .open,
                                    resolution: row.optionalText(7), resolvedBy: row.optionalText(8), resolvedAt: row.optionalText(9)))
        }
        return result
    }

    /// Raises an objection; returns its id.
    public func object(period: Period, employee: String, kpi: String, reason: String) throws -> Int {
        try database.prepare("INSERT INTO objections (period, employee, kpi, reason, raised_at) VALUES (?, ?, ?, ?, ?)")
            .run([.text(period.description), .text(employee), .text(kpi), .text(reason), .text(Store.timestamp())])
        return Int(try database.prepare("SELECT last_insert_rowid()").first { $0.int(0) } ?? 0)
    }

    /// Resolves an open objection.
    public func resolve(objection id: Int, accepted: Bool, resolution: String, by resolver: String) throws {
        try database.prepare("UPDATE objections SET status = ?, resolution = ?, resolved_by = ?, resolved_at = ? WHERE id = ? AND status = 'open'")
            .run([.text(accepted ? "accepted" : "rejected"), .text(resolution), .text(resolver), .text(Store.timestamp()), .integer(Int64(id))])
    }

    // MARK: Calibrations

    /// The calibrations of `period` (or of the one employee named), by employee.
    public func calibrations(of period: Period, employee: String? = nil) throws -> [String: Calibration] {
        var result: [String: Calibration] = [:]
        try database.prepare("SELECT employee, grade, from_grade, reason, calibrated_by, calibrated_at FROM calibrations WHERE period = ?"
                             + (employee == nil ? "" : " AND employee = ?"))
            .forEach([.text(period.description)] + (employee.map { [.text($0)] } ?? [])) { row in
            result[row.text(0)] = Calibration(employee: row.text(0), grade: row.text(1), fromGrade: row.optionalText(2), reason: row.text(3),
                                              calibratedBy: row.text(4), calibratedAt: row.text(5))
        }
        return result
    }

    /// Keeps a calibration, replacing an earlier one of the same person and period.
    public func calibrate(period: Period, employee: String, grade: String, from: String?, reason: String, by: String) throws {
        try database.prepare("""
            INSERT INTO calibrations (period, employee, grade, from_grade, reason, calibrated_by, calibrated_at) VALUES (?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (period, employee) DO UPDATE SET grade = excluded.grade, reason = excluded.reason,
                calibrated_by = excluded.calibrated_by, calibrated_at = excluded.calibrated_at
            """).run([.text(period.description), .text(employee), .text(grade), from.map(Statement.Value.text) ?? .null, .text(reason), .text(by),
                      .text(Store.timestamp())])
    }
}
