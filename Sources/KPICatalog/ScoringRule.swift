/// How a KPI's value becomes a score (docs/scoring.md).
public enum ScoringRule: Sendable, Equatable {
    case linear(Linear)
    case deduction(Deduction)
    case bands(Bands)
    case rating(Rating)

    public enum Method: String, Sendable, CaseIterable, Codable {
        case linear, deduction, bands, rating

        /// The numbers each method takes, besides `method`.
        var fields: [String] {
            switch self {
            case .linear: return ["threshold", "target", "challenge", "points"]
            case .deduction: return ["base", "per_unit", "floor"]
            case .bands: return ["bands", "otherwise"]
            case .rating: return ["scale"]
            }
        }
    }

    /// 门槛/目标/挑战: straight lines between the threshold, target and challenge points.
    public struct Linear: Sendable, Equatable {
        public let threshold: Double
        public let target: Double
        public let challenge: Double?
        public let points: Points
    }

    /// The scores at the threshold, target and challenge values.
    public struct Points: Sendable, Equatable {
        public let threshold: Double
        public let target: Double
        public let challenge: Double

        public static let standard = Points(threshold: 60, target: 100, challenge: 120)
    }

    /// 扣分制: max(floor, base − per_unit · value).
    public struct Deduction: Sendable, Equatable {
        public let base: Double
        public let perUnit: Double
        public let floor: Double
    }

    /// Steps: the first band the value reaches gives the score, else `otherwise`.
    public struct Bands: Sendable, Equatable {
        public enum Bound: String, Sendable, Codable {
            case atLeast = "at_least"
            case atMost = "at_most"
        }

        public struct Band: Sendable, Equatable {
            public let limit: Double
            public let score: Double
        }

        public let bound: Bound
        public let bands: [Band]
        public let otherwise: Double
    }

    /// A judgement entered by a rater; `scale: 5` maps 1–5 to 20–100.
    public struct Rating: Sendable, Equatable {
        public let scale: Double

        /// The lowest rating a rater may give: 0 on the 100-point scale, else 1.
        public var lowest: Double { scale == 100 ? 0 : 1 }

        public func accepts(_ score: Double) -> Bool { score >= lowest && score <= scale }
    }

    public var method: Method {
        switch self {
        case .linear: return .linear
        case .deduction: return .deduction
        case .bands: return .bands
        case .rating: return .rating
        }
    }
}
