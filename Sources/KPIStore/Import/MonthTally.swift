/// Rows added and changed per month, for the audit entries an import leaves under each period
/// it touched. Rows come mostly in date order, so the month of the last value is remembered with
/// its bounds and a row of the same month costs a comparison.
struct MonthTally {
    private let kind: ImportKind
    /// The last month seen and its bounds, in the stored form of the period column.
    private var last: (month: Period, low: Int64, high: Int64)?
    private(set) var counts: [Period: (added: Int, changed: Int)] = [:]

    init(kind: ImportKind) {
        self.kind = kind
    }

    mutating func count(_ cell: Cell, added: Bool) {
        let month: Period
        if case .integer(let value) = cell, let last, value >= last.low, value <= last.high {
            month = last.month
        } else {
            guard let found = kind.month(ofPeriodValue: cell) else { return }
            month = found
            if case .integer = cell { last = (found, bounds(of: found).low, bounds(of: found).high) }
        }
        counts[month, default: (0, 0)].added += added ? 1 : 0
        counts[month, default: (0, 0)].changed += added ? 0 : 1
    }

    /// The month's first and last value as the period column stores them: day numbers, or local
    /// seconds for a date-time.
    private func bounds(of month: Period) -> (low: Int64, high: Int64) {
        let isMoment = kind.periodColumn.flatMap { name in kind.columns.first { $0.name == name } }?.type == .dateTime
        return isMoment ? (Int64(month.start.seconds), Int64(month.end.seconds) - 1)
                        : (Int64(month.firstDay.number), Int64(month.lastDay.number))
    }
}
