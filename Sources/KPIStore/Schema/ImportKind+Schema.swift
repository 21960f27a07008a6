extension ImportKind {
    /// The table's `CREATE TABLE` and `CREATE INDEX` statements, from the declaration: a column
    /// the file must give, or that the table keeps filled, is NOT NULL; choices and bounds are
    /// checks (written as comparisons: SQLite builds a temporary table for `IN (…)` on every
    /// row); references are foreign keys checked at commit, so a file may refer to its own rows.
    public var schemaSQL: String {
        var definitions = columns.map { column in
            let name = Self.sql(column.name)
            var parts = [name, column.type.sqlType]
            if key == [column.name] {
                parts.append("PRIMARY KEY")
            } else if column.required || column.storedWhenBlank != nil {
                parts.append("NOT NULL")
            }
            if case .defaultValue(let value) = column.storedWhenBlank { parts.append("DEFAULT \(value)") }
            if column.unique { parts.append("UNIQUE") }
            switch column.type {
            case .choice(let choices, _):
                parts.append("CHECK (" + choices.map { "\(name) = '\($0)'" }.joined(separator: " OR ") + ")")
            case .integer(let minimum, let maximum?):
                parts.append("CHECK (\(name) BETWEEN \(minimum) AND \(maximum))")
            case .reference(let reference):
                let target = reference.kind
                parts.append("REFERENCES \(target.table)(\(target.key[0])) DEFERRABLE INITIALLY DEFERRED")
            default:
                break
            }
            return parts.joined(separator: " ")
        }
        if key.count > 1 { definitions.append("PRIMARY KEY (\(key.map(Self.sql).joined(separator: ", ")))") }
        let indexes = self.indexes.map { "CREATE INDEX \($0.name) ON \(table)(\($0.columns.map(Self.sql).joined(separator: ", ")));" }
        return (["CREATE TABLE \(table) (\n    " + definitions.joined(separator: ",\n    ") + "\n);"] + indexes).joined(separator: "\n")
    }
}

extension ImportKind {
    /// A column's name as SQL reads it: quoted, so that a column may be called `from`.
    static func sql(_ column: String) -> String { "\"\(column)\"" }
}

extension ImportKind.ColumnType {
    /// How SQLite stores it: dates as day numbers, date-times as local seconds, money as cents.
    var sqlType: String {
        switch self {
        case .text, .choice, .month, .reference: return "TEXT"
        case .date, .dateTime, .integer, .amount, .bool: return "INTEGER"
        case .quantity, .score: return "REAL"
        }
    }
}
