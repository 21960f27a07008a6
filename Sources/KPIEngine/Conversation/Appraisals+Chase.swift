import KPICatalog
import KPIStore

/// Who still has to do what in a month's appraisal (`kpi appraisal status P`): per department,
/// the scorecards computed, every rating a rater with a weight has not given yet, the
/// scorecards their people have not confirmed, and the objections open.
public struct ChaseList: Sendable {
    /// A rating nobody has given yet: who should give it, to whom, on which KPI.
    public struct Missing: Sendable, Equatable {
        /// The employee id of the rater; nil for HR (anyone with appraisal:admin) or when nobody holds the relation.
        public let rater: String?
        public let relation: ScoringRule.Relation
        public let employee: String
        /// The employee's department.
        public let department: String
        public let kpi: String
    }

    public struct Department: Sendable {
        public let department: String
        /// Active employees on the period's last day, and how many of them have a stored scorecard.
        public let people: Int
        public let scorecards: Int
        public let missingRatings: Int
        /// Self-assessments given, of those the KPIs invite (a `self` rater).
        public let selfAssessments: Int
        public let selfAssessmentsInvited: Int
        /// Scorecards confirmed (or counted as confirmed after the deadline), and objections open.
        public let confirmed: Int
        public let objectionsOpen: Int
    }

    public let period: Period
    public let state: AppraisalPeriod?
    public let departments: [Department]
    /// Every missing rating of a rater whose weight counts, by department, employee and KPI.
    public let missing: [Missing]
    /// The computed scorecards still waiting for their employee, before the deadline (nil: none set).
    public let unconfirmed: [String]
    public let deadline: Day?
    /// The objections still open.
    public let objections: [Store.Objection]
}

extension Appraisals {
    /// The chase list of a month: for everyone the principal may view who is active on its last
    /// day, the ratings the KPIs' raters (weight above 0) have not given, and the
    /// self-assessments given of those invited.
    public func chaseList(_ period: Period) throws -> ChaseList {
        let me = try requireEmployee()
        guard period.length == .month else { throw AppraisalError.usage("the chase list is of a month (YYYY-MM), not of \(period)") }
        let rights = try self.rights
        return try chase(period) { rights.mayView(principal, $0.id, in: period) || $0.id == me.id }
    }

    /// The chase list over the employees `included` lets in, without a rights check: what
    /// `close` reads for everyone.
    func chase(_ period: Period, _ included: (Employee) -> Bool) throws -> ChaseList {
        let ratings = try store.ratings(for: period)
        let computed = Set(try store.scorecards(of: period, lines: false).map(\.employee))
        var missing: [ChaseList.Missing] = []
        var tallies: [String: (people: Int, cards: Int, missing: Int, selves: Int, invited: Int, confirmed: Int, objections: Int)] = [:]
        var unconfirmed: [String] = []
        let organisation = try self.organisation
        let people = organisation.employees.filter { $0.isActive(on: period.lastDay) && included($0) }
        let confirmations = try self.confirmations(of: people.map(\.id).filter(computed.contains), period: period)
        let open = try store.objections(period: period).filter { $0.status == .open }
        let objecting = Dictionary(grouping: open, by: \.employee)
        for employee in people {
            let department = organisation.department(of: employee.id) ?? ""
            var tally = tallies[department] ?? (0, 0, 0, 0, 0, 0, 0)
            tally.people += 1
            if computed.contains(employee.id) { tally.cards += 1 }
            switch confirmations[employee.id] {
            case .confirmed, .deemed: tally.confirmed += 1
            case .awaiting: unconfirmed.append(employee.id)
            case .objected, nil: break
            }
            tally.objections += objecting[employee.id]?.count ?? 0
            for (kpi, rule) in ratedAssignments(of: employee, in: period) {
                let given = Set((ratings[employee.id]?[kpi.id] ?? []).map(\.relation))
                for rater in rule.raters {
                    let done = given.contains(rater.relation.rawValue)
                    if rater.relation == .oneself {
                        tally.invited += 1
                        if done { tally.selves += 1 }
                    }
                    guard rater.weight > 0, !done else { continue }
                    // A relation nobody holds (a department without a head) rates nothing; its weight goes to the others.
                    let expected = try expectedRater(rater.relation, of: employee, in: period)
                    guard expected != nil || rater.relation == .hr else { continue }
                    missing.append(ChaseList.Missing(rater: expected, relation: rater.relation, employee: employee.id, department: department, kpi: kpi.id))
                    tally.missing += 1
                }
            }
            tallies[department] = tally
        }
        let order = Dictionary(catalog.departments.enumerated().map { ($1.id, $0) }, uniquingKeysWith: min)
        let departments = tallies.keys.sorted { (order[$0] ?? .max, $0) < (order[$1] ?? .max, $1) }.map { id in
            let tally = tallies[id]!
            return ChaseList.Department(department: id, people: tally.people, scorecards: tally.cards, missingRatings: tally.missing,
                                        selfAssessments: tally.selves, selfAssessmentsInvited: tally.invited, confirmed: tally.confirmed,
                                        objectionsOpen: tally.objections)
        }
        missing.sort { (order[$0.department] ?? .max, $0.employee, $0.kpi) < (order[$1.department] ?? .max, $1.employee, $1.kpi) }
        let shown = Set(people.map(\.id))
        return ChaseList(period: period, state: try store.appraisalPeriod(period), departments: departments, missing: missing,
                         unconfirmed: unconfirmed, deadline: try confirmationDeadline(of: period),
                         objections: open.filter { shown.contains($0.employee) })
    }

    /// Who holds `relation` to `employee` in `period`: their nearest manager whose role has
    /// `rate:team`, the manager of the last project group they were assigned to in it, their
    /// department head, themselves; nil for HR (whoever has appraisal:admin) or nobody.
    func expectedRater(_ relation: ScoringRule.Relation, of employee: Employee, in period: Period) throws -> String? {
        switch relation {
        case .manager:
            var next = employee.manager
            var seen: Set<String> = [employee.id]
            let organisation = try self.organisation, rights = try self.rights
            while let id = next, seen.insert(id).inserted, let boss = organisation.employee(id) {
                if rights.mayRate(boss, employee.id) { return boss.id }
                next = boss.manager
            }
            return nil
        case .projectManager:
            return employee.assignments.last { $0.overlaps(period.firstDay, period.lastDay) }?.manager
        case .departmentHead: return try rights.departmentHead(of: employee.id)?.id
        case .hr: return nil
        case .oneself: return employee.id
        }
    }
}
