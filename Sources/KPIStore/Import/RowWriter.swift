/// Writes checked rows into a kind's table: inserts new keys, updates rows whose key exists when
/// something differs, and counts which was which.
struct RowWriter {
    private let database: Database
    private let columnCount: Int
    private let insert: Statement
    private let update: Statement?
    private(set) var added = 0
    private(set) var changed = 0

    init(database: Database, kind: ImportKind) throws {
        self.database = database
        let names = kind.columns.map(\.name)
        columnCount = names.count
        let placeholders = names.indices.map { "?\($0 + 1)" }
        insert = try database.prepare(
            "INSERT INTO \(kind.table) (\(names.joined(separator: ", "))) VALUES (\(placeholders.joined(separator: ", "))) ON CONFLICT DO NOTHING")
        let keySet = Set(kind.key)
        let updatable = names.indices.filter { !keySet.contains(names[$0]) }
        if updatable.isEmpty {
            update = nil
        } else {
            let assignments = updatable.map { "\(names[$0]) = ?\($0 + 1)" }.joined(separator: ", ")
            let keyMatch = kind.key.compactMap { key in names.firstIndex(of: key).map { "\(key) = ?\($0 + 1)" } }.joined(separator: " AND ")
            let current = updatable.map { names[$0] }.joined(separator: ", ")
            let incoming = updatable.map { "?\($0 + 1)" }.joined(separator: ", ")
            update = try database.prepare(
                "UPDATE \(kind.table) SET \(assignments) WHERE \(keyMatch) AND (\(current)) IS NOT (\(incoming))")
        }
    }

    mutating func write(_ batch: RowBatch) throws {
        try batch.text.withUnsafeBufferPointer { text in
            var start = batch.cells.startIndex
            while start < batch.cells.endIndex {
                let row = batch.cells[start..<(start + columnCount)]
                try bind(insert, row, text)
                try insert.execute()
                if database.changes > 0 {
                    added += 1
                } else if let update {
                    try bind(update, row, text)
                    try update.execute()
                    changed += database.changes
                }
                start += columnCount
            }
        }
    }

    /// Binds a row's cells in column order; `.bytes` text is bound from `text` without a copy.
    private func bind(_ statement: Statement, _ row: ArraySlice<Cell>, _ text: UnsafeBufferPointer<UInt8>) throws {
        for (offset, cell) in row.enumerated() {
            let index = Int32(offset + 1)
            switch cell {
            case .null: try statement.bind(.null, at: index)
            case .integer(let number): try statement.bind(.integer(number), at: index)
            case .real(let number): try statement.bind(.real(number), at: index)
            case .text(let value): try statement.bind(.text(value), at: index)
            case .bytes(let range): try statement.bind(utf8: UnsafeBufferPointer(rebasing: text[range]), at: index)
            }
        }
    }
}
