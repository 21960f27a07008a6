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
    public func refusal(for month: Period, chinese: Bool = false) -> String? {
        guard let periods = covering[month] else { return nil }
        let commands = periods.map { "kpi appraisal reopen \($0)" }.joined(separator: chinese ? "，再 " : ", then ")
        let others = periods.filter { $0 != month }.map(\.description).joined(separator: chinese ? " 和 " : " and ")
        let what: String
        switch (periods.contains(month), others.isEmpty, chinese) {
        case (true, true, false): what = "\(month) is closed; an admin must reopen it"
        case (true, false, false): what = "\(month) is closed, and so is \(others); an admin must reopen them all"
        case (false, _, false): what = "\(month) is closed with \(others); an admin must reopen \(periods.count == 1 ? others : "them all")"
        case (true, true, true): what = "\(month) 已关账；需管理员先重新开启"
        case (true, false, true): what = "\(month) 已关账，\(others) 也已关账；需管理员全部重新开启"
        case (false, _, true): what = "\(month) 随 \(others) 一并关账；需管理员先重新开启\(periods.count == 1 ? " \(others)" : "全部")"
        }
        return chinese ? "\(what)：\(commands)" : "\(what) first: \(commands)"
    }
}
