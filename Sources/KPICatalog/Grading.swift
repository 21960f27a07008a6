/// Grades, forced distribution and veto items (`kpi-definitions/grading.yaml`).
public struct Grading: Sendable, Equatable {
    public struct Grade: Sendable, Equatable {
        public let grade: String
        /// The lowest total (0–120 scale) that earns this grade.
        public let minScore: Double
        /// 绩效系数.
        public let coefficient: Double
        /// The largest share of a group that may hold this grade under forced distribution.
        public let maxShare: Double?
    }

    public enum ForcedDistribution: String, Sendable, CaseIterable, Codable {
        case none, department, company
    }

    /// 否决项: a KPI whose score 0 caps the grade at `maxGrade`.
    public struct Veto: Sendable, Equatable {
        public let kpi: String
        public let maxGrade: String
    }

    /// Best first, by descending `minScore`.
    public let grades: [Grade]
    public let forcedDistribution: ForcedDistribution
    public let veto: [Veto]
    /// How many days after a period's last day its people have to confirm or object to their
    /// scorecard; unconfirmed after that, a scorecard counts as confirmed. Nil: no deadline.
    public var confirmWithinDays: Int? = nil
}
