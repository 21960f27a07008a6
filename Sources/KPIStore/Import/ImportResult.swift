import Foundation

/// One problem in an imported file: line (the header is line 1), 1-based column, message.
public struct ImportProblem: Equatable, Sendable {
    /// 0 when the problem concerns the whole file.
    public let line: Int
    public let column: Int
    public let message: String

    public init(line: Int, column: Int, _ message: String) {
        self.line = line
        self.column = column
        self.message = message
    }
}

/// A refused import: nothing was written. Every problem, up to 100 bad rows, in line order.
public struct ImportError: LocalizedError, Equatable {
    public let file: String
    public let problems: [ImportProblem]
    /// How many rows were bad, including those beyond the 100 reported.
    public let badRows: Int
    /// Whether rows were refused because their period is closed.
    public let closedPeriod: Bool

    public init(file: String, problems: [ImportProblem], badRows: Int, closedPeriod: Bool = false) {
        self.file = file
        self.problems = problems
        self.badRows = badRows
        self.closedPeriod = closedPeriod
    }

    /// Each problem as `FILE:LINE:COLUMN: message`.
    public var lines: [String] {
        problems.map { $0.line > 0 ? "\(file):\($0.line):\($0.column): \($0.message)" : "\(file): \($0.message)" }
    }

    public var errorDescription: String? { lines.joined(separator: "\n") }
}

/// What an import did.
public struct ImportSummary: Equatable, Sendable {
    public let kind: ImportKind
    public let rows: Int
    public let added: Int
    public let changed: Int
    public let unchanged: Int
    public let dryRun: Bool
}

/// What the importer needs from the catalog, as plain checks, so that the store stays
/// independent of it. The reading thread calls them, hence `@Sendable`.
public struct ImportContext: Sendable {
    /// A problem with an employee's role id, or nil when the catalog has it.
    public var checkRole: @Sendable (String) -> String?
    /// A problem with a rating's KPI id (unknown, or not a rating KPI), or nil.
    public var checkRatingKPI: @Sendable (String) -> String?
    /// A problem with a rating's score for that KPI (outside its scale), or nil.
    public var checkRatingScore: @Sendable (_ kpi: String, _ score: Double) -> String?
    /// Response and resolution minutes per priority, for tickets without due times.
    public var serviceMinutes: [String: (respond: Int, resolve: Int)]
    /// Called about every 10,000 rows with the number of rows read so far.
    public var progress: (@Sendable (Int) -> Void)?
    /// Months (`YYYY-MM`) of closed periods: records dated in them are refused.
    public var closedMonths: Set<String> = []
    /// For ratings: a problem with the rater (blank: the employee's manager) rating the employee, or nil.
    public var checkRater: (@Sendable (_ employee: String, _ rater: String?) -> String?)?

    public init(checkRole: @escaping @Sendable (String) -> String?, checkRatingKPI: @escaping @Sendable (String) -> String?,
                checkRatingScore: @escaping @Sendable (String, Double) -> String?,
                serviceMinutes: [String: (respond: Int, resolve: Int)], progress: (@Sendable (Int) -> Void)? = nil) {
        self.checkRole = checkRole
        self.checkRatingKPI = checkRatingKPI
        self.checkRatingScore = checkRatingScore
        self.serviceMinutes = serviceMinutes
        self.progress = progress
    }
}
