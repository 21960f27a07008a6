import KPIFormula

extension ScoringRule {
    /// Builds the rule from written fields, reporting missing numbers, numbers that do not
    /// apply to the method, and numbers out of order for the KPI's direction.
    ///
    /// - Parameter overrideFile: the role file of an override; problems with numbers written
    ///   there are reported there rather than in the KPI file.
    static func build(
        from fields: ScoringFields, method: Method, direction: KPIDefinition.Direction,
        at location: SourceLocation, overrideFile: String? = nil, log: DiagnosticLog
    ) -> ScoringRule? {
        var valid = true
        for (key, keyLocation) in fields.writtenKeys where !method.fields.contains(key) {
            log.error(keyLocation, "`\(key)` does not apply to method \(method.rawValue); it takes \(method.fields.joined(separator: ", "))")
            valid = false
        }

        /// Where to report a problem between two numbers: the one written in the override, if any.
        func blame(_ first: Located<Double>, _ second: Located<Double>) -> SourceLocation {
            if let overrideFile, first.location.file == overrideFile, second.location.file != overrideFile {
                return first.location
            }
            return second.location
        }
        func require(_ condition: Bool, _ first: Located<Double>, _ second: Located<Double>, _ message: String) {
            if !condition {
                log.error(blame(first, second), message)
                valid = false
            }
        }
        func number(_ key: String) -> String { fields.numbers[key].map { $0.value.formulaText } ?? "" }

        switch method {
        case .linear:
            guard let threshold = fields.numbers["threshold"], let target = fields.numbers["target"] else {
                let missing = ["threshold", "target"].filter { fields.numbers[$0] == nil }
                log.error(location, "a linear rule needs \(missing.map { "`\($0)`" }.joined(separator: " and ")) (门槛值 and 目标值)")
                return nil
            }
            let challenge = fields.numbers["challenge"]
            let rising = direction == .higher
            let order = rising ? "below" : "above"
            require(rising ? threshold.value < target.value : threshold.value > target.value, threshold, target,
                    "scoring numbers out of order for direction \(direction.rawValue): threshold \(number("threshold")) must be \(order) target \(number("target"))")
            if let challenge {
                require(rising ? target.value <= challenge.value : target.value >= challenge.value, target, challenge,
                        "scoring numbers out of order for direction \(direction.rawValue): challenge \(number("challenge")) must not be \(order) target \(number("target"))")
            }
            let standard = Points.standard
            let points = Points(
                threshold: fields.points["threshold"]?.value ?? standard.threshold,
                target: fields.points["target"]?.value ?? standard.target,
                challenge: fields.points["challenge"]?.value ?? standard.challenge)
            if !(points.threshold <= points.target && points.target <= points.challenge) {
                log.error(fields.pointsLocation ?? location, "points must rise from threshold to target to challenge, found \(points.threshold.formulaText), \(points.target.formulaText), \(points.challenge.formulaText)")
                valid = false
            }
            guard valid else { return nil }
            return .linear(Linear(threshold: threshold.value, target: target.value, challenge: challenge?.value, points: points))

        case .deduction:
            let base = fields.numbers["base"]?.value ?? 100
            let perUnit = fields.numbers["per_unit"]?.value ?? 20
            let floor = fields.numbers["floor"]?.value ?? 0
            if perUnit <= 0 {
                log.error(fields.numbers["per_unit"]?.location ?? location, "`per_unit` must be above 0: the points taken off per unit")
                valid = false
            }
            if floor > base {
                log.error(fields.numbers["floor"]?.location ?? location, "`floor` \(floor.formulaText) must not be above `base` \(base.formulaText)")
                valid = false
            }
            guard valid else { return nil }
            return .deduction(Deduction(base: base, perUnit: perUnit, floor: floor))

        case .bands:
            guard let entries = fields.bands, !entries.value.isEmpty else {
                log.error(fields.bands?.location ?? location, "a bands rule needs at least one band, as in bands: [{at_least: 0.98, score: 100}]")
                return nil
            }
            let bound: Bands.Bound = direction == .higher ? .atLeast : .atMost
            for entry in entries.value where entry.bound != bound {
                log.error(entry.limit.location, "a KPI with direction \(direction.rawValue) lists bands with `\(bound.rawValue)`, not `\(entry.bound.rawValue)`")
                valid = false
            }
            for (previous, next) in zip(entries.value, entries.value.dropFirst()) {
                let ordered = bound == .atLeast ? next.limit.value < previous.limit.value : next.limit.value > previous.limit.value
                require(ordered, previous.limit, next.limit,
                        "bands out of order: \(next.limit.value.formulaText) must be \(bound == .atLeast ? "below" : "above") the band before it (\(previous.limit.value.formulaText)); the first band reached wins, so list the best first")
            }
            guard valid else { return nil }
            return .bands(Bands(bound: bound,
                                bands: entries.value.map { Bands.Band(limit: $0.limit.value, score: $0.score.value) },
                                otherwise: fields.numbers["otherwise"]?.value ?? 0))

        case .rating:
            let scale = fields.numbers["scale"]?.value ?? 100
            if scale <= 0 {
                log.error(fields.numbers["scale"]?.location ?? location, "`scale` must be above 0, as in scale: 5 for 1–5 ratings")
                valid = false
            }
            var raters = Rater.lineManager
            if let written = fields.raters {
                raters = written.value.map { Rater(relation: $0.0, weight: $0.1.value) }
                for (relation, weight) in written.value where weight.value < 0 {
                    log.error(weight.location, "the weight of `\(relation.rawValue)` must be 0 or more, found \(weight.value.formulaText)")
                    valid = false
                }
                if !raters.contains(where: { $0.weight > 0 }) {
                    log.error(written.location, "no rater has a weight above 0, so no rating would count; give one a weight, as in raters: {manager: 60, department-head: 40}")
                    valid = false
                }
            }
            guard valid else { return nil }
            return .rating(Rating(scale: scale, raters: raters))
        }
    }
}
