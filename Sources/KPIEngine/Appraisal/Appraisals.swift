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
    /// The organisation once read: on the first question that needs more than the acting
    /// employee, so that reading one's own scorecard does not read the whole company.
    private var readOrganisation: Organisation?
    private var keptRights: Rights?
    /// The rule sets of periods read so far, loaded once each, by hash.
    var keptRules: [String: Catalog] = [:]
    /// The hash naming the current catalog's files.
    lazy var currentRulesHash = Store.ruleSetHash(of: catalog.files.contents)

    /// - Parameter login: the operating-system login, or the employee id or login `KPI_USER` names.
    public convenience init(catalog: Catalog, store: Store, login: String) throws {
        let principal: Principal
        if let employee = try store.employee(loginOrID: login) {
            principal = .of(employee, catalog: catalog)
        } else {
            principal = try store.hasEmployees() ? Principal(identity: .stranger(login: login), permissions: []) : Principal(identity: .bootstrap, permissions: [])
        }
        self.init(catalog: catalog, store: store, principal: principal, organisation: nil)
    }

    /// With what a server reads once for many requests: the organisation, the employees by login
    /// and the hash of the catalog's files.
    public convenience init(catalog: Catalog, store: Store, login: String, organisation: Organisation,
                            people: [String: Employee]? = nil, rulesHash: String? = nil) {
        let principal: Principal
        if let people, let employee = people[login] ?? organisation.employee(login) {
            principal = .of(employee, catalog: catalog)
        } else {
            principal = Principal.resolve(login, employees: organisation.employees, catalog: catalog)
        }
        self.init(catalog: catalog, store: store, principal: principal, organisation: organisation)
        if let rulesHash { currentRulesHash = rulesHash }
    }

    private init(catalog: Catalog, store: Store, principal: Principal, organisation: Organisation?) {
        self.catalog = catalog
        self.store = store
        self.principal = principal
        readOrganisation = organisation
    }

    /// Every employee, who is below whom and each one's department: read on first use.
    public var organisation: Organisation {
        get throws {
            if let readOrganisation { return readOrganisation }
            let read = catalog.organisation(of: try store.employees())
            readOrganisation = read
            return read
        }
    }

    /// The rights questions over the organisation (`Rights`), asked once it is read.
    var rights: Rights {
        get throws {
            if let keptRights { return keptRights }
            let made = Rights(catalog: catalog, organisation: try organisation)
            keptRights = made
            return made
        }
    }

    /// The employee `id`: the acting one without reading the organisation, anyone else from it.
    public func employee(_ id: String) throws -> Employee? {
        if let me = principal.employee, me.id == id { return me }
        return try organisation.employee(id)
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
    public func canView(_ employee: String, in period: Period? = nil) throws -> Bool {
        try Rights.mayViewWithoutOrganisation(principal, employee) || rights.mayView(principal, employee, in: period)
    }

    /// The employee, if the principal may see them (in `period`, for a project's manager); a
    /// refusal that reveals nothing otherwise.
    func requireVisible(_ id: String, _ what: String, in period: Period? = nil) throws -> Employee {
        _ = try requireEmployee()
        guard try canView(id, in: period) else {
            throw AppraisalError.permissionDenied("\(what) of \(id) needs view:team, view:department or view:company over them")
        }
        guard let employee = try self.employee(id) else { throw AppraisalError.usage("unknown employee `\(id)`") }
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
