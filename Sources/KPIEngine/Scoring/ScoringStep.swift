import KPICatalog

/// How one KPI's score was reached, as the engine worked it out: the rule in force, the value it
/// was given, which part of the rule applied, the score, and the weight before and after the
/// lines without a score left the total. `explain`, the scorecard JSON and the workbook show
/// this; none of them works anything out again.
public struct ScoringStep: Equatable, Sendable {
    /// One of a linear rule's three points: its name, value and points.
    public struct Anchor: Hashable, Sendable {
        public enum Name: String, Hashable, Sendable {
            case threshold, target, challenge
        }

        public let name: Name
        public let value: Double
        public let points: Double
    }

    /// Which part of the rule applied.
    public enum Applied: Hashable, Sendable {
        /// Linear: the value falls short of the threshold, 0 points.
        case belowThreshold(Anchor)
        /// Linear: the value lies between two points; the score is interpolated between them.
        case between(Anchor, Anchor)
        /// Linear: the value reaches the target (no challenge) or the challenge, whose points it scores.
        case reached(Anchor)
        /// Deduction: `per_unit × value` points deducted from `base`; `floored` when the floor held.
        case deduction(deducted: Double, floored: Bool)
        /// Bands: the first band the value reaches, by its position in the rule.
        case band(index: Int)
        /// Bands: no band reached, the rule's `otherwise`.
        case noBand
        /// Rating: `value ÷ scale × 100`.
        case rating
        /// No value: what the KPI's `when_no_data` did.
        case noData(KPIDefinition.NoDataPolicy)
    }

    public let rule: ScoringRule
    public let direction: KPIDefinition.Direction
    /// The formula's value or the rating; nil for no data.
    public let value: Double?
    public let applied: Applied
    /// nil when the KPI leaves the total.
    public let score: Double?
    public let weight: Int
    /// The weight's share, in percent, of the weights of the lines that have a score: what the
    /// line really carries in the total. nil when the line has no score.
    public let effectiveWeight: Double?

    public var method: ScoringRule.Method { rule.method }
}

extension ScoringStep {
    /// The step of one line: the rule applied to the value, or the no-data policy.
    static func of(value: Double?, rule: ScoringRule, direction: KPIDefinition.Direction, noData: KPIDefinition.NoDataPolicy,
                   weight: Int, scoredWeights: Int) -> ScoringStep {
        let applied: Applied
        let score: Double?
        if let value {
            (applied, score) = rule.apply(to: value, direction: direction)
        } else {
            applied = .noData(noData)
            switch noData {
            case .exclude: score = nil
            case .zero: score = 0
            case .target: score = rule.targetPoints
            }
        }
        let share = score != nil && scoredWeights > 0 ? Double(weight) / Double(scoredWeights) * 100 : nil
        return ScoringStep(rule: rule, direction: direction, value: value, applied: applied, score: score,
                           weight: weight, effectiveWeight: share)
    }
}
