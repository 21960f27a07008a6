/// Writes trusted records of one kind straight into its table, in the kind's column order
/// and stored form (day numbers, local seconds, cents). For generated data; files go
/// through `importCSV`, which checks every value.
public final class RecordWriter {
    private let statement: Statement
    public let kind: ImportKind

    public init(store: Store, kind: ImportKind) throws {
        self.kind = kind
        let names = kind.columns.map { ImportKind.sql($0.name) }
        statement = try store.database.prepare(
            "INSERT INTO \(kind.table) (\(names.joined(separator: ", "))) VALUES (\(names.map { _ in "?" }.joined(separator: ", ")))")
    }

    public func write(_ values: [Statement.Value]) throws {
        try statement.run(values)
    }
}
