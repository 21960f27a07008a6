/// Rows added and changed per month, for the audit entries an import leaves under each period
/// it touched. Rows come mostly in date order: the current month is counted in place, with its
/// bounds, so that a row of the same month costs a comparison and an addition.
struct MonthTally {
    private let kind: ImportKind
    /// Whether the period column holds moments (local seconds) rather than days.
    private let isMoment: Bool
    /// The month being counted, its bounds in the stored form of the period column, its counts.
    private var current: (month: Period, low: Int64, high: Int64, added: Int, changed: Int)?
    private var earlier: [Period: (added: Int, changed: Int)] = [:]

    init(kind: ImportKind) {
        self.kind = kind
        isMoment = kind.periodColumn.flatMap { name in kind.columns.first { $0.name == name } }?.type == .dateTime
    }

    /// Rows added and changed, by month.
    var counts: [Period: (added: Int, changed: Int)] {
        var all = earlier
        if let current { all[current.month, default: (0, 0)].added += current.added; all[current.month, default: (0, 0)].changed += current.changed }
        return all
    }

    mutating func count(_ cell: Cell, added: Bool) {
        if case .integer(let value) = cell, let month = current, value >= month.low, value <= month.high {
            if added { current?.added += 1 } else { current?.changed += 1 }
            return
        }
        guard let month = kind.month(ofPeriodValue: cell) else { return }
        if let current { earlier[current.month, default: (0, 0)].added += current.added; earlier[current.month, default: (0, 0)].changed += current.changed }
        let (low, high) = isMoment ? (Int64(month.start.seconds), Int64(month.end.seconds) - 1)
                                   : (Int64(month.firstDay.number), Int64(month.lastDay.number))
        current = (month, low, high, added ? 1 : 0, added ? 0 : 1)
    }
}
