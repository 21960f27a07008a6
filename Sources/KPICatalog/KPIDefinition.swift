import KPIFormula

/// A KPI definition, one file in `kpi-definitions/`.
public struct KPIDefinition: Sendable, Equatable {
    public enum Unit: String, Sendable, CaseIterable, Codable {
        case percent, ratio, count, amount, days, score
    }

    public enum Direction: String, Sendable, CaseIterable, Codable {
        case higher, lower
    }

    /// What a KPI scores when its formula yields no data (docs/scoring.md, no data).
    public enum NoDataPolicy: String, Sendable, CaseIterable, Codable {
        /// Status `no_data`; the weight leaves the total.
        case exclude
        /// Scores 0.
        case zero
        /// Scores the points of the target.
        case target
    }

    public let id: String
    public let name: String
    public let nameEn: String?
    public let description: String?
    /// The rulebooks' KPI指标 this KPI measures, verbatim.
    public let indicators: [String]
    public let unit: Unit
    public let direction: Direction
    public let scope: Scope
    /// The parsed formula; nil exactly when the method is `rating`.
    public let formula: Formula?
    public let whenNoData: NoDataPolicy
    public let scoring: ScoringRule
    public let location: SourceLocation
}
