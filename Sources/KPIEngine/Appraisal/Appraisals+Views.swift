import KPICatalog
import KPIFormula
import KPIStore

extension Appraisals {
    /// One employee's stored scorecard for the period.
    public func scorecard(of id: String, period: Period) throws -> Scorecard {
        _ = try requireVisible(id, "the scorecard", in: period)
        try requireResults(period)
        guard let card = try store.scorecards(of: period, employees: [id]).first else {
            throw AppraisalError.invalid("\(id) has no scorecard for \(period): not employed on its last day, or the role has no KPIs")
        }
        return card
    }

    /// How each line of a scorecard was scored, in the order of its lines (see `ScoringStep`),
    /// by the rules its period was scored by.
    public func steps(of card: Scorecard) throws -> [ScoringStep?] {
        steps(of: card, by: try rules(for: card.period))
    }

    /// How each line of a scorecard was scored by `rules` (the period's, from `rules(for:)`).
    public func steps(of card: Scorecard, by rules: Catalog) -> [ScoringStep?] {
        ScorecardCalculator(catalog: rules).steps(of: card)
    }

    /// How each line of one role's segment of a scorecard was scored by `rules`.
    public func steps(of segment: Scorecard.Segment, by rules: Catalog) -> [ScoringStep?] {
        ScorecardCalculator(catalog: rules).steps(of: segment)
    }

    /// The scorecards the principal may see: of a department (and its sub-departments), or else
    /// of everyone they may see.
    public func team(period: Period, department: String?) throws -> [Scorecard] {
        try store.scorecards(of: period, employees: try teamMembers(period: period, department: department))
    }

    /// Whose scorecards `team` shows, with the rights checked.
    func teamMembers(period: Period, department: String?) throws -> Set<String> {
        let me = try requireEmployee()
        try requireResults(period)
        let organisation = try self.organisation
        var visible = Set(try organisation.employees.map(\.id).filter { try canView($0) })
        if let department {
            guard let found = catalog.department(department) else {
                throw AppraisalError.usage("unknown department `\(department)`; `kpi roles tree` shows the departments")
            }
            let tree = Set(catalog.departmentTree(from: found.id))
            let members = organisation.employees.filter { organisation.department(of: $0.id).map(tree.contains) ?? false }.map(\.id)
            guard try members.allSatisfy({ try canView($0) }) else {
                throw AppraisalError.permissionDenied("the scorecards of \(found.name) need view:department over it or view:company")
            }
            visible = Set(members)
        } else if visible == [me.id] {
            throw AppraisalError.permissionDenied("a team view needs view:team, view:department or view:company; `kpi me` shows your own")
        }
        return visible
    }

    /// The measures of one employee over a scope, as `kpi measures` shows them, all read from one
    /// state of the database. A scope's measures sum other people's records: they need the right
    /// to view every one of them (the company's: appraisal:admin or view:company).
    public func measures(of id: String, period: Period, scope: MeasureScope) throws -> [(measure: MeasureReference, value: Double)] {
        _ = try requireVisible(id, "the measures")
        guard try scope == .company ? Rights.seesEveryone(principal) : owners(of: id, scope: scope).allSatisfy({ try canView($0) }) else {
            throw AppraisalError.permissionDenied(scope == .company
                ? "the company's measures need appraisal:admin or view:company"
                : "the measures of \(id)'s \(scope.rawValue) need the right to view everyone in it (view:team, view:department or view:company)")
        }
        let sheet = try store.reading { try store.measureSheet(for: period, organisation: try organisation) }
        return sheet.values(for: id, scope: scope) ?? []
    }

    public func auditLog(period: Period?) throws -> [AuditEntry] {
        try requireEveryoneInView("reading the audit log")
        return try store.auditEntries(target: period?.description)
    }

    /// The first audit entry that was changed, or follows one removed; nil when the chain holds.
    public func brokenAuditLink() throws -> (id: Int64, at: String)? {
        try requireEveryoneInView("checking the audit log")
        return try store.brokenAuditLink()
    }

    /// Refuses a principal who does not see everyone: what the audit log and the database's
    /// health tell is about everyone.
    func requireEveryoneInView(_ doing: String) throws {
        _ = try requireEmployee()
        guard Rights.seesEveryone(principal) else {
            throw AppraisalError.permissionDenied("\(doing) needs appraisal:admin or view:company")
        }
    }

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
        guard Rights.seesEveryone(principal) else {
            throw AppraisalError.permissionDenied("exporting the whole company needs appraisal:admin or view:company; export --department or --employee")
        }
        try requireResults(period)
        return ScorecardSet(store: store, period: period, employees: nil)
    }
}
