import KPICatalog

extension ScoringRule {
    /// The score of `value` (SPEC §6.1). For a rating rule, `value` is the rating.
    public func score(_ value: Double, direction: KPIDefinition.Direction) -> Double {
        switch self {
        case .linear(let rule): return rule.score(value, direction: direction)
        case .deduction(let rule): return max(rule.floor, rule.base - rule.perUnit * value)
        case .bands(let rule):
            let band = rule.bands.first { rule.bound == .atLeast ? value >= $0.limit : value <= $0.limit }
            return band?.score ?? rule.otherwise
        case .rating(let rule): return value / rule.scale * 100
        }
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
    /// 门槛/目标/挑战: 0 beyond the threshold, then straight lines from threshold to target to
    /// challenge, capped at the challenge points. `lower` mirrors everything.
    func score(_ value: Double, direction: KPIDefinition.Direction) -> Double {
        // Measure progress along the direction, so that one set of comparisons serves both.
        let sign: Double = direction == .higher ? 1 : -1
        let v = sign * value, low = sign * threshold, mid = sign * target
        if v < low { return 0 }
        if v < mid { return points.threshold + (points.target - points.threshold) * (v - low) / (mid - low) }
        guard let challenge else { return points.target }
        let high = sign * challenge
        if v >= high { return points.challenge }
        return points.target + (points.challenge - points.target) * (v - mid) / (high - mid)
    }
}
