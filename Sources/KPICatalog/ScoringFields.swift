import Yams

/// The numbers of a `scoring:` mapping as written, with their locations: a KPI's full rule,
/// or a role's partial override of it.
struct ScoringFields {
    struct BandEntry {
        let bound: ScoringRule.Bands.Bound
        let limit: Located<Double>
        let score: Located<Double>
    }

    var method: Located<ScoringRule.Method>?
    /// threshold, target, challenge, base, per_unit, floor, otherwise, scale.
    var numbers: [String: Located<Double>] = [:]
    var points: [String: Located<Double>] = [:]
    var pointsLocation: SourceLocation?
    var bands: Located<[BandEntry]>?
    /// A rating's raters by relation, with their weights.
    var raters: Located<[(ScoringRule.Relation, Located<Double>)]>?

    private static let numberKeys = ["threshold", "target", "challenge", "base", "per_unit", "floor", "otherwise", "scale"]

    /// Reads a `scoring:` mapping; `method` is allowed only on a KPI, not in a role's override.
    static func read(_ node: Node, file: String, log: DiagnosticLog, isOverride: Bool) -> ScoringFields? {
        let what = isOverride ? "a role's scoring override" : "scoring"
        let allowed = (isOverride ? [] : ["method"]) + numberKeys + ["points", "bands", "raters"]
        guard let fields = Fields(node, file: file, log: log, what: what, allowed: allowed) else { return nil }
        var result = ScoringFields()
        if !isOverride { result.method = fields.choice("method") }
        for key in numberKeys {
            if let value = fields.number(key, required: false) { result.numbers[key] = value }
        }
        if let pointsNode = fields.node("points", required: false),
           let points = Fields(pointsNode, file: file, log: log, what: "points", allowed: ["threshold", "target", "challenge"]) {
            result.pointsLocation = points.location
            for key in ["threshold", "target", "challenge"] {
                if let value = points.number(key, required: false) { result.points[key] = value }
            }
        }
        if let ratersNode = fields.node("raters", required: false),
           let raters = Fields(ratersNode, file: file, log: log, what: "raters (relation: weight)",
                               allowed: ScoringRule.Relation.allCases.map(\.rawValue)) {
            let weights = ScoringRule.Relation.allCases.compactMap { relation in
                raters.number(relation.rawValue, required: false).map { (relation, $0) }
            }
            result.raters = Located(weights, at: raters.location)
        }
        if let bandNodes = fields.list("bands", required: false) {
            let entries = bandNodes.compactMap { band(from: $0, file: file, log: log) }
            result.bands = Located(entries, at: fields.location("bands"))
        }
        return result
    }

    private static func band(from node: Node, file: String, log: DiagnosticLog) -> BandEntry? {
        guard let fields = Fields(node, file: file, log: log, what: "a band", allowed: ["at_least", "at_most", "score"]) else {
            return nil
        }
        let score = fields.number("score")
        let atLeast = fields.number("at_least", required: false)
        let atMost = fields.number("at_most", required: false)
        switch (atLeast, atMost) {
        case (nil, nil):
            log.error(fields.location, "a band needs `at_least` (direction higher) or `at_most` (direction lower)")
            return nil
        case (.some, .some):
            log.error(fields.location("at_most"), "a band takes `at_least` or `at_most`, not both")
            return nil
        case (let limit?, nil):
            return score.map { BandEntry(bound: .atLeast, limit: limit, score: $0) }
        case (nil, let limit?):
            return score.map { BandEntry(bound: .atMost, limit: limit, score: $0) }
        }
    }

    /// Every key written, with its location, for the applicability check.
    var writtenKeys: [(key: String, location: SourceLocation)] {
        var keys = numbers.map { ($0.key, $0.value.location) }
        if let pointsLocation { keys.append(("points", pointsLocation)) }
        if let bands { keys.append(("bands", bands.location)) }
        if let raters { keys.append(("raters", raters.location)) }
        return keys.sorted { $0.1 < $1.1 }
    }

    /// These fields with `override`'s written values in place of this one's.
    func overlaid(by override: ScoringFields) -> ScoringFields {
        var result = self
        result.numbers.merge(override.numbers) { _, new in new }
        result.points.merge(override.points) { _, new in new }
        result.pointsLocation = override.pointsLocation ?? pointsLocation
        result.bands = override.bands ?? bands
        result.raters = override.raters ?? raters
        return result
    }
}
