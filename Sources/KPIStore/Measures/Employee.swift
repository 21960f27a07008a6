/// An employee as stored.
public struct Employee: Equatable, Sendable {
    public let id: String
    public let name: String
    public let login: String?
    public let role: String
    public let manager: String?
    public let hireDate: Day
    public let leaveDate: Day?
    public let probationEnd: Day?
    public let probationPassed: Bool?
    /// The base of their share of a bonus pool; nil counts as 1.
    public let bonusBase: Double?

    public init(id: String, name: String, login: String?, role: String, manager: String?, hireDate: Day,
                leaveDate: Day?, probationEnd: Day?, probationPassed: Bool?, bonusBase: Double? = nil) {
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
    /// Every employee, by id.
    public func employees() throws -> [Employee] {
        var result: [Employee] = []
        try database.prepare("""
            SELECT id, name, login, role, manager, hire_date, leave_date, probation_end, probation_passed, bonus_base
            FROM employees ORDER BY id
            """).forEach { row in
            result.append(Employee(
                id: row.text(0), name: row.text(1), login: row.optionalText(2), role: row.text(3), manager: row.optionalText(4),
                hireDate: Day(number: Int(row.int(5))), leaveDate: row.optionalInt(6).map { Day(number: Int($0)) },
                probationEnd: row.optionalInt(7).map { Day(number: Int($0)) }, probationPassed: row.optionalInt(8).map { $0 != 0 },
                bonusBase: row.isNull(9) ? nil : row.double(9)))
        }
        return result
    }
}
