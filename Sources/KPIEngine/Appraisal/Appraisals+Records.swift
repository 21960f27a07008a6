import KPICatalog
import KPIFormula
import KPIStore

extension Appraisals {
    /// Enters a rating (`kpi rate`): the principal rates someone in their team, on a rating KPI
    /// of that employee's role, within its scale, in a period that is not closed.
    public func rate(_ id: String, kpi kpiID: String, score: Double, period: Period, comment: String?) throws {
        try attempt("rate", on: period.description, "\(id) \(kpiID) = \(score.formulaText)") {
            try rating(id, kpi: kpiID, score: score, period: period, comment: comment)
        }
    }

    /// Whether the principal may rate `id` (`rate:team` over them), as `rate` decides.
    public func canRate(_ id: String) -> Bool {
        principal.employee.map { rights.mayRate($0, id) } ?? false
    }

    /// The rated KPIs of the roles `id` holds in `period`, the last role's first: what `rate` accepts.
    public func ratedKPIs(of id: String, period: Period) -> [KPIDefinition] {
        guard let employee = organisation.employee(id) else { return [] }
        var seen: Set<String> = []
        return rolesHeld(by: employee, in: period).flatMap(\.kpis)
            .filter { $0.scoring.method == .rating && seen.insert($0.kpi).inserted }.compactMap { catalog.kpi($0.kpi) }
    }

    /// The roles `employee` holds in `period`, the last first; the role of its last day when
    /// they were not employed in it.
    private func rolesHeld(by employee: Employee, in period: Period) -> [Role] {
        let spans = employee.roleSpans(in: period)
        return (spans.isEmpty ? [employee.role(on: period.lastDay)] : spans.reversed().map(\.role)).compactMap(catalog.role)
    }

    private func rating(_ id: String, kpi kpiID: String, score: Double, period: Period, comment: String?) throws {
        let me = try requireEmployee()
        guard rights.mayRate(me, id) else {
            throw AppraisalError.permissionDenied("rating \(id) needs rate:team over them")
        }
        guard period.length == .month else { throw AppraisalError.usage("ratings are entered per month (YYYY-MM), not for \(period)") }
        // The roles held in the month, the last first: a KPI of any of them may be rated.
        let held = organisation.employee(id).map { rolesHeld(by: $0, in: period) } ?? []
        guard let role = held.first else { throw AppraisalError.usage("unknown employee `\(id)`") }
        guard let kpi = catalog.kpi(kpiID), let assignment = held.lazy.compactMap({ $0.kpis.first { $0.kpi == kpi.id } }).first else {
            let rated = role.kpis.filter { $0.scoring.method == .rating }.map(\.kpi)
            throw AppraisalError.usage("\(role.name) carries no KPI `\(kpiID)`; its rated KPIs are \(rated.joined(separator: ", "))")
        }
        guard case .rating(let rule) = assignment.scoring else {
            throw AppraisalError.usage("`\(kpi.id)` is computed from records (method \(kpi.scoring.method.rawValue)), not rated")
        }
        guard rule.accepts(score) else {
            throw AppraisalError.usage("the score for \(kpi.id) must be \(rule.lowest.formulaText) to \(rule.scale.formulaText), found \(score.formulaText)")
        }
        try store.transaction {
            try requireWritable(period)
            let replaced = try store.rate(period: period, employee: id, kpi: kpi.id, score: score, rater: me.id, comment: comment)
            try store.audit(actor: principal.auditName, action: "rate", target: period.description,
                            summary: "\(id) \(kpi.id) = \(score.formulaText)" + (replaced.map { ", was \($0.formulaText)" } ?? "")
                                + (comment.map { " (\($0))" } ?? ""))
        }
    }

    /// How an import reads and reports: a dry run writes nothing; strict refuses unknown
    /// columns; problems are told in Chinese or English.
    public struct ImportOptions: Sendable {
        public var dryRun = false
        public var strict = false
        public var chinese = false
        public var progress: (@Sendable (Int) -> Void)?

        public init(dryRun: Bool = false, strict: Bool = false, chinese: Bool = false, progress: (@Sendable (Int) -> Void)? = nil) {
            self.dryRun = dryRun
            self.strict = strict
            self.chinese = chinese
            self.progress = progress
        }
    }

    /// Imports a file (`kpi import`) with the principal's import rights and the closed periods checked.
    public func importRecords(_ kind: ImportKind, from source: ImportSource, _ options: ImportOptions) throws -> ImportSummary {
        try attempt("import", on: kind.id, source.path) {
            try requireImportRight(kind)
            return try store.importRecords(kind, from: source, actor: principal.auditName, dryRun: options.dryRun, strict: options.strict,
                                           context: importContext(kind, options))
        }
    }

    /// Imports every sheet of a monthly workbook (`kpi import --workbook`) that names a kind, in
    /// one transaction; each kind needs its import right.
    public func importWorkbook(_ path: String, _ options: ImportOptions) throws -> [ImportSummary] {
        try attempt("import", on: "workbook", path) {
            for sheet in try store.sheets(ofWorkbook: path, chinese: options.chinese) {
                if let kind = sheet.kind { try requireImportRight(kind) }
            }
            return try store.importWorkbook(path, actor: principal.auditName, dryRun: options.dryRun, strict: options.strict) { kind in
                importContext(kind, options)
            }
        }
    }

    /// The sheets of a workbook and the kind each stands for.
    public func sheets(ofWorkbook path: String, chinese: Bool) throws -> [WorkbookSheet] {
        try store.sheets(ofWorkbook: path, chinese: chinese)
    }

    func requireImportRight(_ kind: ImportKind) throws {
        switch principal.identity {
        case .bootstrap:
            guard kind == .employees else {
                throw AppraisalError.permissionDenied(
                    "the database holds no employee yet: import the employees first (kpi import employees FILE), then the rest as someone holding the right")
            }
        case .stranger, .employee:
            _ = try requireEmployee()
            guard Rights.mayImport(kind, with: principal.permissions) else {
                throw AppraisalError.permissionDenied("importing \(kind.id) needs \(Rights.neededToImport(kind))")
            }
        }
    }

    private func importContext(_ kind: ImportKind, _ options: ImportOptions) -> ImportContext {
        var context = catalog.importContext(chinese: options.chinese, progress: options.progress)
        if kind == .employees || kind == .roleChanges, principal.identity != .bootstrap {
            context.checkRoleGrant = { [rights, principal] employee, role in rights.refusalToGrant(role, to: employee, by: principal) }
        }
        if kind == .ratings {
            context.checkRater = { [organisation, rights] employee, rater in
                let raterID = rater ?? organisation.employee(employee)?.manager
                let chinese = options.chinese
                guard let raterID, let person = organisation.employee(raterID) else {
                    return chinese ? "该员工没有直接上级来评分；请写评分人" : "the employee has no manager to rate them; name a rater"
                }
                guard rights.mayRate(person, employee) else {
                    return chinese ? "\(raterID) 无权给 \(employee) 评分（需要对其有 rate:team）" : "\(raterID) has no right to rate \(employee) (rate:team over them)"
                }
                return nil
            }
        }
        return context
    }
}
