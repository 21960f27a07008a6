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
        let members = try teamMembers(period: last, department: department)
        var totals: [String: [Period: Double]] = [:]
        for month in months {
            for card in try store.scorecards(of: month, employees: members, lines: false) {
                if let total = card.total { totals[card.employee, default: [:]][month] = total }
            }
        }
        return totals
    }
}
