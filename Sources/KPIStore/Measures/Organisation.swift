/// Who is below whom, and which department each employee is in: what the roll-ups of
/// measures to team, department and company need (SPEC §5.2).
public struct Organisation: Sendable {
    public let employees: [Employee]
    /// Index of each employee by id.
    let index: [String: Int]
    /// The employee's department (from their role), by employee index.
    let departmentOf: [String?]
    /// Each department's parent.
    let departmentParent: [String: String]
    /// Direct reports by employee index.
    let reports: [[Int]]

    /// - Parameters:
    ///   - department: the department of a role id, from the catalog.
    ///   - departmentParent: each department's parent department, from the catalog.
    public init(employees: [Employee], department: (String) -> String?, departmentParent: [String: String]) {
        self.employees = employees
        var index: [String: Int] = [:]
        for (offset, employee) in employees.enumerated() { index[employee.id] = offset }
        self.index = index
        departmentOf = employees.map { department($0.role) }
        self.departmentParent = departmentParent
        var reports = Array(repeating: [Int](), count: employees.count)
        for (offset, employee) in employees.enumerated() {
            if let manager = employee.manager, let boss = index[manager], boss != offset { reports[boss].append(offset) }
        }
        self.reports = reports
    }

    public func employee(_ id: String) -> Employee? { index[id].map { employees[$0] } }

    /// The employee's department id, from their role.
    public func department(of id: String) -> String? { index[id].flatMap { departmentOf[$0] } }

    /// Employees below `id` in the manager tree, at any depth (not `id` itself).
    public func below(_ id: String) -> [Employee] {
        guard let start = index[id] else { return [] }
        var seen: Set<Int> = [start]
        var queue = reports[start]
        var result: [Employee] = []
        while let next = queue.popLast() {
            guard seen.insert(next).inserted else { continue }
            result.append(employees[next])
            queue += reports[next]
        }
        return result
    }

    /// `department` and every department below it.
    func departmentTree(containing department: String) -> Set<String> {
        var members: Set<String> = []
        for candidate in Set(departmentOf.compactMap { $0 }).union(departmentParent.keys) {
            var current: String? = candidate
            var steps = 0
            while let node = current, steps < 64 {
                if node == department {
                    members.insert(candidate)
                    break
                }
                current = departmentParent[node]
                steps += 1
            }
        }
        return members
    }
}
