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
    /// For employees: a problem with giving the employee (by id) the role (by id) — a right the
    /// importer does not hold — or nil.
    public var checkRoleGrant: (@Sendable (_ employee: String, _ role: String) -> String?)?
    /// For ratings: whether the rater (blank: the employee's manager) rates the employee on the
    /// KPI in the month in the relation given (blank: the first of the KPI's raters they are).
    public var checkRater: (@Sendable (_ employee: String, _ rater: String?, _ kpi: String, _ month: String?, _ relation: String?) -> RaterCheck)?
    /// The id of the role a name stands for (`售后工程师`), when exactly one role has it.
    public var roleByName: (@Sendable (String) -> String?)?
    /// The name of a role's department, to tell people of the same name apart.
    public var departmentOfRole: (@Sendable (String) -> String?)?
    /// Names the catalog gives a choice column's values, by column: `priority` → `高` → `P1`.
    public var choiceNames: [String: [String: String]] = [:]
    /// Whether problems are told in Chinese.
    public var chinese = false

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

/// A rating's rater as the catalog and the rights judge them.
public enum RaterCheck: Sendable, Equatable {
    /// The rater (by id) rates the employee in this relation.
    case rates(rater: String, relation: String)
    /// Why they may not.
    case refused(String)
}
