/// One person's share of a bonus pool, as kept with the period.
public struct BonusShare: Sendable, Equatable {
    /// `company`, `department:<id>` or `project:<id>`.
    public let pool: String
    public let employee: String
    public let base: Double
    /// The grade's 绩效系数; nil without a grade.
    public let coefficient: Double?
    /// Days employed in the period, of `periodDays`.
    public let days: Int
    /// base × coefficient × days / days in the period.
    public let weight: Double
    /// In fen.
    public let amount: Int64
    /// Why the share is nothing, when it is.
    public let reason: Reason?

    /// Why a share is nothing.
    public enum Reason: String, Sendable {
        case noGrade = "no-grade", coefficientZero = "coefficient-0", baseZero = "base-0", notEmployed = "not-employed"

        public var english: String {
            switch self {
            case .noGrade: return "no grade"
            case .coefficientZero: return "coefficient 0"
            case .baseZero: return "bonus base 0"
            case .notEmployed: return "not employed in the period"
            }
        }

        public var chinese: String {
            switch self {
            case .noGrade: return "没有等级"
            case .coefficientZero: return "绩效系数为 0"
            case .baseZero: return "奖金基数为 0"
            case .notEmployed: return "本期未在职"
            }
        }
    }

    public init(pool: String, employee: String, base: Double, coefficient: Double?, days: Int, weight: Double, amount: Int64, reason: Reason?) {
        self.pool = pool
        self.employee = employee
        self.base = base
        self.coefficient = coefficient
        self.days = days
        self.weight = weight
        self.amount = amount
        self.reason = reason
    }
}

extension Store {
    /// Replaces the period's bonus shares, in the caller's transaction.
    public func replaceBonus(of period: Period, with shares: [BonusShare]) throws {
        try database.prepare("DELETE FROM bonus_shares WHERE period = ?").run([.text(period.description)])
        let insert = try database.prepare("""
            INSERT INTO bonus_shares (period, pool, employee, base, coefficient, days, weight, amount, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        for share in shares {
            try insert.run([.text(period.description), .text(share.pool), .text(share.employee), .real(share.base),
                            share.coefficient.map(Statement.Value.real) ?? .null, .integer(Int64(share.days)), .real(share.weight),
                            .integer(share.amount), share.reason.map { .text($0.rawValue) } ?? .null])
        }
    }

    /// The period's bonus shares, of everyone or of `employees`, by pool and employee.
    public func bonusShares(of period: Period, employees: Set<String>? = nil) throws -> [BonusShare] {
        var shares: [BonusShare] = []
        try database.prepare("""
            SELECT pool, employee, base, coefficient, days, weight, amount, reason FROM bonus_shares WHERE period = ? ORDER BY pool, employee
            """).forEach([.text(period.description)]) { row in
            guard employees?.contains(row.text(1)) ?? true else { return }
            shares.append(BonusShare(pool: row.text(0), employee: row.text(1), base: row.double(2), coefficient: row.isNull(3) ? nil : row.double(3),
                                     days: Int(row.int(4)), weight: row.double(5), amount: row.int(6),
                                     reason: row.optionalText(7).flatMap(BonusShare.Reason.init(rawValue:))))
        }
        return shares
    }

    /// The employees a project's pool is shared by: its manager and salesperson, and whoever owns
    /// its records dated in the period (tickets, stock movements, receivables falling due).
    public func projectMembers(_ project: String, period: Period) throws -> Set<String>? {
        var members: Set<String> = []
        var found = false
        try database.prepare("SELECT manager, sales FROM projects WHERE id = ?").forEach([.text(project)]) { row in
            found = true
            members.insert(row.text(0))
            if let sales = row.optionalText(1) { members.insert(sales) }
        }
        guard found else { return nil }
        let start = Int64(period.firstDay.number), end = Int64(period.lastDay.number)
        let key: [Statement.Value] = [.text(project), .integer(start * 86_400), .integer((end + 1) * 86_400)]
        try database.prepare("SELECT DISTINCT assignee FROM tickets WHERE project = ? AND opened_at >= ? AND opened_at < ?")
            .forEach(key) { members.insert($0.text(0)) }
        let days: [Statement.Value] = [.text(project), .integer(start), .integer(end)]
        try database.prepare("SELECT DISTINCT keeper FROM stock_movements WHERE project = ? AND date BETWEEN ? AND ?")
            .forEach(days) { members.insert($0.text(0)) }
        try database.prepare("SELECT DISTINCT owner FROM receivables WHERE project = ? AND due_date BETWEEN ? AND ?")
            .forEach(days) { members.insert($0.text(0)) }
        return members
    }
}
