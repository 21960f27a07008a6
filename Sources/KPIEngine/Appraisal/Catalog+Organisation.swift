import KPICatalog
import KPIStore

extension Catalog {
    /// The org structure the measure roll-ups need: employees, their departments (from their
    /// roles) and the department tree.
    public func organisation(of employees: [Employee]) -> Organisation {
        var parents: [String: String] = [:]
        for department in departments {
            if let parent = department.parent { parents[department.id] = parent }
        }
        return Organisation(employees: employees, department: { self.role($0)?.department }, departmentParent: parents)
    }
}
