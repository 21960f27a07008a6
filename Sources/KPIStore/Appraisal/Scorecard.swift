/// One employee's appraisal for one period, as computed by the engine and kept by the store.
public struct Scorecard: Equatable, Sendable {
    /// One KPI line of the scorecard.
    public struct Line: Equatable, Sendable {
        public enum Status: String, Sendable {
            /// Scored from its value.
            case ok
            /// No data; excluded from the total (`when_no_data: exclude`).
            case noData = "no_data"
            /// No data, scored 0 (`when_no_data: zero`).
            case noDataZero = "no_data_zero"
            /// No data, scored the target's points (`when_no_data: target`).
            case noDataTarget = "no_data_target"
        }

        public let kpi: String
        public let weight: Int
        public let scope: String
        /// The formula's value, or the rating; nil for no data.
        public let value: Double?
        public let score: Double?
        /// weight × score / 100; nil when the KPI is excluded.
        public let weighted: Double?
        public let status: Status
        /// The measure values the formula read, by key (`service.tickets`).
        public let measures: [MeasureValue]
        /// For a rating KPI: who rated, and what they wrote.
        public let rater: String?
        public let comment: String?

        public init(kpi: String, weight: Int, scope: String, value: Double?, score: Double?, weighted: Double?, status: Status,
                    measures: [MeasureValue], rater: String? = nil, comment: String? = nil) {
            self.kpi = kpi
            self.weight = weight
            self.scope = scope
            self.value = value
            self.score = score
            self.weighted = weighted
            self.status = status
            self.measures = measures
            self.rater = rater
            self.comment = comment
        }
    }

    /// The days of a period held in one role, scored by that role's KPIs: a part of a month
    /// with a role change.
    public struct Segment: Equatable, Sendable {
        public let role: String
        public let department: String
        public let from: Day
        public let to: Day
        /// The role's total over the segment's lines; nil when none has a score.
        public let total: Double?
        public let lines: [Line]

        public init(role: String, department: String, from: Day, to: Day, total: Double?, lines: [Line]) {
            self.role = role
            self.department = department
            self.from = from
            self.to = to
            self.total = total
            self.lines = lines
        }

        public var days: Int { to.number - from.number + 1 }
    }

    public let period: Period
    public let employee: String
    public let role: String
    public let department: String
    public let lines: [Line]
    /// Σ weight·score / Σ weight over the lines with a score; nil when none has one.
    public let total: Double?
    public let rawGrade: String?
    /// After veto and forced distribution; never above `rawGrade`.
    public let grade: String?
    public let coefficient: Double?
    /// Which run of the period wrote it (1 for the first); nil for one not stored yet.
    public let run: Int?
    /// For a period held in more than one role, each role's days, oldest first: `role`,
    /// `department` and `lines` are the last segment's, and `total` is the segments' totals
    /// weighted by their days. Empty when one role was held throughout.
    public let segments: [Segment]
    /// When it was computed (local time, `YYYY-MM-DDTHH:MM:SS`): by its run, or again after a
    /// rating; nil for one not stored yet.
    public let computedAt: String?

    public init(period: Period, employee: String, role: String, department: String, lines: [Line], total: Double?,
                rawGrade: String?, grade: String?, coefficient: Double?, run: Int? = nil, segments: [Segment] = [],
                computedAt: String? = nil) {
        self.period = period
        self.employee = employee
        self.role = role
        self.department = department
        self.lines = lines
        self.total = total
        self.rawGrade = rawGrade
        self.grade = grade
        self.coefficient = coefficient
        self.run = run
        self.segments = segments
        self.computedAt = computedAt
    }
}
