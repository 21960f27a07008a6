import KPIStore

extension Appraisals {
    /// The employee id that `text` names as people type it: the 工号 in any case, a login, or a
    /// name unique among the active employees the principal may view — one's own without
    /// reading the organisation. Several people of that name are refused, each with their id and
    /// department, so that the 工号 can be given. Text that names nobody comes back as typed, for
    /// what follows to refuse as it refuses any id: unknown, or not the principal's to see, which
    /// tells nothing of who exists.
    public func employeeID(named text: String) throws -> String {
        let key = text.trimmingCharacters(in: .whitespaces)
        func identifies(_ employee: Employee) -> Bool {
            employee.id.caseInsensitiveCompare(key) == .orderedSame || employee.login.map { $0.caseInsensitiveCompare(key) == .orderedSame } ?? false
        }
        if let me = principal.employee, identifies(me) || me.name == key { return me.id }
        let organisation = try self.organisation
        if organisation.employee(key) != nil { return key }
        if let found = organisation.employees.first(where: identifies) { return found.id }
        let today = Day.today
        let named = try organisation.employees.filter { try $0.name == key && $0.isActive(on: today) && canView($0.id) }
        guard named.count > 1 else { return named.first?.id ?? key }
        let listed = named.map { person in
            "\(person.id) (\(organisation.department(of: person.id).flatMap { catalog.department($0)?.name } ?? "—"))"
        }.joined(separator: ", ")
        throw AppraisalError.usage("\(named.count) employees are called \(key): \(listed); give the 工号 (employee id) instead")
    }
}
