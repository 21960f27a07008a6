import KPICatalog
import KPIFormula
import KPIStore

/// The appraisal system as one principal uses it: every entry point checks that principal's
/// rights next to the data (through `Rights`), and every write is audited with who did it.
/// Split by concern: `+Periods` (the lifecycle), `+Rules` (the rules each period was scored by),
/// `+Views` (what one may read), `+Records` (imports), `Explanation` (how a score was reached),
/// and in `Conversation/` the appraisal as a conversation: `+Ratings`, `+Recompute`, `+Chase`.
public final class Appraisals {
    public let catalog: Catalog
    let store: Store
    public let principal: Principal
    public let organisation: Organisation
    let rights: Rights
    /// The rule sets of periods read so far, loaded once each, by hash.
    var keptRules: [String: Catalog] = [:]
    /// The hash naming the current catalog's files.
    lazy var currentRulesHash = Store.ruleSetHash(of: catalog.files.contents)

    /// - Parameter login: the operating-system login, or the employee id or login `KPI_USER` names.
    public convenience init(catalog: Catalog, store: Store, login: String) throws {
        self.init(catalog: catalog, store: store, login: login, organisation: catalog.organisation(of: try store.employees()))
    }

    /// With what a server reads once for many requests: the organisation, the employees by login
    /// and the hash of the catalog's files.
    public init(catalog: Catalog, store: Store, login: String, organisation: Organisation,
                people: [String: Employee]? = nil, rulesHash: String? = nil) {
        self.catalog = catalog
        self.store = store
        self.organisation = organisation
        if let people, let employee = people[login] ?? organisation.employee(login) {
            principal = Principal.of(employee, catalog: catalog)
        } else {
            principal = Principal.resolve(login, employees: organisation.employees, catalog: catalog)
        }
        rights = Rights(catalog: catalog, organisation: organisation)
        if let rulesHash { currentRulesHash = rulesHash }
    }

    /// The acting employee; a refusal for a login that is nobody's, or an empty database.
    public func requireEmployee() throws -> Employee {
        switch principal.identity {
        case .employee(let employee): return employee
        case .stranger(let login):
            throw AppraisalError.permissionDenied("the login `\(login)` is no employee of this database; set KPI_USER to your employee id or login")
        case .bootstrap:
            throw AppraisalError.permissionDenied("the database holds no employee yet; import the employees first (kpi import employees FILE)")
        }
    }

    func requireAdmin(_ doing: String) throws {
        _ = try requireEmployee()
        guard principal.isAdmin else { throw AppraisalError.permissionDenied("\(doing) needs appraisal:admin") }
    }

    /// Whether the principal may see `employee`'s scorecards and measures.
    public func canView(_ employee: String, in period: Period? = nil) -> Bool {
        rights.mayView(principal, employee, in: period)
    }

    /// The employee, if the principal may see them (in `period`, for a project's manager); a
    /// refusal that reveals nothing otherwise.
    func requireVisible(_ id: String, _ what: String, in period: Period? = nil) throws -> Employee {
        _ = try requireEmployee()
        guard canView(id, in: period) else {
            throw AppraisalError.permissionDenied("\(what) of \(id) needs view:team, view:department or view:company over them")
        }
        guard let employee = organisation.employee(id) else { throw AppraisalError.usage("unknown employee `\(id)`") }
        return employee
    }

    /// Refuses a period that has never been run.
    func requireResults(_ period: Period) throws {
        guard try store.appraisalPeriod(period)?.runs ?? 0 > 0 else {
            throw AppraisalError.invalid("\(period) has no results yet; an HR admin runs them with kpi appraisal run \(period)")
        }
    }

    /// Runs a write on behalf of the principal. A refusal — a right they lack, a closed period —
    /// is appended to the audit log, with who tried what, before it is thrown: attempts leave a
    /// trace as writes do.
    func attempt<T>(_ action: String, on target: String, _ what: String, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as AppraisalError {
            switch error {
            case .permissionDenied, .periodClosed: logRefusal(action, on: target, what, error.localizedDescription)
            case .invalid, .usage: break
            }
            throw error
        } catch let error as ImportError where error.closedPeriod {
            logRefusal(action, on: target, what, "rows dated in a closed period")
            throw error
        }
    }

    private func logRefusal(_ action: String, on target: String, _ what: String, _ reason: String) {
        try? store.transaction {
            try store.audit(actor: principal.auditName, action: "refused", target: target, summary: "\(action) \(what): \(reason)")
        }
    }

    /// Refuses a write into a period any of whose months is closed.
    func requireWritable(_ period: Period) throws {
        let closed = try store.closedPeriods()
        if let refusal = period.months.lazy.compactMap({ closed.refusal(for: $0) }).first {
            throw AppraisalError.periodClosed(refusal)
        }
    }
}
