import KPICatalog
import KPIStore

extension Appraisals {
    /// Every period, or one, with its status and runs.
    public func status(_ period: Period?) throws -> [AppraisalPeriod] {
        _ = try requireEmployee()
        if let period { return try store.appraisalPeriod(period).map { [$0] } ?? [] }
        return try store.appraisalPeriods()
    }

    /// The period's lifecycle status, or nil when it was never opened.
    public func periodStatus(_ period: Period) throws -> AppraisalPeriod.Status? {
        try store.appraisalPeriod(period)?.status
    }

    /// The latest period with results, for `kpi me` and `kpi team` without `--period`.
    public func latestPeriodWithResults() throws -> Period? {
        try store.appraisalPeriods().first { $0.runs > 0 }?.period
    }

    public func open(_ period: Period) throws {
        try attempt("open", on: period.description, period.description) { try opening(period) }
    }

    private func opening(_ period: Period) throws {
        try requireAdmin("opening a period")
        try store.transaction {
            if let existing = try store.appraisalPeriod(period) {
                throw AppraisalError.invalid("\(period) is already \(existing.status.rawValue)")
            }
            try store.openPeriod(period)
            try store.audit(actor: principal.auditName, action: "open", target: period.description, summary: "opened \(period)")
        }
    }

    /// The employees active on the period's last day who held, some day of it, a role the catalog
    /// no longer has, with that role: a run cannot score them.
    public func employeesWithoutRole(in period: Period) throws -> [(employee: Employee, role: String)] {
        try organisation.employees.compactMap { employee in
            guard employee.isActive(on: period.lastDay),
                  let missing = employee.roleSpans(in: period).first(where: { catalog.role($0.role) == nil }) else { return nil }
            return (employee, missing.role)
        }
    }

    /// Computes every active employee's scorecard and replaces the period's results, in one
    /// write transaction: every read sees one state of the database (the measure families are
    /// read on two connections, both inside the snapshot the write lock holds still), and nobody
    /// can commit between what the run read and what it writes.
    ///
    /// Employees whose role the catalog no longer has stop the run, named, unless `force` leaves
    /// them out (and the audit says whom).
    @discardableResult
    public func run(_ period: Period, force: Bool = false) throws -> [Scorecard] {
        try attempt("run", on: period.description, period.description) { try running(period, force: force) }
    }

    /// The run; `asImporter` for a month run again after someone's import of its records, which
    /// needs no `appraisal:admin` of them (the audit says whose import it followed).
    func running(_ period: Period, force: Bool, asImporter: Bool = false) throws -> [Scorecard] {
        if !asImporter { try requireAdmin("running the appraisal") }
        let roleless = try employeesWithoutRole(in: period)
        if !roleless.isEmpty, !force {
            let named = roleless.prefix(20).map { "\($0.employee.id) \($0.employee.name) (\($0.role))" }.joined(separator: ", ")
            throw AppraisalError.invalid("\(roleless.count) employee\(roleless.count == 1 ? " holds a role" : "s hold roles") the catalog no longer has: "
                + named + (roleless.count > 20 ? ", …" : "")
                + "; put the role back in the catalog, give them a role with kpi import employees, or leave them out with --force")
        }
        return try store.transaction {
            guard let state = try store.appraisalPeriod(period) else {
                throw AppraisalError.invalid("\(period) is not open; open it first: kpi appraisal open \(period)")
            }
            guard state.status == .open else {
                throw AppraisalError.periodClosed("\(period) is closed; reopen it first: kpi appraisal reopen \(period)")
            }
            // Nothing is written over damage: SQLite's quick check of the results' tables runs
            // beside the computation, and every page of records it reads is checked as it is read.
            let organisation = try self.organisation
            let cards = try store.whileCheckingWhole(tables: Store.tablesARunWrites) {
                let calculator = ScorecardCalculator(catalog: catalog)
                let sheet = try store.measureSheet(for: period, organisation: organisation)
                let looksBack = calculator.previousFamilies
                let previous = looksBack.isEmpty ? nil
                    : try store.measureSheet(for: period.previous, organisation: organisation, families: looksBack)
                return calibrated(calculator.scorecards(period: period, organisation: organisation, sheet: sheet, previous: previous,
                                                        ratings: try store.ratings(for: period)),
                                  by: try store.calibrations(of: period), grading: catalog.grading)
            }
            let changes = try ruleChanges(since: period)
            try store.replaceResults(of: period, with: cards)
            try keepRules(for: period, changes: changes)
            let graded = cards.filter { $0.grade != nil }.count
            let leftOut = roleless.isEmpty ? "" : "; left out, their role no longer in the catalog: " + roleless.map(\.employee.id).joined(separator: ", ")
            try store.audit(actor: principal.auditName, action: "run", target: period.description,
                            summary: "\(cards.count) scorecards, \(graded) graded" + leftOut + (asImporter ? ", after an import of its records" : ""))
            return cards
        }
    }

    /// Freezes a period's results. A month with ratings still missing, objections open or
    /// scorecards unconfirmed before their deadline (the chase list) is refused, each named,
    /// unless `force` closes it anyway with a `reason` for the audit.
    public func close(_ period: Period, force: Bool = false, reason: String? = nil) throws {
        try attempt("close", on: period.description, period.description) { try closing(period, force: force, reason: reason) }
    }

    private func closing(_ period: Period, force: Bool, reason: String?) throws {
        try requireAdmin("closing a period")
        if force, (reason ?? "").trimmingCharacters(in: .whitespaces).isEmpty {
            throw AppraisalError.usage("closing with --force needs --reason TEXT, for the audit log")
        }
        try store.transaction {
            guard let state = try store.appraisalPeriod(period), state.runs > 0 else {
                throw AppraisalError.invalid("\(period) has no results to freeze; run it first: kpi appraisal run \(period)")
            }
            guard state.status == .open else { throw AppraisalError.periodClosed("\(period) is already closed") }
            let chase = period.length == .month ? try chase(period) { _ in true } : nil
            var open: [String] = []
            if let chase {
                if !chase.missing.isEmpty {
                    open.append("\(chase.missing.count) rating\(chase.missing.count == 1 ? "" : "s") not given: " + chase.missing.prefix(10).map { item in
                        "\(item.rater ?? "HR")" + (item.relation == .manager ? "" : " as \(item.relation.rawValue)") + " → \(item.employee) \(item.kpi)"
                    }.joined(separator: ", ") + (chase.missing.count > 10 ? ", …" : ""))
                }
                if !chase.objections.isEmpty {
                    open.append("\(chase.objections.count) objection\(chase.objections.count == 1 ? "" : "s") open: "
                        + chase.objections.prefix(10).map { "#\($0.id) \($0.employee) \($0.kpi)" }.joined(separator: ", ")
                        + (chase.objections.count > 10 ? ", …" : ""))
                }
                if !chase.unconfirmed.isEmpty {
                    open.append("\(chase.unconfirmed.count) scorecard\(chase.unconfirmed.count == 1 ? "" : "s") not confirmed"
                        + (chase.deadline.map { " before the deadline \($0.iso)" } ?? "") + ": " + chase.unconfirmed.prefix(10).joined(separator: ", ")
                        + (chase.unconfirmed.count > 10 ? ", …" : ""))
                }
            }
            if !open.isEmpty, !force {
                throw AppraisalError.invalid("\(period) has " + open.joined(separator: "; ")
                    + "; kpi appraisal status \(period) lists them all; close anyway with --force --reason TEXT")
            }
            try store.requireWhole()
            try store.setStatus(period, .closed)
            let forced = open.isEmpty ? "" : " with " + open.map { String($0.prefix { $0 != ":" }) }.joined(separator: ", ") + ", forced: \(reason ?? "")"
            try store.audit(actor: principal.auditName, action: "close", target: period.description,
                            summary: "closed \(period): results frozen" + forced)
        }
    }

    public func reopen(_ period: Period, reason: String?) throws {
        try attempt("reopen", on: period.description, period.description) { try reopening(period, reason: reason) }
    }

    private func reopening(_ period: Period, reason: String?) throws {
        try requireAdmin("reopening a period")
        try store.transaction {
            guard let state = try store.appraisalPeriod(period), state.status == .closed else {
                throw AppraisalError.invalid("\(period) is not closed")
            }
            try store.setStatus(period, .open)
            try store.audit(actor: principal.auditName, action: "reopen", target: period.description,
                            summary: "reopened \(period)" + (reason.map { ": \($0)" } ?? ""))
        }
    }
}
