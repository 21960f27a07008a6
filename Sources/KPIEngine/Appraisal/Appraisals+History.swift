import KPIStore

extension Appraisals {
    /// The months with results from `from` to `to` (either open), oldest first.
    public func monthsWithResults(from: Period?, to: Period?) throws -> [Period] {
        try store.appraisalPeriods().filter { $0.runs > 0 && $0.period.length == .month }.map(\.period)
            .filter { month in (from.map { month >= $0.months[0] } ?? true) && (to.map { month <= $0.months[$0.months.count - 1] } ?? true) }
            .sorted()
    }

    /// One employee's monthly scorecards from `from` to `to`, oldest first (`kpi history`): the
    /// months they had a scorecard in. Needs the right to view them.
    public func history(of id: String, from: Period?, to: Period?) throws -> [Scorecard] {
        _ = try requireVisible(id, "the history")
        return try monthsWithResults(from: from, to: to).flatMap { try store.scorecards(of: $0, employees: [id]) }
    }

    /// The totals of the people `team` shows for each of `months`, by employee (`kpi team --trend`).
    public func teamTotals(months: [Period], department: String?) throws -> [String: [Period: Double]] {
        guard let last = months.last else { return [:] }
        var totals: [String: [Period: Double]] = [:]
        try forEachTotal(months: months, employees: try teamMembers(period: last, department: department)) { month, card, total in
            totals[card.employee, default: [:]][month] = total
        }
        return totals
    }

    /// Calls `body` with each scorecard of `employees` that has a total, month by month, read
    /// without its lines.
    private func forEachTotal(months: [Period], employees: Set<String>, _ body: (Period, Scorecard, Double) -> Void) throws {
        for month in months {
            for card in try store.scorecards(of: month, employees: employees, lines: false) {
                if let total = card.total { body(month, card, total) }
            }
        }
    }
}

/// The months up to a workbook's period, side by side: each department's mean total, and the
/// totals of the people who get a sheet of their own (`kpi export`'s 趋势 sheet and trend charts).
public struct Trend: Sendable {
    /// The months with results, oldest first, ending with the workbook's period (or its last month).
    public let months: [Period]
    /// Each department's mean total per month, over the people the workbook covers.
    public let departments: [String: [Period: Double]]
    /// Each person's total per month, for those with a sheet of their own.
    public let people: [String: [Period: Double]]

    public init(months: [Period], departments: [String: [Period: Double]], people: [String: [Period: Double]]) {
        self.months = months
        self.departments = departments
        self.people = people
    }
}

extension Appraisals {
    /// The trend a workbook of `set` shows: the last `months` months with results up to its
    /// period. A company's department means come from one aggregate; a department's or one
    /// person's from their own scorecards, with each person's totals.
    public func trend(of set: ScorecardSet, months count: Int = 12) throws -> Trend {
        let months = Array(try monthsWithResults(from: nil, to: set.period).suffix(count))
        var sums: [Period: [String: (sum: Double, count: Int)]] = [:]
        var people: [String: [Period: Double]] = [:]
        if let members = set.employees {
            try forEachTotal(months: months, employees: members) { month, card, total in
                people[card.employee, default: [:]][month] = total
                let sofar = sums[month, default: [:]][card.department] ?? (0, 0)
                sums[month, default: [:]][card.department] = (sofar.sum + total, sofar.count + 1)
            }
        } else {
            sums = try store.departmentTotals(of: months)
        }
        var departments: [String: [Period: Double]] = [:]
        for (month, byDepartment) in sums {
            for (department, sum) in byDepartment where sum.count > 0 { departments[department, default: [:]][month] = sum.sum / Double(sum.count) }
        }
        return Trend(months: months, departments: departments, people: people)
    }
}
