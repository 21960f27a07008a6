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

    public init(id: String, name: String, login: String?, role: String, manager: String?, hireDate: Day,
                leaveDate: Day?, probationEnd: Day?, probationPassed: Bool?) {
        self.id = id
        self.name = name
        self.login = login
        self.role = role
        self.manager = manager
        self.hireDate = hireDate
        self.leaveDate = leaveDate
        self.probationEnd = probationEnd
        self.probationPassed = probationPassed
    }

    /// Employed on `day`: hired on or before it and not yet gone.
    public func isActive(on day: Day) -> Bool {
        hireDate <= day && (leaveDate.map { $0 > day } ?? true)
    }
}

extension Store {
    /// Every employee, by id.
    public func employees() throws -> [Employee] {
        var result: [Employee] = []
        try database.prepare("""
            SELECT id, name, login, role, manager, hire_date, leave_date, probation_end, probation_passed
            FROM employees ORDER BY id
            """).forEach { row in
            result.append(Employee(
                id: row.text(0), name: row.text(1), login: row.optionalText(2), role: row.text(3), manager: row.optionalText(4),
                hireDate: Day(number: Int(row.int(5))), leaveDate: row.optionalInt(6).map { Day(number: Int($0)) },
                probationEnd: row.optionalInt(7).map { Day(number: Int($0)) }, probationPassed: row.optionalInt(8).map { $0 != 0 }))
        }
        return result
    }
}
