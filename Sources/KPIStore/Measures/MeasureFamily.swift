import KPIFormula

/// One family of measures (`service`, `billing`, …), declared once in
/// `MeasureFamily+Declarations.swift`: the names formulas use with their meanings, the aggregates
/// that compute them, and the records `kpi explain` lists behind them.
public struct MeasureFamily: Sendable {
    /// The prefix of its measures: `service` in `service.tickets`.
    public let name: String
    public let definitions: [MeasureCatalogue.Definition]
    /// One aggregate per table the family reads, grouped by owner. Empty for the families
    /// computed otherwise: `hr` from the employees themselves, `activity` per kind of work.
    let queries: [MeasureQuery]
    /// The records behind the family's measures, those that pulled a value down first.
    let records: [RecordQuery]

    /// Every measure of every family: the vocabulary a catalog's formulas are checked against.
    public static let catalogue = MeasureCatalogue(all.flatMap(\.definitions))

    public static func named(_ name: String) -> MeasureFamily? { all.first { $0.name == name } }
}

/// One SQL aggregate grouped by owner: it reads one period's rows once, through the index on
/// the table's period date.
struct MeasureQuery: Sendable {
    /// The SQL; `?1`/`?2` are the period's first and last day numbers, `?3`/`?4` its first
    /// moment and the first moment after it (local seconds), `?5`/`?6` its first and last month.
    let sql: String
    /// The measures the columns after the owner hold, in order; money is in cents.
    let measures: [String]
    /// Whether it reads far more rows than the others (all history, or the busiest table), so
    /// that it should be started first.
    var readsMost = false
}

/// A list of records behind a family's measures, for `kpi explain`.
struct RecordQuery: Sendable {
    /// How a column's stored value is shown.
    enum Shown: Sendable {
        /// Text as stored; a blank as "—".
        case text
        /// A day number as `YYYY-MM-DD`.
        case day
        /// Local seconds as `YYYY-MM-DDTHH:MM:SS`.
        case time
        /// Fen as yuan with two decimals.
        case money
        /// 1 as yes, else no.
        case yesNo
    }

    /// What the rows are, e.g. "tickets answered late or not at all"; `%@` stands for the
    /// activity kind.
    let title: String
    let columns: [(name: String, shown: Shown)]
    /// The SQL; `?1` is the owners as a JSON array, `?2`/`?3` the period's bounds — first and
    /// last day, or with `bySeconds` its first moment and the first moment after it — and `?4`
    /// the activity kind.
    let sql: String
    var bySeconds = false
}
