/// Where a period stands in its lifecycle (docs/cli.md, kpi appraisal).
public struct AppraisalPeriod: Equatable, Sendable {
    public enum Status: String, Sendable {
        case open, closed
    }

    public let period: Period
    public let status: Status
    public let openedAt: String
    public let lastRunAt: String?
    public let runs: Int
    public let closedAt: String?
}
