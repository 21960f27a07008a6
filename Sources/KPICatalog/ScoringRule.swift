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
            case .rating: return ["scale", "raters"]
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

    /// A judgement entered by raters; `scale: 5` maps 1–5 to 20–100. Each rater is named by
    /// their relation to the rated employee, with a weight: the value is the weighted mean of
    /// the ratings given (docs/scoring.md, several raters).
    public struct Rating: Sendable, Equatable {
        public let scale: Double
        /// The relations that rate, in `Relation`'s order; the line manager alone when the
        /// catalog names none.
        public let raters: [Rater]

        public init(scale: Double, raters: [Rater] = Rater.lineManager) {
            self.scale = scale
            self.raters = raters
        }

        /// The lowest rating a rater may give: 0 on the 100-point scale, else 1.
        public var lowest: Double { scale == 100 ? 0 : 1 }

        public func accepts(_ score: Double) -> Bool { score >= lowest && score <= scale }

        /// The weight of `relation`, or nil when it does not rate this KPI.
        public func weight(of relation: Relation) -> Double? {
            raters.first { $0.relation == relation }?.weight
        }
    }

    /// Who rates a rated KPI, by their relation to the rated employee.
    public enum Relation: String, Sendable, CaseIterable, Codable {
        /// Someone above them in the reporting line whose role has `rate:team`; first, their
        /// nearest such manager.
        case manager
        /// The manager of a project whose group they are assigned to (`assignments`) on days of
        /// the period.
        case projectManager = "project-manager"
        /// The head of their department: the employee of that department (or the nearest above
        /// it) whose role sees the whole department (`view:department` or `view:company`).
        case departmentHead = "department-head"
        /// HR: a role with `appraisal:admin`.
        case hr
        /// The employee themselves: a self-assessment, shown beside the others.
        case oneself = "self"

        public var nameZh: String {
            switch self {
            case .manager: return "直接上级"
            case .projectManager: return "项目经理"
            case .departmentHead: return "部门负责人"
            case .hr: return "人力资源部"
            case .oneself: return "本人自评"
            }
        }
    }

    /// A relation that rates and the weight of its rating; a weight of 0 is shown, not counted.
    public struct Rater: Sendable, Equatable {
        public let relation: Relation
        public let weight: Double

        public init(relation: Relation, weight: Double) {
            self.relation = relation
            self.weight = weight
        }

        public static let lineManager = [Rater(relation: .manager, weight: 100)]
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
