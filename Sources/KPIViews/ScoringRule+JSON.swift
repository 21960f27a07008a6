import KPICatalog

/// A scoring rule as JSON: its method and numbers (`kpi kpis show`, `kpi roles show`, and the
/// `step` of each scorecard line).
extension ScoringRule {
    public var json: JSON { .object(jsonFields) }

    public var jsonFields: [(String, JSON)] {
        switch self {
        case .linear(let rule):
            return [("method", .string("linear")), ("threshold", .number(rule.threshold)), ("target", .number(rule.target)),
                    ("challenge", .number(rule.challenge)),
                    ("points", .object([("threshold", .number(rule.points.threshold)), ("target", .number(rule.points.target)),
                                        ("challenge", .number(rule.points.challenge))]))]
        case .deduction(let rule):
            return [("method", .string("deduction")), ("base", .number(rule.base)), ("per_unit", .number(rule.perUnit)),
                    ("floor", .number(rule.floor))]
        case .bands(let rule):
            return [("method", .string("bands")),
                    ("bands", .array(rule.bands.map { .object([(rule.bound.rawValue, .number($0.limit)), ("score", .number($0.score))]) })),
                    ("otherwise", .number(rule.otherwise))]
        case .rating(let rule):
            return [("method", .string("rating")), ("scale", .number(rule.scale))]
        }
    }
}
