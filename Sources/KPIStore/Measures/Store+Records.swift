extension Store {
    /// The records behind the measures of `family` (`service`, `billing`, `activity`, …) owned by
    /// `owners` in `period`, as the family declares them; `kind` for the activity family.
    public func records(behind family: String, kind: String? = nil, owners: [String], period: Period, limit: Int = 20) throws -> [RecordList] {
        guard let declared = MeasureFamily.named(family), family != "activity" || kind != nil else { return [] }
        let ownerList = "[" + owners.map { "\"" + $0.replacingOccurrences(of: "\"", with: "\\\"") + "\"" }.joined(separator: ",") + "]"
        return try declared.records.map { query in
            let bounds: [Statement.Value] = query.bySeconds
                ? [.integer(Int64(period.start.seconds)), .integer(Int64(period.end.seconds))]
                : [.integer(Int64(period.firstDay.number)), .integer(Int64(period.lastDay.number))]
            var rows: [[String]] = []
            var total = 0
            let byKind: [Statement.Value] = query.sql.contains("?4") ? [.text(kind ?? "")] : []
            try database.prepare(query.sql).forEach([.text(ownerList)] + bounds + byKind) { row in
                total += 1
                guard rows.count < limit else { return }
                rows.append(query.columns.enumerated().map { column, shown in Self.shown(row, Int32(column), as: shown.shown) })
            }
            return RecordList(title: query.title.replacingOccurrences(of: "%@", with: kind ?? ""), columns: query.columns.map(\.name),
                              rows: rows, total: total)
        }
    }

    /// A column's stored value as a person reads it.
    private static func shown(_ row: Statement, _ column: Int32, as shown: RecordQuery.Shown) -> String {
        guard !row.isNull(column) else { return "—" }
        switch shown {
        case .text: return row.text(column)
        case .day: return Day(number: Int(row.int(column))).iso
        case .time: return LocalTime(seconds: Int(row.int(column))).iso
        case .money:
            let cents = row.int(column)
            let sign = cents < 0 ? "-" : ""
            return sign + String(abs(cents) / 100) + "." + (abs(cents) % 100 < 10 ? "0" : "") + String(abs(cents) % 100)
        case .yesNo: return row.int(column) == 1 ? "yes" : "no"
        }
    }
}
