import KPICatalog
import KPIStore

/// A bonus pool: an amount in fen, shared by the company, a department (and those below it) or
/// the people of a project.
public struct BonusPool: Sendable, Equatable {
    public enum Members: Sendable, Equatable {
        case company
        case department(String)
        case project(String)
    }

    public let members: Members
    public let fen: Int64

    public init(_ members: Members, fen: Int64) {
        self.members = members
        self.fen = fen
    }

    /// How the pool is kept: `company`, `department:<id>`, `project:<id>`.
    var key: String {
        switch members {
        case .company: return "company"
        case .department(let id): return "department:\(id)"
        case .project(let id): return "project:\(id)"
        }
    }
}

/// Splits an amount in fen by integer weights, exactly: each share rounded down to the fen, the
/// fen left over one each to the largest remainders, ties to the smaller id. The shares add up to
/// the amount. Weights are integers so that no rounding of a float decides who gets a fen.
public enum BonusSplit {
    public static func split(_ fen: Int64, by weights: [(id: String, weight: Int64)]) -> [String: Int64] {
        let total = weights.reduce(Int64(0)) { $0 + $1.weight }
        guard total > 0 else { return Dictionary(uniqueKeysWithValues: weights.map { ($0.id, 0) }) }
        var shares: [String: Int64] = [:]
        var remainders: [(id: String, remainder: Int64)] = []
        var given: Int64 = 0
        for (id, weight) in weights {
            // fen × weight can exceed 64 bits: multiply and divide at full width.
            let product = fen.multipliedFullWidth(by: weight)
            let (quotient, remainder) = total.dividingFullWidth((high: product.high, low: product.low))
            shares[id] = quotient
            given += quotient
            remainders.append((id, remainder))
        }
        let left = fen - given
        for (id, _) in remainders.sorted(by: { ($1.remainder, $0.id) < ($0.remainder, $1.id) }).prefix(Int(left)) {
            shares[id, default: 0] += 1
        }
        return shares
    }
}

extension Appraisals {
    /// Shares bonus pools among the people of the period's scorecards (`kpi bonus`): each one's
    /// weight is base × 绩效系数 × days employed in the period / days in it, the pool split by
    /// weight to the fen. Kept with the period (replacing its earlier bonus) and audited, unless a
    /// dry run. Needs appraisal:admin; a closed period is refused.
    public func shareBonus(_ period: Period, pools: [BonusPool], dryRun: Bool) throws -> [BonusShare] {
        try attempt("bonus", on: period.description, pools.map { "\($0.key) \($0.fen)" }.joined(separator: ", ")) {
            try requireAdmin("sharing a bonus")
            try requireResults(period)
            // A department's pool is kept under its id, however it was named.
            let pools = try pools.map { pool -> BonusPool in
                guard case .department(let name) = pool.members else { return pool }
                guard let department = self.catalog.department(name) else {
                    throw AppraisalError.usage("unknown department `\(name)`; `kpi roles tree` shows the departments")
                }
                return BonusPool(.department(department.id), fen: pool.fen)
            }
            let compute = {
                if !dryRun { try self.requireWritable(period) }
                let cards = Dictionary(try self.store.scorecards(of: period, employees: nil, lines: false).map { ($0.employee, $0) }) { first, _ in first }
                var shares: [BonusShare] = []
                for pool in pools { shares += try self.share(pool, of: period, cards: cards) }
                guard !dryRun else { return shares }
                try self.store.replaceBonus(of: period, with: shares)
                let total = pools.reduce(Int64(0)) { $0 + $1.fen }
                try self.store.audit(actor: self.principal.auditName, action: "bonus", target: period.description,
                                     summary: "\(pools.count) pool\(pools.count == 1 ? "" : "s") of \(Money.yuan(total)) shared among \(Set(shares.map(\.employee)).count) people: "
                                         + pools.map { "\($0.key) \(Money.yuan($0.fen))" }.joined(separator: ", "))
                return shares
            }
            return try dryRun ? store.reading(compute) : store.transaction(compute)
        }
    }

    /// The bonus shares of one employee the principal may see.
    public func bonusShares(of id: String, period: Period) throws -> [BonusShare] {
        _ = try requireVisible(id, "the bonus")
        return try store.bonusShares(of: period, employees: [id])
    }

    /// Everyone's bonus shares of the period, for HR and an export of the whole company.
    public func bonusShares(period: Period) throws -> [BonusShare] {
        try requireEveryoneInView("the whole bonus")
        return try store.bonusShares(of: period)
    }

    private func share(_ pool: BonusPool, of period: Period, cards: [String: Scorecard]) throws -> [BonusShare] {
        let members: [String]
        switch pool.members {
        case .company:
            members = cards.keys.sorted()
        case .department(let id):
            // `shareBonus` named the department by its id.
            let tree = Set(catalog.departmentTree(from: id))
            members = cards.values.filter { tree.contains($0.department) }.map(\.employee).sorted()
        case .project(let id):
            guard let people = try store.projectMembers(id, period: period) else { throw AppraisalError.usage("unknown project `\(id)`") }
            members = people.filter { cards[$0] != nil }.sorted()
        }
        let periodDays = period.lastDay.number - period.firstDay.number + 1
        // Weights in ten-thousandths of base and coefficient, times days: integers, so that the
        // split is exact; the common denominator cancels out.
        var weights: [(id: String, weight: Int64)] = []
        var rows: [(id: String, base: Double, coefficient: Double?, days: Int, reason: BonusShare.Reason?)] = []
        for id in members {
            let employee = try self.employee(id)
            let base = employee?.bonusBase ?? 1
            let coefficient = cards[id]?.coefficient
            let days = employee?.daysActive(in: period) ?? 0
            let reason: BonusShare.Reason? = coefficient == nil ? .noGrade : coefficient == 0 ? .coefficientZero
                : base == 0 ? .baseZero : days == 0 ? .notEmployed : nil
            let weight = Int64((base * 10_000).rounded()) * Int64(((coefficient ?? 0) * 10_000).rounded()) * Int64(days)
            weights.append((id, max(0, weight)))
            rows.append((id, base, coefficient, days, reason))
        }
        guard weights.contains(where: { $0.weight > 0 }) else {
            throw AppraisalError.invalid("nobody in the pool \(pool.key) has a weight above 0 (a grade with a coefficient, days employed); nothing to share")
        }
        let amounts = BonusSplit.split(pool.fen, by: weights)
        return rows.map { row in
            BonusShare(pool: pool.key, employee: row.id, base: row.base, coefficient: row.coefficient, days: row.days,
                       weight: row.base * (row.coefficient ?? 0) * Double(row.days) / Double(periodDays),
                       amount: amounts[row.id] ?? 0, reason: row.reason)
        }
    }
}
