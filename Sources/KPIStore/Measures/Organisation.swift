/// Who is below whom, and which department each employee is in: what the roll-ups of
/// measures to team, department and company need (docs/measures.md, scopes).
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

    /// Whether `employee` is below `boss` in the manager tree, at any depth: a walk up the
    /// employee's chain of managers (cycles in bad data are cut).
    public func isBelow(_ employee: String, _ boss: String) -> Bool {
        var current = index[employee].flatMap { employees[$0].manager }
        var steps = 0
        while let manager = current, steps < employees.count {
            if manager == boss { return true }
            current = index[manager].flatMap { employees[$0].manager }
            steps += 1
        }
        return false
    }

    /// Whether `department` is `root` or lies below it.
    public func isDepartment(_ department: String, within root: String) -> Bool {
        var current: String? = department
        var steps = 0
        while let node = current, steps < 64 {
            if node == root { return true }
            current = departmentParent[node]
            steps += 1
        }
        return false
    }

    /// `department` and every department below it.
    func departmentTree(containing department: String) -> Set<String> {
        Set(Set(departmentOf.compactMap { $0 }).union(departmentParent.keys).filter { isDepartment($0, within: department) })
    }
}
