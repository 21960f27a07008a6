import Foundation
import KPICatalog
import KPIStore

/// Every rights question the engine asks, answered once here; each door (CLI, export) asks
/// through `Appraisals`, which asks these.
struct Rights: Sendable {
    let catalog: Catalog
    let organisation: Organisation
    /// Each department's head, found on the first question that needs them and kept: finding
    /// them reads every employee, and the employees do not change for the life of these rights.
    private let heads = Kept<[String: Employee]>()

    /// Whether `principal` may see `employee`'s scorecards and measures: their own, anyone's
    /// with `appraisal:admin` or `view:company`, their team's with `view:team`, their
    /// department's (and below) with `view:department`, and — as a project's manager — those
    /// assigned to its group on days of `period` (today when nil).
    func mayView(_ principal: Principal, _ employee: String, in period: Period? = nil) -> Bool {
        guard let me = principal.employee else { return false }
        if Self.mayViewWithoutOrganisation(principal, employee) { return true }
        if managesProject(of: employee, me, in: period) { return true }
        if principal.has(.viewTeam), organisation.isBelow(employee, me.id) { return true }
        if principal.has(.viewDepartment), let mine = organisation.department(of: me.id),
           let theirs = organisation.department(of: employee), organisation.isDepartment(theirs, within: mine) { return true }
        return false
    }

    /// Whether `principal` sees everyone, so that telling an unknown employee apart reveals nothing.
    static func seesEveryone(_ principal: Principal) -> Bool {
        principal.isAdmin || principal.has(.viewCompany)
    }

    /// Whether `principal` may see `employee` on what needs no organisation: their own
    /// scorecards, or anyone's when they see everyone. `mayView` asks it first.
    static func mayViewWithoutOrganisation(_ principal: Principal, _ employee: String) -> Bool {
        principal.employee?.id == employee || seesEveryone(principal)
    }

    /// Whether `rater` is a `manager` of `employee` who rates: `rate:team` over someone below them.
    func mayRate(_ rater: Employee, _ employee: String) -> Bool {
        guard let role = catalog.role(rater.role), role.permissions.contains(.rateTeam) else { return false }
        return organisation.isBelow(employee, rater.id)
    }

    /// Whether `rater` manages a project whose group `employee` is assigned to on days of
    /// `period` (today when nil).
    func managesProject(of employee: String, _ rater: Employee, in period: Period?) -> Bool {
        let (first, last) = period.map { ($0.firstDay, $0.lastDay) } ?? (Day.today, Day.today)
        return organisation.employee(employee)?.assignments.contains { $0.manager == rater.id && $0.overlaps(first, last) } ?? false
    }

    /// Whether `rater` stands in `relation` to `employee` in `period` (today when nil;
    /// docs/scoring.md, several raters).
    func holds(_ relation: ScoringRule.Relation, _ rater: Employee, over employee: String, in period: Period? = nil) -> Bool {
        switch relation {
        case .manager: return mayRate(rater, employee)
        case .projectManager: return managesProject(of: employee, rater, in: period)
        case .departmentHead: return departmentHead(of: employee)?.id == rater.id
        case .hr: return catalog.role(rater.role)?.permissions.contains(.appraisalAdmin) ?? false
        case .oneself: return rater.id == employee
        }
    }

    /// The relations among `rule`'s raters that `rater` holds to `employee`, in the rule's order.
    func relations(of rater: Employee, to employee: String, on rule: ScoringRule.Rating, in period: Period? = nil) -> [ScoringRule.Relation] {
        rule.raters.map(\.relation).filter { holds($0, rater, over: employee, in: period) }
    }

    /// Whether `rater` holds any relation to `employee` in which someone may rate them: what a
    /// refusal is decided on before any KPI is named, so that it reveals nothing.
    func mayRateAtAll(_ rater: Employee, _ employee: String, in period: Period? = nil) -> Bool {
        ScoringRule.Relation.allCases.contains { holds($0, rater, over: employee, in: period) }
    }

    /// The head of `employee`'s department: someone else of that department whose role sees the
    /// whole department (`view:department` or `view:company`), the first by id; else the head of
    /// the department above it.
    func departmentHead(of employee: String) -> Employee? {
        let heads = departmentHeads()
        var department = organisation.department(of: employee)
        while let current = department {
            if let head = heads[current], head.id != employee { return head }
            department = catalog.department(current)?.parent
        }
        return nil
    }

    /// Each department's head, by department: its active employee whose role sees the whole
    /// department, the first by id.
    private func departmentHeads() -> [String: Employee] {
        heads.value {
            var heads: [String: Employee] = [:]
            let today = Day.today
            for employee in organisation.employees where employee.isActive(on: today) {
                guard let permissions = catalog.role(employee.role)?.permissions,
                      permissions.contains(.viewDepartment) || permissions.contains(.viewCompany),
                      let department = organisation.department(of: employee.id) else { continue }
                if heads[department].map({ employee.id < $0.id }) ?? true { heads[department] = employee }
            }
            return heads
        }
    }

    /// Why `principal` may not give `employee` the role `roleID`, or nil when they may: keeping
    /// someone's role is always allowed; giving a role needs every permission it carries, so
    /// that nobody — least of all oneself — is raised above the one who imports.
    func refusalToGrant(_ roleID: String, to employee: String, by principal: Principal) -> String? {
        guard organisation.employee(employee)?.role != roleID, let role = catalog.role(roleID) else { return nil }
        let lacking = role.permissions.filter { !principal.permissions.contains($0) }
        guard !lacking.isEmpty else { return nil }
        return "the role `\(roleID)` carries \(lacking.map(\.rawValue).joined(separator: ", ")), which you do not hold; "
            + "only someone who holds them may give it"
    }

    /// Whether `permissions` let a role import `kind`: the kind's own right, `import:all` or
    /// `appraisal:admin`.
    static func mayImport(_ kind: ImportKind, with permissions: Set<Permission>) -> Bool {
        if permissions.contains(.importAll) || permissions.contains(.appraisalAdmin) { return true }
        return kind.importRight.flatMap(Permission.init(rawValue:)).map(permissions.contains) ?? false
    }

    /// The rights that would let a role import `kind`, for a refusal.
    static func neededToImport(_ kind: ImportKind) -> String {
        guard let right = kind.importRight else { return "appraisal:admin or import:all" }
        return "\(right), import:all or appraisal:admin"
    }
}

/// A value worked out once, on first use, and kept; safe to share between threads.
final class Kept<Value: Sendable>: @unchecked Sendable {
    private let lock = NSLock()
    private var kept: Value?

    func value(_ make: () -> Value) -> Value {
        lock.withLock {
            if let kept { return kept }
            let made = make()
            kept = made
            return made
        }
    }
}
