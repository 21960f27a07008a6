import KPICatalog
import KPIFormula
import KPIStore

extension Appraisals {
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
            var summary = try store.importRecords(kind, from: source, actor: principal.auditName, dryRun: options.dryRun, strict: options.strict,
                                                  context: importContext(kind, options))
            guard !options.dryRun else { return summary }
            if kind == .ratings {
                try recomputeRated()
            } else {
                summary.notes += try runAgain(summary.months, chinese: options.chinese)
            }
            return summary
        }
    }

    /// After records were imported into open months already run: each of them run again at
    /// once, so that no scorecard is stale (a rating computes only its own card; records feed
    /// measures, team and department roll-ups, so the whole month). Returns a note for each.
    private func runAgain(_ months: [Period], chinese: Bool) throws -> [String] {
        var notes: [String] = []
        for month in months {
            guard let state = try store.appraisalPeriod(month), state.status == .open, state.runs > 0 else { continue }
            let cards = try running(month, force: true, asImporter: true)
            notes.append(chinese ? "\(month) 已开启并计算过，已按新记录重新计算: \(cards.count) 份考核表"
                                 : "\(month) was open and run: computed again with the new records, \(cards.count) scorecards")
        }
        return notes
    }

    /// After ratings were imported: every rated scorecard of each open month that has been run,
    /// computed again at once, as a rating entered one by one is.
    private func recomputeRated() throws {
        try store.transaction {
            for state in try store.appraisalPeriods() where state.status == .open && state.runs > 0 && state.period.length == .month {
                let done = try recompute(Set(try store.ratings(for: state.period).keys), in: state.period)
                guard !done.isEmpty else { continue }
                let moved = done.filter { $0.before.total != $0.after.total || $0.before.grade != $0.after.grade }.count
                try store.audit(actor: principal.auditName, action: "recompute", target: state.period.description,
                                summary: "\(done.count) rated scorecards computed again after a ratings import, \(moved) changed")
            }
        }
    }

    /// Imports every sheet of a monthly workbook (`kpi import --workbook`) that names a kind, in
    /// one transaction; each kind needs its import right.
    public func importWorkbook(_ path: String, _ options: ImportOptions) throws -> [ImportSummary] {
        try attempt("import", on: "workbook", path) {
            for sheet in try store.sheets(ofWorkbook: path, chinese: options.chinese) {
                if let kind = sheet.kind { try requireImportRight(kind) }
            }
            let summaries = try store.importWorkbook(path, actor: principal.auditName, dryRun: options.dryRun, strict: options.strict) { kind in
                try importContext(kind, options)
            }
            guard !options.dryRun else { return summaries }
            if summaries.contains(where: { $0.kind == .ratings }) { try recomputeRated() }
            let months = Set(summaries.filter { $0.kind != .ratings }.flatMap(\.months)).sorted()
            let notes = try runAgain(months, chinese: options.chinese)
            guard !notes.isEmpty, var last = summaries.last else { return summaries }
            last.notes += notes
            return summaries.dropLast() + [last]
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
            // Anyone may import their own ratings (a filled rating form); each row is checked as `kpi rate` checks it.
            guard kind == .ratings || Rights.mayImport(kind, with: principal.permissions) else {
                throw AppraisalError.permissionDenied("importing \(kind.id) needs \(Rights.neededToImport(kind))")
            }
        }
    }

    private func importContext(_ kind: ImportKind, _ options: ImportOptions) throws -> ImportContext {
        var context = catalog.importContext(chinese: options.chinese, progress: options.progress)
        if kind == .employees || kind == .roleChanges, principal.identity != .bootstrap {
            let rights = try self.rights
            context.checkRoleGrant = { [principal] employee, role in rights.refusalToGrant(role, to: employee, by: principal) }
        }
        if kind == .ratings {
            // Without the right to import ratings, one imports one's own alone: a blank rater is oneself.
            let own = Rights.mayImport(.ratings, with: principal.permissions) ? nil : principal.employee?.id
            let rights = try self.rights, organisation = try self.organisation
            context.checkRater = { [catalog] employee, rater, kpiID, month, relation in
                let say = { (zh: String, en: String) in RaterCheck.refused(options.chinese ? zh : en) }
                if let own, (rater ?? own) != own {
                    return say("只能导入本人给出的评分；导入他人的评分需要 appraisal:admin 或 import:all",
                               "you may import your own ratings only; importing others' needs appraisal:admin or import:all")
                }
                guard let raterID = rater ?? own ?? organisation.employee(employee)?.manager, let person = organisation.employee(raterID) else {
                    return say("该员工没有直接上级来评分；请写评分人", "the employee has no manager to rate them; name a rater")
                }
                // The KPI as the employee's role carries it, whose raters may differ from the definition's.
                let assignment = organisation.employee(employee).flatMap { catalog.role($0.role) }?.kpis.first { $0.kpi == kpiID }
                guard case .rating(let rule) = assignment?.scoring ?? catalog.kpi(kpiID)?.scoring else {
                    return say("\(kpiID) 不是评分项", "\(kpiID) is not rated")
                }
                let holding = rights.relations(of: person, to: employee, on: rule, in: month.flatMap(Period.init))
                    .filter { relation != nil || $0 != .oneself }
                let named = rule.raters.map(\.relation.rawValue).joined(separator: ", ")
                if let relation {
                    guard let asked = ScoringRule.Relation(rawValue: relation), rule.weight(of: asked) != nil else {
                        return say("\(kpiID) 的评分关系是 \(named)，没有「\(relation)」", "\(kpiID) is rated by \(named), not `\(relation)`")
                    }
                    guard holding.contains(asked) else {
                        return say("\(raterID) 不是 \(employee) 的 \(asked.nameZh)", "\(raterID) is not \(employee)'s \(asked.rawValue)")
                    }
                    return .rates(rater: raterID, relation: relation)
                }
                guard let first = holding.first else {
                    return say("\(raterID) 无权给 \(employee) 的 \(kpiID) 评分（评分关系: \(named)）",
                               "\(raterID) has no right to rate \(employee) on \(kpiID) (its raters: \(named))")
                }
                return .rates(rater: raterID, relation: first.rawValue)
            }
        }
        return context
    }
}
