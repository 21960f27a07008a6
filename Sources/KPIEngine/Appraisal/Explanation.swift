import KPICatalog
import KPIFormula
import KPIStore

/// How one KPI's score was reached: the stored line, the rule in force, and the records behind it.
public struct Explanation: Sendable {
    public let scorecard: Scorecard
    public let line: Scorecard.Line
    public let kpi: KPIDefinition
    /// How the line was scored: the rule in force for the employee's role, what applied, the weights.
    public let step: ScoringStep
    /// How many employees' records the scope covers.
    public let ownerCount: Int
    public let records: [RecordList]
    /// For a period held in more than one role: the KPI in each segment whose role carries it,
    /// oldest first (`line` and `step` are the last of them); empty otherwise.
    public let segments: [SegmentLine]
    /// For a rated KPI: each of its raters with their weight, the rating they gave (or nil), and
    /// who holds the relation; empty for a KPI computed from records.
    public let raters: [RaterLine]

    public struct RaterLine: Sendable {
        public let rater: ScoringRule.Rater
        public let rating: Store.Rating?
        /// Who holds the relation to the employee: the rater expected; nil for HR or nobody.
        public let expected: String?
    }

    /// The KPI as one role's days scored it.
    public struct SegmentLine: Sendable {
        public let segment: Scorecard.Segment
        public let line: Scorecard.Line
        public let step: ScoringStep
    }
}

extension Appraisals {
    /// Explains one KPI of a stored scorecard (`kpi explain`), with the records behind its
    /// measures in the KPI's scope.
    public func explain(_ id: String, kpi kpiID: String, period: Period) throws -> Explanation {
        let card = try scorecard(of: id, period: period)
        // The KPI as the period was scored by it, not as today's catalog has it.
        let rules = try rules(for: period)
        func missing() -> AppraisalError {
            let carried = Set(card.lines.map(\.kpi) + card.segments.flatMap { $0.lines.map(\.kpi) }).sorted().joined(separator: ", ")
            return AppraisalError.usage("\(id)'s scorecard has no KPI `\(kpiID)`; it has \(carried)")
        }
        guard let kpi = rules.kpi(kpiID) else { throw missing() }
        let calculator = ScorecardCalculator(catalog: rules)
        let segments = card.segments.compactMap { segment -> Explanation.SegmentLine? in
            guard let index = segment.lines.firstIndex(where: { $0.kpi == kpi.id }), let step = calculator.steps(of: segment)[index] else { return nil }
            return Explanation.SegmentLine(segment: segment, line: segment.lines[index], step: step)
        }
        let line: Scorecard.Line, step: ScoringStep
        if let last = segments.last {
            (line, step) = (last.line, last.step)
        } else if let index = card.lines.firstIndex(where: { $0.kpi == kpi.id }), let found = calculator.steps(of: card)[index] {
            (line, step) = (card.lines[index], found)
        } else {
            throw missing()
        }
        let owners = try self.owners(of: id, scope: MeasureScope(rawValue: line.scope) ?? .self)
        let records: [RecordList] = try store.reading {
            var records: [RecordList] = []
            var seen: Set<String> = []
            for measure in kpi.formula?.measures ?? [] {
                let family = String(measure.name.prefix { $0 != "." })
                guard seen.insert(family + (measure.argument ?? "")).inserted else { continue }
                records += try store.records(behind: family, kind: measure.argument, owners: owners, period: period)
            }
            return records
        }
        var raters: [Explanation.RaterLine] = []
        if case .rating(let rule) = rules.role(card.role)?.kpis.first(where: { $0.kpi == kpi.id })?.scoring ?? kpi.scoring,
           let employee = try self.employee(id) {
            let given = try store.ratings(of: id, period: period)[kpi.id] ?? []
            raters = try rule.raters.map { rater in
                Explanation.RaterLine(rater: rater, rating: given.first { $0.relation == rater.relation.rawValue },
                                      expected: try expectedRater(rater.relation, of: employee, in: period))
            }
        }
        return Explanation(scorecard: card, line: line, kpi: kpi, step: step, ownerCount: owners.count, records: records,
                           segments: segments, raters: raters)
    }

    /// The employees whose records count for `id` in `scope` (docs/measures.md, scopes).
    func owners(of id: String, scope: MeasureScope) throws -> [String] {
        if scope == .self { return [id] }
        let organisation = try self.organisation
        switch scope {
        case .self: return [id]
        case .team: return [id] + organisation.below(id).map(\.id)
        case .department:
            guard let department = organisation.department(of: id) else { return [id] }
            let tree = Set(catalog.departmentTree(from: department))
            return organisation.employees.filter { organisation.department(of: $0.id).map(tree.contains) ?? false }.map(\.id)
        case .company: return organisation.employees.map(\.id)
        }
    }
}
