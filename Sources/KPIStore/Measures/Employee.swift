/// An employee as stored.
public struct Employee: Equatable, Sendable {
    /// From `from` on, the employee holds `role` (a row of `role-changes`).
    public struct RoleChange: Equatable, Sendable {
        public let from: Day
        public let role: String

        public init(from: Day, role: String) {
            self.from = from
            self.role = role
        }
    }

    /// The days of a period an employee held one role, both ends included.
    public struct RoleSpan: Equatable, Sendable {
        public let role: String
        public let from: Day
        public let to: Day
    }

    /// Days lent to a project group, whose project's manager co-manages them meanwhile (a row of
    /// `assignments`).
    public struct Assignment: Equatable, Sendable {
        public let project: String
        /// The project's manager.
        public let manager: String
        public let from: Day
        /// The last day; nil while still assigned.
        public let to: Day?

        public init(project: String, manager: String, from: Day, to: Day?) {
            self.project = project
            self.manager = manager
            self.from = from
            self.to = to
        }

        /// Whether any of its days falls in `first...last`.
        public func overlaps(_ first: Day, _ last: Day) -> Bool {
            from <= last && (to.map { $0 >= first } ?? true)
        }
    }

    public let id: String
    public let name: String
    public let login: String?
    /// The role held on the day the employees were read (what rights follow).
    public let role: String
    public let manager: String?
    public let hireDate: Day
    public let leaveDate: Day?
    public let probationEnd: Day?
    public let probationPassed: Bool?
    /// The base of their share of a bonus pool; nil counts as 1.
    public let bonusBase: Double?
    /// The roles held over time, oldest first, the first from the hire date; empty when the
    /// employee never changed role (`role` all along).
    public let roleHistory: [RoleChange]
    /// Their project-group assignments, oldest first.
    public let assignments: [Assignment]

    public init(id: String, name: String, login: String?, role: String, manager: String?, hireDate: Day,
                leaveDate: Day?, probationEnd: Day?, probationPassed: Bool?, bonusBase: Double? = nil, roleHistory: [RoleChange] = [],
                assignments: [Assignment] = []) {
        self.id = id
        self.name = name
        self.login = login
        self.role = role
        self.manager = manager
        self.hireDate = hireDate
        self.leaveDate = leaveDate
        self.probationEnd = probationEnd
        self.probationPassed = probationPassed
        self.bonusBase = bonusBase
        self.roleHistory = roleHistory
        self.assignments = assignments
    }

    /// The role held on `day`.
    public func role(on day: Day) -> String {
        Self.role(on: day, in: roleHistory) ?? role
    }

    /// The role a history gives for `day`: the latest change on or before it, else the first.
    static func role(on day: Day, in history: [RoleChange]) -> String? {
        history.last { $0.from <= day }?.role ?? history.first?.role
    }

    /// The roles held over the days of `period` they were employed, in order; one span a role,
    /// a change to the same role merged into the span before; empty when not employed in it.
    public func roleSpans(in period: Period) -> [RoleSpan] {
        let first = max(period.firstDay.number, hireDate.number)
        let last = min(period.lastDay.number, (leaveDate?.number ?? Int.max) - 1)
        guard first <= last else { return [] }
        var spans = [RoleSpan(role: role(on: Day(number: first)), from: Day(number: first), to: Day(number: last))]
        for change in roleHistory where change.from.number > first && change.from.number <= last {
            let current = spans.removeLast()
            if change.role == current.role {
                spans.append(current)
            } else {
                spans.append(RoleSpan(role: current.role, from: current.from, to: change.from.adding(days: -1)))
                spans.append(RoleSpan(role: change.role, from: change.from, to: current.to))
            }
        }
        return spans
    }

    /// Employed on `day`: hired on or before it and not yet gone.
    public func isActive(on day: Day) -> Bool {
        hireDate <= day && (leaveDate.map { $0 > day } ?? true)
    }

    /// How many days of `period` they were employed.
    public func daysActive(in period: Period) -> Int {
        let first = max(period.firstDay.number, hireDate.number)
        let last = min(period.lastDay.number, (leaveDate?.number ?? Int.max) - 1)
        return max(0, last - first + 1)
    }
}

extension Store {
    /// Every employee, by id, with the role held on `day` and their role history.
    ///
    /// The history is the rows of `role-changes`; the days before an employee's first change
    /// are held in the role the employees file names.
    public func employees(on day: Day = .today) throws -> [Employee] {
        try employees(on: day, matching: nil)
    }

    /// The employee whose login is `key`, else the one whose id is `key`, or nil: one person
    /// read through the indexes, not the whole company.
    public func employee(loginOrID key: String, on day: Day = .today) throws -> Employee? {
        try employees(on: day, matching: ("login", key)).first ?? employees(on: day, matching: ("id", key)).first
    }

    /// Whether the database holds any employee.
    public func hasEmployees() throws -> Bool {
        var found = false
        try database.prepare("SELECT 1 FROM employees LIMIT 1").forEach { _ in found = true }
        return found
    }

    /// The employees, or those whose `column` (`id` or `login`) is the value given.
    private func employees(on day: Day, matching filter: (column: String, value: String)?) throws -> [Employee] {
        let only = filter.map { "WHERE \($0.column) = ?1" } ?? ""
        let owners = filter.map { "WHERE employee IN (SELECT id FROM employees WHERE \($0.column) = ?1)" } ?? ""
        let values: [Statement.Value] = filter.map { [.text($0.value)] } ?? []
        var changes: [String: [Employee.RoleChange]] = [:]
        try database.prepare(#"SELECT employee, "from", role FROM role_changes \#(owners) ORDER BY employee, "from""#).forEach(values) { row in
            changes[row.text(0), default: []].append(Employee.RoleChange(from: Day(number: Int(row.int(1))), role: row.text(2)))
        }
        var assignments: [String: [Employee.Assignment]] = [:]
        try database.prepare(#"""
            SELECT a.employee, a.project, p.manager, a."from", a."to" FROM (SELECT * FROM assignments \#(owners)) a
            JOIN projects p ON p.id = a.project ORDER BY a.employee, a."from"
            """#).forEach(values) { row in
            assignments[row.text(0), default: []].append(Employee.Assignment(project: row.text(1), manager: row.text(2), from: Day(number: Int(row.int(3))),
                                                                               to: row.optionalInt(4).map { Day(number: Int($0)) }))
        }
        var result: [Employee] = []
        try database.prepare("""
            SELECT id, name, login, role, manager, hire_date, leave_date, probation_end, probation_passed, bonus_base
            FROM employees \(only) ORDER BY id
            """).forEach(values) { row in
            let id = row.text(0), hired = Day(number: Int(row.int(5)))
            var history = changes[id] ?? []
            if let first = history.first, first.from > hired {
                history.insert(Employee.RoleChange(from: hired, role: row.text(3)), at: 0)
            }
            let held = Employee.role(on: day, in: history) ?? row.text(3)
            result.append(Employee(
                id: id, name: row.text(1), login: row.optionalText(2), role: held, manager: row.optionalText(4),
                hireDate: hired, leaveDate: row.optionalInt(6).map { Day(number: Int($0)) },
                probationEnd: row.optionalInt(7).map { Day(number: Int($0)) }, probationPassed: row.optionalInt(8).map { $0 != 0 },
                bonusBase: row.isNull(9) ? nil : row.double(9), roleHistory: history, assignments: assignments[id] ?? []))
        }
        return result
    }
}
