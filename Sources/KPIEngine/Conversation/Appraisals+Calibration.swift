import KPICatalog
import KPIStore

/// A grade calibrated by hand, and what it changed.
public struct CalibrationOutcome: Sendable {
    public let employee: String
    public let from: String?
    public let grade: String
    /// Whether it went beyond the forced distribution's quota, allowed by `--force`.
    public let beyondQuota: Bool
    public let bonusDropped: Bool
}

extension Appraisals {
    /// Calibrates (校准) a scorecard's grade by hand with a reason: HR, or a head whose role has
    /// `calibrate:department` over their department and those below it. The forced distribution's
    /// quota of the grade holds in the card's group — refused with the quota and who holds it —
    /// unless `force`. The calibration outlives the period's next run and every recompute.
    @discardableResult
    public func calibrate(_ id: String, grade: String, period: Period, reason: String, force: Bool = false) throws -> CalibrationOutcome {
        try attempt("calibrate", on: period.description, "\(id) \(grade)") {
            try calibrating(id, grade: grade, period: period, reason: reason, force: force)
        }
    }

    /// Whether the principal may calibrate `id`'s grade.
    public func canCalibrate(_ id: String) throws -> Bool {
        guard let me = principal.employee else { return false }
        if principal.isAdmin { return true }
        guard principal.has(.calibrateDepartment), me.id != id else { return false }
        let organisation = try self.organisation
        guard let mine = organisation.department(of: me.id),
              let theirs = organisation.department(of: id) else { return false }
        return organisation.isDepartment(theirs, within: mine)
    }

    private func calibrating(_ id: String, grade: String, period: Period, reason: String, force: Bool) throws -> CalibrationOutcome {
        _ = try requireEmployee()
        guard try canCalibrate(id) else {
            throw AppraisalError.permissionDenied("calibrating \(id)'s grade needs appraisal:admin, or calibrate:department over their department")
        }
        guard !reason.trimmingCharacters(in: .whitespaces).isEmpty else { throw AppraisalError.usage("a calibration needs --reason TEXT, for the audit log") }
        return try store.transaction {
            try requireWritable(period)
            guard let state = try store.appraisalPeriod(period), state.runs > 0,
                  let card = try store.scorecards(of: period, employees: [id], lines: false).first else {
                throw AppraisalError.invalid("\(id) has no scorecard in \(period) to calibrate; run the period first: kpi appraisal run \(period)")
            }
            let grading = try rules(for: period).grading
            guard let target = grading.grade(named: grade) else {
                throw AppraisalError.usage("unknown grade `\(grade)`; the grades are \(grading.grades.map(\.grade).joined(separator: ", "))")
            }
            // The quota of the grade in the card's group, with this card at the new grade.
            var beyond = false
            if let share = target.maxShare, card.grade != grade, grading.forcedDistribution != .none {
                let group = try store.scorecards(of: period, lines: false).filter {
                    grading.forcedDistribution == .company || $0.department == card.department
                }.filter { $0.total != nil }
                let quota = Int((share * Double(group.count)).rounded(.down))
                let holders = group.filter { $0.grade == grade && $0.employee != id }.map(\.employee)
                if holders.count + 1 > quota {
                    guard force else {
                        throw AppraisalError.invalid("the quota of \(grade) in \(grading.forcedDistribution == .company ? "the company" : card.department) is "
                            + "\(Int((share * 100).rounded()))% of \(group.count) = \(quota), held by \(holders.isEmpty ? "nobody" : holders.joined(separator: ", ")); "
                            + "calibrate someone else down first, or go beyond it with --force")
                    }
                    beyond = true
                }
            }
            try store.calibrate(period: period, employee: id, grade: grade, from: card.grade, reason: reason, by: principal.auditName)
            try store.setGrades([(id, grade, target.coefficient)], of: period)
            let bonusDropped = card.coefficient != target.coefficient ? try store.dropBonusShares(of: period) : false
            try store.audit(actor: principal.auditName, action: "calibrate", target: period.description,
                            summary: "\(id) \(card.grade ?? "-") → \(grade): \(reason)" + (beyond ? " (beyond the quota, forced)" : "")
                                + (bonusDropped ? "; bonus shares dropped" : ""))
            return CalibrationOutcome(employee: id, from: card.grade, grade: grade, beyondQuota: beyond, bonusDropped: bonusDropped)
        }
    }

    /// `cards` with the grades calibrated in their period in place of those computed, each with
    /// its grade's coefficient.
    func calibrated(_ cards: [Scorecard], by calibrations: [String: Store.Calibration], grading: Grading) -> [Scorecard] {
        guard !calibrations.isEmpty else { return cards }
        return cards.map { card in
            guard let calibration = calibrations[card.employee], let grade = grading.grade(named: calibration.grade) else { return card }
            return Scorecard(period: card.period, employee: card.employee, role: card.role, department: card.department, lines: card.lines,
                             total: card.total, rawGrade: card.rawGrade, grade: grade.grade, coefficient: grade.coefficient, run: card.run,
                             segments: card.segments, computedAt: card.computedAt)
        }
    }
}
