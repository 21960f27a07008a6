import KPICatalog
import KPIStore

/// Who is acting: the employee whose login (or, with `KPI_USER`, id or login) matches, with
/// their role's permissions.
public struct Principal: Sendable {
    public enum Identity: Sendable, Equatable {
        /// The database holds no employee yet: anyone may create it and import employees.
        case bootstrap
        case employee(Employee)
        /// Nobody in the database has this login.
        case stranger(login: String)
    }

    public let identity: Identity
    public let permissions: Set<Permission>

    public var employee: Employee? {
        if case .employee(let employee) = identity { return employee }
        return nil
    }

    /// How the audit log names this principal.
    public var auditName: String {
        switch identity {
        case .bootstrap: return "bootstrap"
        case .employee(let employee): return employee.id
        case .stranger(let login): return login
        }
    }

    /// Resolves `login` (an employee id or login) against the employees.
    public static func resolve(_ login: String, employees: [Employee], catalog: Catalog) -> Principal {
        if employees.isEmpty { return Principal(identity: .bootstrap, permissions: []) }
        guard let employee = employees.first(where: { $0.login == login }) ?? employees.first(where: { $0.id == login }) else {
            return Principal(identity: .stranger(login: login), permissions: [])
        }
        return of(employee, catalog: catalog)
    }

    /// The employee acting, with their role's permissions.
    static func of(_ employee: Employee, catalog: Catalog) -> Principal {
        Principal(identity: .employee(employee), permissions: Set(catalog.role(employee.role)?.permissions ?? []))
    }

    public func has(_ permission: Permission) -> Bool { permissions.contains(permission) }

    public var isAdmin: Bool { has(.appraisalAdmin) }
}
