import KPICatalog

extension ScoringRule {
    /// The score of `value`, and which part of the rule gave it. For a rating rule, `value` is
    /// the rating. The one place a score is worked out: the calculator and every explanation use it.
    public func apply(to value: Double, direction: KPIDefinition.Direction) -> (ScoringStep.Applied, Double) {
        switch self {
        case .linear(let rule): return rule.apply(to: value, direction: direction)
        case .deduction(let rule):
            let deducted = rule.perUnit * value
            let floored = rule.base - deducted < rule.floor
            return (.deduction(deducted: deducted, floored: floored), floored ? rule.floor : rule.base - deducted)
        case .bands(let rule):
            guard let index = rule.bands.firstIndex(where: { rule.bound == .atLeast ? value >= $0.limit : value <= $0.limit }) else {
                return (.noBand, rule.otherwise)
            }
            return (.band(index: index), rule.bands[index].score)
        case .rating(let rule): return (.rating, value / rule.scale * 100)
        }
    }

    /// The score of `value`.
    public func score(_ value: Double, direction: KPIDefinition.Direction) -> Double {
        apply(to: value, direction: direction).1
    }

    /// The points a KPI scores when `when_no_data: target` stands in for a missing value.
    public var targetPoints: Double {
        switch self {
        case .linear(let rule): return rule.points.target
        case .deduction(let rule): return rule.base
        case .bands(let rule): return rule.bands.first?.score ?? 100
        case .rating: return 100
        }
    }
}

extension ScoringRule.Linear {
    var thresholdAnchor: ScoringStep.Anchor { .init(name: .threshold, value: threshold, points: points.threshold) }
    var targetAnchor: ScoringStep.Anchor { .init(name: .target, value: target, points: points.target) }
    var challengeAnchor: ScoringStep.Anchor? { challenge.map { .init(name: .challenge, value: $0, points: points.challenge) } }

    /// 门槛/目标/挑战: 0 short of the threshold, then straight lines from threshold to target to
    /// challenge, capped at the challenge points. `lower` mirrors everything.
    func apply(to value: Double, direction: KPIDefinition.Direction) -> (ScoringStep.Applied, Double) {
        // Measure progress along the direction, so that one set of comparisons serves both.
        let sign: Double = direction == .higher ? 1 : -1
        let v = sign * value
        func interpolate(_ from: ScoringStep.Anchor, _ to: ScoringStep.Anchor) -> Double {
            from.points + (to.points - from.points) * (v - sign * from.value) / (sign * to.value - sign * from.value)
        }
        if v < sign * threshold { return (.belowThreshold(thresholdAnchor), 0) }
        if v < sign * target { return (.between(thresholdAnchor, targetAnchor), interpolate(thresholdAnchor, targetAnchor)) }
        guard let challengeAnchor else { return (.reached(targetAnchor), points.target) }
        if v >= sign * challengeAnchor.value { return (.reached(challengeAnchor), points.challenge) }
        return (.between(targetAnchor, challengeAnchor), interpolate(targetAnchor, challengeAnchor))
    }
}
