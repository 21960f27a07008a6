import KPICatalog
import KPIFormula
import KPIStore

/// A scorecard computed again after a rating, and the grades the forced distribution moved.
public struct Recomputation: Sendable {
    public let before: Scorecard
    public let after: Scorecard
    /// Others of the same distribution group whose grade moved, with the grade before and after.
    public let moved: [(employee: String, from: String?, to: String?)]
    /// Whether the period's bonus shares were dropped, the grades they were shared by having moved.
    public let bonusDropped: Bool

    /// One line for the audit log: `total 82.5 → 86.1, grade B → A; moved E7 A → B`.
    var summary: String {
        func total(_ card: Scorecard) -> String { card.total.map { String(format: "%.2f", $0) } ?? "-" }
        var text = "total \(total(before)) → \(total(after)), grade \(before.grade ?? "-") → \(after.grade ?? "-")"
        if !moved.isEmpty { text += "; moved " + moved.map { "\($0.employee) \($0.from ?? "-") → \($0.to ?? "-")" }.joined(separator: ", ") }
        if bonusDropped { text += "; bonus shares dropped" }
        return text
    }
}

extension Appraisals {
    /// Computes again, in the caller's write transaction, the stored scorecards of `employees` in
    /// an open period that has been run: their rated lines from the ratings stored now (lines
    /// read from records keep their values), their totals and grades, and the forced distribution
    /// of their group (docs/scoring.md, live scorecards). Writes the cards and the grades that
    /// moved; drops the period's bonus shares when a coefficient moved. Empty when the period has
    /// no results to update, or these employees no stored card.
    func recompute(_ employees: Set<String>, in period: Period) throws -> [Recomputation] {
        guard let state = try store.appraisalPeriod(period), state.status == .open, state.runs > 0 else { return [] }
        let rules = try rules(for: period)
        let calculator = ScorecardCalculator(catalog: rules)
        let before = try store.scorecards(of: period, employees: employees)
        guard !before.isEmpty else { return [] }
        // One person's ratings are read by key; many people's (after an import) all at once.
        let ratings: [String: [String: [Store.Rating]]]
        if employees.count == 1, let one = employees.first {
            ratings = [one: try store.ratings(of: one, period: period)]
        } else {
            ratings = try store.ratings(for: period)
        }
        var rescored: [String: Scorecard] = [:]
        for card in before { rescored[card.employee] = calculator.rescored(card, ratings: ratings[card.employee] ?? [:]) }
        // The group each card is distributed in, with everyone's grade after veto and before the
        // distribution: read from their totals, raw grades and veto lines, not their whole cards.
        let all = try store.scorecards(of: period, lines: false)
        let members: [Scorecard]
        switch rules.grading.forcedDistribution {
        case .none: members = all.filter { employees.contains($0.employee) }
        case .company: members = all
        case .department:
            let departments = Set(before.map(\.department))
            members = all.filter { departments.contains($0.department) }
        }
        let vetoes = rules.grading.veto.isEmpty ? [:] : try store.lineScores(of: period, kpis: Set(rules.grading.veto.map(\.kpi)))
        let stored = Dictionary(all.map { ($0.employee, $0) }, uniquingKeysWith: { first, _ in first })
        let group = members.map { card in
            rescored[card.employee] ?? Scorecard(
                period: card.period, employee: card.employee, role: card.role, department: card.department, lines: [], total: card.total,
                rawGrade: card.rawGrade, grade: card.rawGrade.map { rules.grading.applyVeto(to: $0, scores: vetoes[card.employee] ?? [:]) },
                coefficient: nil, run: card.run, computedAt: card.computedAt)
        }
        let distributed = calibrated(calculator.distribute(group), by: try store.calibrations(of: period), grading: rules.grading)
        var moved: [(employee: String, grade: String?, coefficient: Double?)] = []
        var after: [String: Scorecard] = [:]
        var coefficientMoved = false
        for card in distributed {
            let old = stored[card.employee]
            if old?.coefficient != card.coefficient { coefficientMoved = true }
            if employees.contains(card.employee) {
                after[card.employee] = card
            } else if old?.grade != card.grade || old?.coefficient != card.coefficient {
                moved.append((card.employee, card.grade, card.coefficient))
            }
        }
        try store.replaceScorecards(before.compactMap { after[$0.employee] }, of: period)
        try store.setGrades(moved, of: period)
        let bonusDropped = coefficientMoved ? try store.dropBonusShares(of: period) : false
        let written = try store.scorecards(of: period, employees: employees)
        let movedGrades = moved.map { (employee: $0.employee, from: stored[$0.employee]?.grade, to: $0.grade) }
        return written.compactMap { card in
            before.first { $0.employee == card.employee }.map {
                Recomputation(before: $0, after: card, moved: movedGrades, bonusDropped: bonusDropped)
            }
        }
    }
}
