import KPICatalog
import KPIFormula
import KPIStore

/// Where a scorecard stands with its employee: confirmed, objected to, waiting for them until
/// the deadline, or counted as confirmed after it.
public enum Confirmation: Sendable, Equatable {
    case confirmed(at: String)
    /// An objection of theirs is open.
    case objected
    /// Waiting for them, until the deadline (nil: no deadline).
    case awaiting(until: Day?)
    /// Not confirmed by the deadline, so counted as confirmed.
    case deemed(since: Day)
}

extension Appraisals {
    /// The last day to confirm or object to a scorecard of `period`, by the period's rules; nil
    /// when they set none.
    public func confirmationDeadline(of period: Period) throws -> Day? {
        try rules(for: period).grading.confirmWithinDays.map { period.lastDay.adding(days: $0) }
    }

    /// Where each of `employees`' scorecards of `period` stands with them.
    public func confirmations(of employees: [String], period: Period, today: Day = .today) throws -> [String: Confirmation] {
        // One person's are read by key; a department's or a company's all at once.
        let one = employees.count == 1 ? employees.first : nil
        let confirmed = try store.confirmations(of: period, employee: one)
        let objecting = Set(try store.objections(period: period, employee: one).filter { $0.status == .open }.map(\.employee))
        let deadline = try confirmationDeadline(of: period)
        var result: [String: Confirmation] = [:]
        for id in employees {
            if let at = confirmed[id] {
                result[id] = .confirmed(at: at)
            } else if objecting.contains(id) {
                result[id] = .objected
            } else if let deadline, deadline < today {
                result[id] = .deemed(since: deadline.adding(days: 1))
            } else {
                result[id] = .awaiting(until: deadline)
            }
        }
        return result
    }

    /// The principal confirms their own scorecard of `period` (`kpi confirm`).
    public func confirm(_ period: Period) throws {
        let me = try requireEmployee()
        try attempt("confirm", on: period.description, me.id) {
            try store.transaction {
                try requireWritable(period)
                guard try store.scorecards(of: period, employees: [me.id], lines: false).first != nil else {
                    throw AppraisalError.invalid("you have no scorecard in \(period) to confirm")
                }
                try store.confirm(period: period, employee: me.id)
                try store.audit(actor: principal.auditName, action: "confirm", target: period.description, summary: "\(me.id) confirmed")
            }
        }
    }

    /// The principal objects (申诉) to one KPI of their own scorecard of `period`; returns the
    /// objection's id. Nobody objects to another's scorecard.
    @discardableResult
    public func object(_ period: Period, kpi: String, reason: String) throws -> Int {
        let me = try requireEmployee()
        return try attempt("object", on: period.description, "\(me.id) \(kpi)") {
            guard !reason.trimmingCharacters(in: .whitespaces).isEmpty else { throw AppraisalError.usage("an objection needs --reason TEXT: what is wrong, and why") }
            return try store.transaction {
                try requireWritable(period)
                guard let card = try store.scorecards(of: period, employees: [me.id]).first else {
                    throw AppraisalError.invalid("you have no scorecard in \(period) to object to")
                }
                let carried = Set(card.lines.map(\.kpi) + card.segments.flatMap { $0.lines.map(\.kpi) })
                guard carried.contains(kpi) else {
                    throw AppraisalError.usage("your scorecard of \(period) has no KPI `\(kpi)`; it has \(carried.sorted().joined(separator: ", "))")
                }
                let id = try store.object(period: period, employee: me.id, kpi: kpi, reason: reason)
                try store.audit(actor: principal.auditName, action: "object", target: period.description, summary: "#\(id) \(me.id) \(kpi): \(reason)")
                return id
            }
        }
    }

    /// The objections of `period` (all when nil) of the people the principal may view, oldest first.
    public func objections(period: Period?) throws -> [Store.Objection] {
        _ = try requireEmployee()
        return try store.objections(period: period).filter { try canView($0.employee) }
    }

    /// Resolves an open objection: HR, or someone who rates the employee as their manager. An
    /// accepted objection with a `score` enters it as the resolver's rating of the KPI and
    /// computes the card again; accepted without one by HR, the period is run again (the records
    /// having been corrected). The employee sees the outcome with `kpi objections`.
    public func resolve(objection id: Int, accept: Bool, reason: String, score: Double? = nil) throws -> Store.Objection {
        let me = try requireEmployee()
        return try attempt("resolve", on: "#\(id)", accept ? "accept" : "reject") {
            guard !reason.trimmingCharacters(in: .whitespaces).isEmpty else { throw AppraisalError.usage("resolving an objection needs --reason TEXT, for the employee") }
            guard let objection = try store.objection(id), try canView(objection.employee) else {
                throw AppraisalError.usage("no objection #\(id)")
            }
            guard objection.employee != me.id, try principal.isAdmin || rights.mayRate(me, objection.employee) else {
                throw AppraisalError.permissionDenied("resolving #\(id) needs appraisal:admin or rate:team over \(objection.employee)")
            }
            guard objection.status == .open else { throw AppraisalError.invalid("#\(id) is already \(objection.status.rawValue)") }
            if score != nil, !accept { throw AppraisalError.usage("a new score comes with --accept, not --reject") }
            let rating = try score.map { try checkedRating(objection.employee, kpi: objection.kpi, score: $0, period: objection.period, relation: nil) }
            let rerun = accept && score == nil && principal.isAdmin
            try store.transaction {
                try requireWritable(objection.period)
                try store.resolve(objection: id, accepted: accept, resolution: reason, by: principal.auditName)
                try store.audit(actor: principal.auditName, action: accept ? "accept" : "reject", target: objection.period.description,
                                summary: "#\(id) \(objection.employee) \(objection.kpi): \(reason)")
                if let rating, let score {
                    _ = try enter(objection.employee, kpi: rating.0.id, relation: rating.1, score: score, period: objection.period, comment: reason)
                }
            }
            // Employees whose role left the catalog are left out, as after an import: the resolution is kept either way.
            if rerun, try store.appraisalPeriod(objection.period)?.runs ?? 0 > 0 { try run(objection.period, force: true) }
            return try store.objection(id) ?? objection
        }
    }
}

/// How the conversation stands on one scorecard: where it stands with its employee, the grade
/// calibrated by hand, and the employee's objections with their outcome.
public struct CardConversation: Sendable {
    public let confirmation: Confirmation
    public let calibration: Store.Calibration?
    public let objections: [Store.Objection]
}

extension Appraisals {
    /// The conversation on `id`'s scorecard of `period`, for a viewer of it.
    public func conversation(of id: String, period: Period) throws -> CardConversation {
        _ = try requireEmployee()
        guard try canView(id) else {
            throw AppraisalError.permissionDenied("the scorecard of \(id) needs view:team, view:department or view:company over them")
        }
        return CardConversation(confirmation: try confirmations(of: [id], period: period)[id] ?? .awaiting(until: nil),
                                calibration: try store.calibrations(of: period, employee: id)[id],
                                objections: try store.objections(period: period, employee: id))
    }
}
