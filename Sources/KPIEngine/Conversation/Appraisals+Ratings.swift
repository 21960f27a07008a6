import KPICatalog
import KPIFormula
import KPIStore

/// A rating as entered, and what it changed: the rating it replaced, and — in an open period
/// that has been run — the rated person's scorecard before and after it was computed again,
/// with everyone whose grade the forced distribution moved.
public struct RatingOutcome: Sendable {
    public let employee: String
    public let kpi: String
    public let relation: ScoringRule.Relation
    public let score: Double
    public let replaced: Store.Rating?
    /// The scorecard computed again; nil when the period has no results yet (the rating counts at its run).
    public let recomputed: Recomputation?
}

/// One line of a rating form (`kpi rate --sheet`): a rated KPI of someone the principal rates,
/// in one relation, with the principal's rating so far.
public struct RatingFormLine: Sendable {
    public let employee: String
    public let kpi: KPIDefinition
    public let relation: ScoringRule.Relation
    public let rule: ScoringRule.Rating
    public let score: Double?
    public let comment: String?
}

extension Appraisals {
    /// The rating form of a month: for everyone the principal rates in it, each rated KPI of the
    /// roles they hold, in each relation the principal holds to them (not `self`), with the
    /// principal's current rating and comment; by employee, then KPI.
    public func ratingForm(period: Period) throws -> [RatingFormLine] {
        let me = try requireEmployee()
        guard period.length == .month else { throw AppraisalError.usage("a rating form is of a month (YYYY-MM), not of \(period)") }
        var lines: [RatingFormLine] = []
        let given = try store.ratings(for: period)
        let rights = try self.rights
        for employee in try organisation.employees where try employee.isActive(on: period.lastDay) && canRate(employee.id, in: period) {
            for (kpi, rule) in ratedAssignments(of: employee, in: period) {
                for relation in rights.relations(of: me, to: employee.id, on: rule, in: period) where relation != .oneself {
                    let mine = given[employee.id]?[kpi.id]?.first { $0.relation == relation.rawValue }
                    lines.append(RatingFormLine(employee: employee.id, kpi: kpi, relation: relation, rule: rule, score: mine?.score, comment: mine?.comment))
                }
            }
        }
        return lines
    }

    /// Enters a rating (`kpi rate`): the principal rates someone on a rated KPI of a role they
    /// hold in the month, within its scale, in a relation the KPI names (`relation`, or the first
    /// of its raters the principal is), in a period that is not closed. An open period that has
    /// been run is computed again for that person at once.
    @discardableResult
    public func rate(_ id: String, kpi kpiID: String, score: Double, period: Period, comment: String?,
                     as relation: ScoringRule.Relation? = nil) throws -> RatingOutcome {
        try attempt("rate", on: period.description, "\(id) \(kpiID) = \(score.formulaText)") {
            try rating(id, kpi: kpiID, score: score, period: period, comment: comment, relation: relation)
        }
    }

    /// A self-assessment (`kpi self`): the principal rates themselves on a KPI whose raters
    /// include `self`.
    @discardableResult
    public func assessSelf(kpi kpiID: String, score: Double, period: Period, comment: String?) throws -> RatingOutcome {
        let me = try requireEmployee()
        return try attempt("self", on: period.description, "\(me.id) \(kpiID) = \(score.formulaText)") {
            try rating(me.id, kpi: kpiID, score: score, period: period, comment: comment, relation: .oneself)
        }
    }

    /// Whether the principal may rate `id` in `period` in some relation (their manager, their
    /// project's manager, department head, HR), as `rate` decides before it reads the KPI: who is
    /// offered a rating form.
    public func canRate(_ id: String, in period: Period? = nil) throws -> Bool {
        guard let me = principal.employee, me.id != id else { return false }
        return try rights.mayRateAtAll(me, id, in: period)
    }

    /// The relations in which the principal rates `kpi` of `id` in `period`, in the KPI's order.
    public func relations(toRate id: String, kpi: KPIDefinition, in period: Period? = nil) throws -> [ScoringRule.Relation] {
        guard let me = principal.employee, case .rating(let rule) = kpi.scoring else { return [] }
        return try rights.relations(of: me, to: id, on: rule, in: period)
    }

    /// The rated KPIs of the roles `id` holds in `period`, the last role's first: what `rate` accepts.
    public func ratedKPIs(of id: String, period: Period) throws -> [KPIDefinition] {
        try employee(id).map { ratedAssignments(of: $0, in: period).map(\.kpi) } ?? []
    }

    /// The rated KPIs of the roles `employee` holds in `period`, the last role's first, each with
    /// its rule — its raters — as that role carries it.
    func ratedAssignments(of employee: Employee, in period: Period) -> [(kpi: KPIDefinition, rule: ScoringRule.Rating)] {
        var seen: Set<String> = []
        return rolesHeld(by: employee, in: period).flatMap(\.kpis).compactMap { assignment in
            guard case .rating(let rule) = assignment.scoring, seen.insert(assignment.kpi).inserted,
                  let kpi = catalog.kpi(assignment.kpi) else { return nil }
            return (kpi, rule)
        }
    }

    /// The roles `employee` holds in `period`, the last first; the role of its last day when
    /// they were not employed in it.
    func rolesHeld(by employee: Employee, in period: Period) -> [Role] {
        let spans = employee.roleSpans(in: period)
        return (spans.isEmpty ? [employee.role(on: period.lastDay)] : spans.reversed().map(\.role)).compactMap(catalog.role)
    }

    private func rating(_ id: String, kpi kpiID: String, score: Double, period: Period, comment: String?,
                        relation asked: ScoringRule.Relation?) throws -> RatingOutcome {
        let (kpi, relation) = try checkedRating(id, kpi: kpiID, score: score, period: period, relation: asked)
        return try store.transaction {
            try requireWritable(period)
            return try enter(id, kpi: kpi.id, relation: relation, score: score, period: period, comment: comment)
        }
    }

    /// The KPI and the relation a rating is entered in, once everything about it is checked:
    /// the rater's rights, the month, the KPI among the roles held in it, the scale.
    func checkedRating(_ id: String, kpi kpiID: String, score: Double, period: Period,
                       relation asked: ScoringRule.Relation?) throws -> (KPIDefinition, ScoringRule.Relation) {
        let me = try requireEmployee()
        // Decided before any KPI is named, so that a refusal reveals nothing of the person.
        guard asked == .oneself ? me.id == id : (try me.id != id && rights.mayRateAtAll(me, id, in: period)) else {
            throw AppraisalError.permissionDenied("rating \(id) needs to be their manager (rate:team over them), their project's manager, their department head or HR")
        }
        guard period.length == .month else { throw AppraisalError.usage("ratings are entered per month (YYYY-MM), not for \(period)") }
        // The roles held in the month, the last first: a KPI of any of them may be rated.
        let held = try employee(id).map { rolesHeld(by: $0, in: period) } ?? []
        guard let role = held.first else { throw AppraisalError.usage("unknown employee `\(id)`") }
        guard let kpi = catalog.kpi(kpiID), let assignment = held.lazy.compactMap({ $0.kpis.first { $0.kpi == kpi.id } }).first else {
            let rated = role.kpis.filter { $0.scoring.method == .rating }.map(\.kpi)
            throw AppraisalError.usage("\(role.name) carries no KPI `\(kpiID)`; its rated KPIs are \(rated.joined(separator: ", "))")
        }
        guard case .rating(let rule) = assignment.scoring else {
            throw AppraisalError.usage("`\(kpi.id)` is computed from records (method \(kpi.scoring.method.rawValue)), not rated")
        }
        let named = rule.raters.map { "\($0.relation.rawValue) \($0.weight.formulaText)" }.joined(separator: ", ")
        let holding = try rights.relations(of: me, to: id, on: rule, in: period)
        let relation: ScoringRule.Relation
        if let asked {
            guard holding.contains(asked) else {
                if asked == .oneself { throw AppraisalError.usage("\(kpi.id) takes no self-assessment; its raters are \(named)") }
                throw AppraisalError.permissionDenied("you do not rate \(id) as \(asked.rawValue); \(kpi.id) is rated by \(named)")
            }
            relation = asked
        } else {
            guard let first = holding.first(where: { $0 != .oneself }) else {
                throw AppraisalError.permissionDenied("\(kpi.id) is rated by \(named); you are none of these to \(id)")
            }
            relation = first
        }
        guard rule.accepts(score) else {
            throw AppraisalError.usage("the score for \(kpi.id) must be \(rule.lowest.formulaText) to \(rule.scale.formulaText), found \(score.formulaText)")
        }
        return (kpi, relation)
    }

    /// Enters a checked rating in the caller's write transaction: stores it, computes the card
    /// again, and audits both.
    func enter(_ id: String, kpi: String, relation: ScoringRule.Relation, score: Double, period: Period,
               comment: String?) throws -> RatingOutcome {
        let me = try requireEmployee()
        let replaced = try store.rate(period: period, employee: id, kpi: kpi, relation: relation.rawValue, score: score, rater: me.id, comment: comment)
        let recomputed = try recompute([id], in: period).first
        try store.audit(actor: principal.auditName, action: relation == .oneself ? "self" : "rate", target: period.description,
                        summary: "\(id) \(kpi) = \(score.formulaText)" + (relation == .manager ? "" : " as \(relation.rawValue)")
                            + (replaced.map { ", was \($0.score.formulaText)" } ?? "") + (comment.map { " (\($0))" } ?? "")
                            + (recomputed.map { "; " + $0.summary } ?? ""))
        return RatingOutcome(employee: id, kpi: kpi, relation: relation, score: score, replaced: replaced, recomputed: recomputed)
    }
}
