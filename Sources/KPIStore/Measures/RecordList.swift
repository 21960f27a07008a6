/// Records behind a measure: the rows that made a value what it is, those that pulled it down first.
public struct RecordList: Equatable, Sendable {
    /// What the rows are, e.g. "tickets answered late or not at all".
    public let title: String
    public let columns: [String]
    public let rows: [[String]]
    /// How many rows there are in all; `rows` holds at most the limit asked for.
    public let total: Int
}
