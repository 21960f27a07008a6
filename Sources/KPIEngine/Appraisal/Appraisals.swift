import KPICatalog
import KPIFormula
import KPIStore

/// The appraisal system as one actor uses it: every entry point checks that actor's rights
/// next to the data, and every write is audited (SPEC §7).
public final class Appraisals {
    public let catalog: Catalog
    public let store: Store
    public let actor: Actor
    public let organisation: Organisation

    /// - Parameter login: the operating-system login, or the employee id or login `KPI_USER` names.
    public init(catalog: Catalog, store: Store, login: String) throws {
        self.catalog = catalog
        self.store = store
        let employees = try store.employees()
        organisation = catalog.organisation(of: employees)
        actor = Actor.resolve(login, employees: employees, catalog: catalog)
    }

    var actorName: String {
        switch actor.identity {
        case .bootstrap: return "bootstrap"
        case .employee(let employee): return employee.id
        case .stranger(let login): return login
        }
    }

    // MARK: - Rights

    /// The acting employee; a refusal for a login that is nobody's, or an empty database.
    public func requireEmployee() throws -> Employee {
        switch actor.identity {
        case .employee(let employee): return employee
        case .stranger(let login):
            throw AppraisalError.permissionDenied("the login `\(login)` is no employee of this database; set KPI_USER to your employee id or login")
        case .bootstrap:
            throw AppraisalError.permissionDenied("the database holds no employee yet; import the employees first (kpi import employees FILE)")
        }
    }

    func requireAdmin(_ doing: String) throws {
        _ = try requireEmployee()
        guard actor.isAdmin else { throw AppraisalError.permissionDenied("\(doing) needs appraisal:admin") }
    }

    /// Whether the actor may see `employee`'s scorecards and measures.
    public func canView(_ employee: String) -> Bool {
        guard let me = actor.employee else { return false }
        if me.id == employee || actor.isAdmin || actor.has(.viewCompany) { return true }
        if actor.has(.viewTeam), organisation.isBelow(employee, me.id) { return true }
        if actor.has(.viewDepartment), let mine = organisation.department(of: me.id), let theirs = organisation.department(of: employee),
           organisation.isDepartment(theirs, within: mine) { return true }
        return false
    }

    /// Whether the actor sees everyone, so that telling an unknown employee apart reveals nothing.
    var seesEveryone: Bool { actor.isAdmin || actor.has(.viewCompany) }

    /// The employee, if the actor may see them; a refusal that reveals nothing otherwise.
    func requireVisible(_ id: String, _ what: String) throws -> Employee {
        _ = try requireEmployee()
        guard canView(id) else {
            throw AppraisalError.permissionDenied("\(what) of \(id) needs view:team, view:department or view:company over them")
        }
        guard let employee = organisation.employee(id) else { throw AppraisalError.usage("unknown employee `\(id)`") }
        return employee
    }

    /// Whether `rater` may rate `employee`: `rate:team` over someone below them.
    func mayRate(_ rater: Employee, _ employee: String) -> Bool {
        guard let role = catalog.role(rater.role), role.permissions.contains(.rateTeam) else { return false }
        return organisation.isBelow(employee, rater.id)
    }

    // MARK: - Lifecycle

    public func status(_ period: Period?) throws -> [AppraisalPeriod] {
        _ = try requireEmployee()
        if let period { return try store.appraisalPeriod(period).map { [$0] } ?? [] }
        return try store.appraisalPeriods()
    }

    public func open(_ period: Period) throws {
        try requireAdmin("opening a period")
        if let existing = try store.appraisalPeriod(period) {
            throw AppraisalError.invalid("\(period) is already \(existing.status.rawValue)")
        }
        try store.database.transaction {
            try store.openPeriod(period)
            try store.audit(actor: actorName, action: "open", target: period.description, summary: "opened \(period)")
        }
    }

    /// Computes every active employee's scorecard and replaces the period's results, in one transaction.
    @discardableResult
    public func run(_ period: Period) throws -> [Scorecard] {
        try requireAdmin("running the appraisal")
        guard let state = try store.appraisalPeriod(period) else {
            throw AppraisalError.invalid("\(period) is not open; open it first: kpi appraisal open \(period)")
        }
        guard state.status == .open else {
            throw AppraisalError.periodClosed("\(period) is closed; reopen it first: kpi appraisal reopen \(period)")
        }
        let calculator = ScorecardCalculator(catalog: catalog)
        let sheet = try store.measureSheet(for: period, organisation: organisation, catalogue: catalog.measures)
        let previous = calculator.needsPreviousPeriod
            ? try store.measureSheet(for: period.previous, organisation: organisation, catalogue: catalog.measures) : nil
        let cards = calculator.scorecards(period: period, organisation: organisation, sheet: sheet, previous: previous,
                                          ratings: try store.ratings(for: period))
        try store.database.transaction {
            try store.replaceResults(of: period, with: cards)
            let graded = cards.filter { $0.grade != nil }.count
            try store.audit(actor: actorName, action: "run", target: period.description,
                            summary: "\(cards.count) scorecards, \(graded) graded")
        }
        return cards
    }

    public func close(_ period: Period) throws {
        try requireAdmin("closing a period")
        guard let state = try store.appraisalPeriod(period), state.runs > 0 else {
            throw AppraisalError.invalid("\(period) has no results to freeze; run it first: kpi appraisal run \(period)")
        }
        guard state.status == .open else { throw AppraisalError.periodClosed("\(period) is already closed") }
        try store.database.transaction {
            try store.setStatus(period, .closed)
            try store.audit(actor: actorName, action: "close", target: period.description, summary: "closed \(period): results frozen")
        }
    }

    public func reopen(_ period: Period, reason: String?) throws {
        try requireAdmin("reopening a period")
        guard let state = try store.appraisalPeriod(period), state.status == .closed else {
            throw AppraisalError.invalid("\(period) is not closed")
        }
        try store.database.transaction {
            try store.setStatus(period, .open)
            try store.audit(actor: actorName, action: "reopen", target: period.description,
                            summary: "reopened \(period)" + (reason.map { ": \($0)" } ?? ""))
        }
    }

    func requireWritable(_ period: Period) throws {
        let closed = try store.closedMonths()
        if let month = period.months.first(where: { closed.contains($0.description) }) {
            throw AppraisalError.periodClosed("\(month) is closed; an admin must reopen it first: kpi appraisal reopen \(month)")
        }
    }

    // MARK: - Views

    /// One employee's stored scorecard for the period.
    public func scorecard(of id: String, period: Period) throws -> Scorecard {
        _ = try requireVisible(id, "the scorecard")
        guard try store.appraisalPeriod(period)?.runs ?? 0 > 0 else {
            throw AppraisalError.invalid("\(period) has no results yet; an HR admin runs them with kpi appraisal run \(period)")
        }
        guard let card = try store.scorecards(of: period, employees: [id]).first else {
            throw AppraisalError.invalid("\(id) has no scorecard for \(period): not employed on its last day, or the role has no KPIs")
        }
        return card
    }

    /// The latest period with results, for `kpi me` without `--period`.
    public func latestPeriodWithResults() throws -> Period? {
        try store.appraisalPeriods().first { $0.runs > 0 }?.period
    }

    /// The scorecards the actor may see: of a department (and its sub-departments), or else of
    /// everyone they may see.
    public func team(period: Period, department: String?) throws -> [Scorecard] {
        try store.scorecards(of: period, employees: try teamMembers(period: period, department: department))
    }

    /// Whose scorecards `team` shows, with the rights checked.
    func teamMembers(period: Period, department: String?) throws -> Set<String> {
        let me = try requireEmployee()
        guard try store.appraisalPeriod(period)?.runs ?? 0 > 0 else {
            throw AppraisalError.invalid("\(period) has no results yet; an HR admin runs them with kpi appraisal run \(period)")
        }
        var visible = Set(organisation.employees.map(\.id).filter(canView))
        if let department {
            guard let found = catalog.department(department) else {
                throw AppraisalError.usage("unknown department `\(department)`; `kpi roles tree` shows the departments")
            }
            let tree = Set(catalog.departmentTree(from: found.id))
            let members = organisation.employees.filter { organisation.department(of: $0.id).map(tree.contains) ?? false }.map(\.id)
            guard members.allSatisfy(canView) else {
                throw AppraisalError.permissionDenied("the scorecards of \(found.name) need view:department over it or view:company")
            }
            visible = Set(members)
        } else if visible == [me.id] {
            throw AppraisalError.permissionDenied("a team view needs view:team, view:department or view:company; `kpi me` shows your own")
        }
        return visible
    }

    /// The measures of one employee, as `kpi measures` shows them.
    public func measures(of id: String, period: Period, scope: MeasureScope) throws -> [(measure: MeasureReference, value: Double)] {
        _ = try requireVisible(id, "the measures")
        let sheet = try store.measureSheet(for: period, organisation: organisation, catalogue: catalog.measures)
        return sheet.values(for: id, scope: scope) ?? []
    }

    public func auditLog(period: Period?) throws -> [AuditEntry] {
        _ = try requireEmployee()
        guard actor.isAdmin || actor.has(.viewCompany) else {
            throw AppraisalError.permissionDenied("reading the audit log needs appraisal:admin or view:company")
        }
        return try store.auditEntries(target: period?.description)
    }

    // MARK: - Writes

    /// Enters a rating (`kpi rate`): the actor rates someone in their team, on a rating KPI of
    /// that employee's role, within its scale, in a period that is not closed.
    public func rate(_ id: String, kpi kpiID: String, score: Double, period: Period, comment: String?) throws {
        let me = try requireEmployee()
        guard mayRate(me, id) else {
            throw AppraisalError.permissionDenied("rating \(id) needs rate:team over them")
        }
        guard period.length == .month else { throw AppraisalError.usage("ratings are entered per month (YYYY-MM), not for \(period)") }
        guard let employee = organisation.employee(id), let role = catalog.role(employee.role) else {
            throw AppraisalError.usage("unknown employee `\(id)`")
        }
        guard let kpi = catalog.kpi(kpiID), let assignment = role.kpis.first(where: { $0.kpi == kpi.id }) else {
            let rated = role.kpis.filter { if case .rating = $0.scoring { return true } else { return false } }.map(\.kpi)
            throw AppraisalError.usage("\(role.name) carries no KPI `\(kpiID)`; its rated KPIs are \(rated.joined(separator: ", "))")
        }
        guard case .rating(let rule) = assignment.scoring else {
            throw AppraisalError.usage("`\(kpi.id)` is computed from records (method \(kpi.scoring.method.rawValue)), not rated")
        }
        guard rule.accepts(score) else {
            throw AppraisalError.usage("the score for \(kpi.id) must be \(rule.lowest.formulaText) to \(rule.scale.formulaText), found \(score.formulaText)")
        }
        try requireWritable(period)
        try store.database.transaction {
            try store.rate(period: period, employee: id, kpi: kpi.id, score: score, rater: me.id, comment: comment)
            try store.audit(actor: actorName, action: "rate", target: period.description,
                            summary: "\(id) \(kpi.id) = \(score.formulaText)" + (comment.map { " (\($0))" } ?? ""))
        }
    }

    /// Imports a file (`kpi import`) with the actor's import rights and the closed periods checked.
    public func importCSV(_ kind: ImportKind, file: String, dryRun: Bool, progress: ((Int) -> Void)?) throws -> ImportSummary {
        switch actor.identity {
        case .bootstrap:
            guard kind == .employees else {
                throw AppraisalError.permissionDenied("the database holds no employee yet: import the employees first")
            }
        case .stranger, .employee:
            _ = try requireEmployee()
            guard ImportRights.allowed(kind, by: actor.permissions) else {
                throw AppraisalError.permissionDenied("importing \(kind.rawValue) needs \(ImportRights.needed(for: kind))")
            }
        }
        var context = catalog.importContext(progress: progress)
        context.closedMonths = try store.closedMonths()
        if kind == .ratings {
            context.checkRater = { [organisation, catalog] employee, rater in
                let raterID = rater ?? organisation.employee(employee)?.manager
                guard let raterID, let person = organisation.employee(raterID) else { return "the employee has no manager to rate them; name a rater" }
                let permissions = catalog.role(person.role)?.permissions ?? []
                guard permissions.contains(.rateTeam), organisation.isBelow(employee, raterID) else {
                    return "\(raterID) has no right to rate \(employee) (rate:team over them)"
                }
                return nil
            }
        }
        return try store.importCSV(kind, file: file, actor: actorName, dryRun: dryRun, context: context)
    }
}

extension Appraisals {
    /// The scorecards an export may hold (`kpi export`): one employee's (theirs, or someone
    /// they may view), a department's (with view rights over all of it), or the company's
    /// (appraisal:admin or view:company).
    public func scorecardsForExport(period: Period, department: String?, employee: String?) throws -> ScorecardSet {
        if let employee {
            _ = try scorecard(of: employee, period: period)
            return ScorecardSet(store: store, period: period, employees: [employee])
        }
        if let department {
            return ScorecardSet(store: store, period: period, employees: try teamMembers(period: period, department: department))
        }
        _ = try requireEmployee()
        guard seesEveryone else {
            throw AppraisalError.permissionDenied("exporting the whole company needs appraisal:admin or view:company; export --department or --employee")
        }
        guard try store.appraisalPeriod(period)?.runs ?? 0 > 0 else {
            throw AppraisalError.invalid("\(period) has no results yet; an HR admin runs them with kpi appraisal run \(period)")
        }
        return ScorecardSet(store: store, period: period, employees: nil)
    }
}

/// Stored scorecards the actor may read, read one at a time in employee order without their
/// measure values (for exports, whose size should not weigh on memory).
public struct ScorecardSet {
    let store: Store
    public let period: Period
    /// Whose scorecards; nil for everyone's.
    let employees: Set<String>?

    /// Each scorecard with its lines, without the measure values behind them, read a batch
    /// ahead of `body` on a thread of its own.
    public func forEach(_ body: (Scorecard) throws -> Void) throws {
        try store.forEachScorecardReadingAhead(of: period, employees: employees, body)
    }

    /// Each scorecard's department, total and grade, its lines not read.
    public func results() throws -> [DepartmentSummary.Result] {
        var results: [DepartmentSummary.Result] = []
        try store.forEachScorecard(of: period, employees: employees, lines: false, measures: false) { results.append(DepartmentSummary.Result($0)) }
        return results
    }
}
