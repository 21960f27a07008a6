import KPICatalog
import KPIFormula
import KPIStore

/// Turns one period's measures and ratings into every appraised employee's scorecard:
/// formulas, scores, totals, raw grades, veto, forced distribution, coefficients (docs/scoring.md).
public struct ScorecardCalculator {
    public let catalog: Catalog

    public init(catalog: Catalog) {
        self.catalog = catalog
    }

    /// The measure families (`service`, `billing`, …) that formulas read inside `prev()`: those
    /// the previous period must be computed for. Empty when no formula looks back.
    public var previousFamilies: Set<String> {
        Set(catalog.kpis.flatMap { $0.formula?.expression.previousMeasures ?? [] }.map { String($0.name.prefix { $0 != "." }) })
    }

    /// The scorecards of everyone in `organisation` active on the period's last day. A period
    /// held in more than one role is scored for each role over its own days and combined by
    /// days (docs/scoring.md, role changes).
    ///
    /// - Parameter previous: the sheet of the period before, with the `previousFamilies`.
    public func scorecards(period: Period, organisation: Organisation, sheet: MeasureSheet,
                           previous: MeasureSheet?, ratings: [String: [String: [Store.Rating]]]) -> [Scorecard] {
        var cards: [Scorecard] = []
        for employee in organisation.employees where employee.isActive(on: period.lastDay) {
            let spans = employee.roleSpans(in: period)
            let roles = spans.compactMap { catalog.role($0.role) }
            guard roles.count == spans.count, let role = roles.last else { continue }
            let segments = zip(spans, roles).map { span, role in
                let lines = role.kpis.compactMap { assignment in
                    catalog.kpi(assignment.kpi).map { kpi in
                        line(kpi: kpi, assignment: assignment, ratings: ratings[employee.id]?[kpi.id] ?? [],
                             values: SheetValues(sheet: sheet, employee: employee.id, scope: assignment.scope, previousSheet: previous))
                    }
                }
                return Scorecard.Segment(role: role.id, department: role.department, from: span.from, to: span.to,
                                         total: Self.total(lines), lines: lines)
            }
            cards.append(graded(Scorecard(period: period, employee: employee.id, role: role.id, department: role.department,
                                          lines: segments.last?.lines ?? [], total: nil, rawGrade: nil, grade: nil, coefficient: nil,
                                          segments: segments.count > 1 ? segments : [])))
        }
        return distribute(cards)
    }

    /// A stored card with its rated lines scored again from `ratings` (by KPI) — the lines read
    /// from records keep their values — and its total and grades worked out again, before the
    /// forced distribution.
    public func rescored(_ card: Scorecard, ratings: [String: [Store.Rating]]) -> Scorecard {
        func relined(_ lines: [Scorecard.Line], role roleID: String) -> [Scorecard.Line] {
            let role = catalog.role(roleID)
            return lines.map { line in
                guard let assignment = role?.kpis.first(where: { $0.kpi == line.kpi }), assignment.scoring.method == .rating,
                      let kpi = catalog.kpi(line.kpi) else { return line }
                return ratedLine(kpi: kpi, assignment: assignment, ratings: ratings[kpi.id] ?? [])
            }
        }
        let segments = card.segments.map { part in
            let lines = relined(part.lines, role: part.role)
            return Scorecard.Segment(role: part.role, department: part.department, from: part.from, to: part.to, total: Self.total(lines), lines: lines)
        }
        return graded(Scorecard(period: card.period, employee: card.employee, role: card.role, department: card.department,
                                lines: segments.last?.lines ?? relined(card.lines, role: card.role), total: nil, rawGrade: nil, grade: nil,
                                coefficient: nil, run: card.run, segments: segments, computedAt: card.computedAt))
    }

    /// The card with its total (its lines', or its segments' by days), its raw grade, and its
    /// grade after veto — before the forced distribution.
    func graded(_ card: Scorecard) -> Scorecard {
        let total = card.segments.isEmpty ? Self.total(card.lines) : Self.total(card.segments)
        let raw = total.flatMap { catalog.grading.rawGrade(for: $0)?.grade }
        // A veto item failed in any role's days vetoes the grade.
        let scores = Dictionary((card.lines + card.segments.flatMap(\.lines)).compactMap { line in line.score.map { (line.kpi, $0) } },
                                uniquingKeysWith: min)
        return Scorecard(period: card.period, employee: card.employee, role: card.role, department: card.department, lines: card.lines,
                         total: total, rawGrade: raw, grade: raw.map { catalog.grading.applyVeto(to: $0, scores: scores) }, coefficient: nil,
                         run: card.run, segments: card.segments, computedAt: card.computedAt)
    }

    /// Σ segment total × segment days / Σ days, over the segments with a total; nil when none has one.
    static func total(_ segments: [Scorecard.Segment]) -> Double? {
        let scored = segments.filter { $0.total != nil }
        let days = scored.reduce(0) { $0 + $1.days }
        guard days > 0 else { return nil }
        return scored.reduce(0.0) { $0 + ($1.total ?? 0) * Double($1.days) } / Double(days)
    }

    /// Σ weight·score / Σ weight over the lines with a score; nil when none has one (§6.2, §6.3).
    static func total(_ lines: [Scorecard.Line]) -> Double? {
        let scored = lines.filter { $0.score != nil }
        let weights = scored.reduce(0) { $0 + $1.weight }
        guard weights > 0 else { return nil }
        return scored.reduce(0.0) { $0 + Double($1.weight) * ($1.score ?? 0) } / Double(weights)
    }

    private func line(kpi: KPIDefinition, assignment: Role.Assignment, ratings: [Store.Rating], values: SheetValues) -> Scorecard.Line {
        guard let formula = kpi.formula else { return ratedLine(kpi: kpi, assignment: assignment, ratings: ratings) }
        return scoredLine(kpi: kpi, assignment: assignment, value: formula.evaluate(with: values),
                          measures: formula.measures.map { MeasureValue(key: $0.key, value: values.value(of: $0) ?? 0) }, lead: nil)
    }

    private func ratedLine(kpi: KPIDefinition, assignment: Role.Assignment, ratings: [Store.Rating]) -> Scorecard.Line {
        let (value, lead) = Self.rated(ratings, by: assignment.scoring)
        return scoredLine(kpi: kpi, assignment: assignment, value: value, measures: [], lead: lead)
    }

    /// A rated KPI's value: the weighted mean of the ratings of the relations whose weight is
    /// above 0, the weights renormalised over those who rated; nil when none did. The lead is
    /// the counted rating of the greatest weight, whose rater and comment the line carries.
    static func rated(_ ratings: [Store.Rating], by rule: ScoringRule) -> (value: Double?, lead: Store.Rating?) {
        guard case .rating(let rating) = rule else { return (nil, nil) }
        let counted = ratings.compactMap { given -> (rating: Store.Rating, weight: Double)? in
            guard let weight = ScoringRule.Relation(rawValue: given.relation).flatMap(rating.weight(of:)), weight > 0 else { return nil }
            return (given, weight)
        }
        let weights = counted.reduce(0) { $0 + $1.weight }
        guard weights > 0 else { return (nil, nil) }
        return (counted.reduce(0) { $0 + $1.rating.score * $1.weight } / weights, counted.max { $0.weight < $1.weight }?.rating)
    }

    private func scoredLine(kpi: KPIDefinition, assignment: Role.Assignment, value: Double?, measures: [MeasureValue],
                            lead: Store.Rating?) -> Scorecard.Line {
        let score = ScoringStep.of(value: value, rule: assignment.scoring, direction: kpi.direction, noData: kpi.whenNoData,
                                   weight: assignment.weight, scoredWeights: 0).score
        let status: Scorecard.Line.Status
        switch (value, kpi.whenNoData) {
        case (.some, _): status = .ok
        case (nil, .exclude): status = .noData
        case (nil, .zero): status = .noDataZero
        case (nil, .target): status = .noDataTarget
        }
        return Scorecard.Line(kpi: kpi.id, weight: assignment.weight, scope: assignment.scope.rawValue, value: value, score: score,
                              weighted: score.map { $0 * Double(assignment.weight) / 100 }, status: status, measures: measures,
                              rater: lead?.rater, comment: lead?.comment)
    }

    /// How each line of `card` was scored, in the order of its lines: the rule of the card's role
    /// applied to the line's value by the same function that scored it, with the weights after
    /// the lines without a score left the total. A KPI the catalog no longer has has no step.
    public func steps(of card: Scorecard) -> [ScoringStep?] {
        steps(of: card.lines, role: card.role)
    }

    /// How each line of a segment was scored, by the rules of the segment's role.
    public func steps(of segment: Scorecard.Segment) -> [ScoringStep?] {
        steps(of: segment.lines, role: segment.role)
    }

    private func steps(of lines: [Scorecard.Line], role roleID: String) -> [ScoringStep?] {
        let role = catalog.role(roleID)
        let scoredWeights = lines.filter { $0.score != nil }.reduce(0) { $0 + $1.weight }
        return lines.map { line in
            guard let kpi = catalog.kpi(line.kpi) else { return nil }
            let rule = role?.kpis.first { $0.kpi == kpi.id }?.scoring ?? kpi.scoring
            return ScoringStep.of(value: line.value, rule: rule, direction: kpi.direction, noData: kpi.whenNoData,
                                  weight: line.weight, scoredWeights: scoredWeights)
        }
    }

    /// Forced distribution over the groups of §6.4, then the coefficient of the final grade.
    func distribute(_ cards: [Scorecard]) -> [Scorecard] {
        let grading = catalog.grading
        var final: [String: String] = [:]
        let graded = cards.filter { $0.total != nil && $0.grade != nil }
        let groups: [[Scorecard]]
        switch grading.forcedDistribution {
        case .none: groups = []
        case .company: groups = [graded]
        case .department: groups = Dictionary(grouping: graded, by: \.department).keys.sorted().map { key in graded.filter { $0.department == key } }
        }
        for group in groups {
            final.merge(grading.distribute(group.map { Grading.Candidate(employee: $0.employee, total: $0.total ?? 0, grade: $0.grade ?? "") })) { _, new in new }
        }
        return cards.map { card in
            let grade = final[card.employee] ?? card.grade
            return Scorecard(period: card.period, employee: card.employee, role: card.role, department: card.department,
                             lines: card.lines, total: card.total, rawGrade: card.rawGrade, grade: grade,
                             coefficient: grade.flatMap { grading.grade(named: $0)?.coefficient }, run: card.run, segments: card.segments,
                             computedAt: card.computedAt)
        }
    }
}

/// One employee's measures for one scope, as a formula reads them; `prev()` reads the sheet
/// of the period before.
struct SheetValues: MeasureValues {
    let sheet: MeasureSheet
    let employee: String
    let scope: MeasureScope
    let previousSheet: MeasureSheet?

    func value(of measure: MeasureReference) -> Double? {
        sheet.value(measure, for: employee, scope: scope)
    }

    func previous(_ expression: Expression) -> Double? {
        guard let previousSheet else { return nil }
        return expression.evaluate(with: SheetValues(sheet: previousSheet, employee: employee, scope: scope, previousSheet: nil))
    }
}
