/// The closed periods, asked month by month: a closed quarter or year closes each of its months,
/// and a write dated in one is refused until every closed period around it is reopened.
public struct ClosedPeriods: Sendable {
    /// For each closed month, the closed periods that cover it, shortest first.
    private let covering: [Period: [Period]]

    public init(_ periods: [Period]) {
        var covering: [Period: [Period]] = [:]
        for period in periods.sorted(by: { ($0.months.count, $0) < ($1.months.count, $1) }) {
            for month in period.months { covering[month, default: []].append(period) }
        }
        self.covering = covering
    }

    public var isEmpty: Bool { covering.isEmpty }

    /// Why a write dated in `month` is refused, naming the periods to reopen; nil when no closed
    /// period covers it.
    public func refusal(for month: Period) -> String? {
        guard let periods = covering[month] else { return nil }
        let commands = periods.map { "kpi appraisal reopen \($0)" }.joined(separator: ", then ")
        let others = periods.filter { $0 != month }.map(\.description).joined(separator: " and ")
        let what: String
        switch (periods.contains(month), others.isEmpty) {
        case (true, true): what = "\(month) is closed; an admin must reopen it"
        case (true, false): what = "\(month) is closed, and so is \(others); an admin must reopen them all"
        case (false, _): what = "\(month) is closed with \(others); an admin must reopen \(periods.count == 1 ? others : "them all")"
        }
        return "\(what) first: \(commands)"
    }
}
