/// Writes checked rows into a kind's table: inserts new keys, updates rows whose key exists when
/// something differs, and counts which was which. A key the file already gave on an earlier line
/// is not written again but reported, with both lines: which of the two rows should stand is for
/// the person who wrote the file to say.
struct RowWriter {
    private let database: Database
    private let columnCount: Int
    /// Where the key columns stand in a row.
    private let keyPositions: [Int]
    private let insert: Statement
    private let update: Statement?
    /// The rowid of a key's row.
    private let locate: Statement
    /// The table's highest rowid before the import: rows above it are this file's.
    private let rowidBefore: Int64
    /// The file line of each row this import inserted, by insertion order (rowid − `rowidBefore` − 1).
    private var insertedLines = InsertedLines()
    /// Rows that were in the table before and that this file gave again, with the line: a
    /// temporary table, as a re-import may touch millions of them.
    private let touch: Statement
    private let touchedLine: Statement
    private(set) var added = 0
    private(set) var changed = 0
    /// Rows whose key an earlier line of the file gave: (line, earlier line, the key as written).
    private(set) var repeats: [(line: Int, earlier: Int, key: String)] = []
    /// Rows that would change what a closed period counted: (line, that month, the date column
    /// placing it there — nil for the kind's period column, whose stored value it was).
    private(set) var closedRecords: [(line: Int, month: Period, column: String?)] = []
    /// The kind's dated groups as places in a row, every column any of them names, and the
    /// statement reading those columns' stored values.
    private let groups: [(date: Int, columns: [Int])]
    private let groupColumns: [Int]
    private let readGroups: Statement?
    private let kind: ImportKind
    private let closed: ClosedPeriods
    /// The month of the stored record the last row's key found, if it has one.
    private var storedMonth: Period?
    /// Where the period column stands in a row, if the kind has one.
    private let periodPosition: Int?
    /// Rows added and changed per month of their period column.
    private(set) var months: MonthTally
    /// The audited columns (`ImportKind.auditedChanges`) with their place in a row, and the
    /// statement reading their stored values.
    private let audited: [(name: String, position: Int)]
    private let readAudited: Statement?
    /// Changes to audited columns, as `E3: role svc-eng → svc-mgr`.
    private(set) var auditedChanges: [String] = []

    /// Whether the rows are only checked: counted as they would be written, with nothing written
    /// to the table, so that the import needs no write lock.
    private let dryRun: Bool
    /// In a dry run: whether a row would change its stored record.
    private let wouldChange: Statement?
    /// In a dry run: the keys new to the table, with their line, in a temporary table.
    private let newKey: Statement
    private let newKeyLine: Statement

    init(database: Database, kind: ImportKind, closed: ClosedPeriods, dryRun: Bool) throws {
        self.database = database
        self.dryRun = dryRun
        self.kind = kind
        self.closed = closed
        periodPosition = kind.periodColumn.flatMap { name in kind.columns.firstIndex { $0.name == name } }
        months = MonthTally(kind: kind)
        let audited: [(name: String, position: Int)] = kind.auditedChanges.compactMap { name in
            kind.columns.firstIndex { $0.name == name }.map { (name: name, position: $0) }
        }
        self.audited = audited
        let byKey = kind.key.enumerated().map { "\(ImportKind.sql($1)) = ?\($0 + 1)" }.joined(separator: " AND ")
        func place(_ name: String) -> Int? { kind.columns.firstIndex { $0.name == name } }
        groups = kind.datedGroups.compactMap { group in place(group.date).map { date in (date, [date] + group.with.compactMap(place)) } }
        groupColumns = Array(Set(groups.flatMap(\.columns))).sorted()
        readGroups = groupColumns.isEmpty ? nil : try database.prepare(
            "SELECT \(groupColumns.map { ImportKind.sql(kind.columns[$0].name) }.joined(separator: ", ")) FROM \(kind.table) WHERE \(byKey)")
        readAudited = audited.isEmpty ? nil
            : try database.prepare("SELECT \(audited.map { ImportKind.sql($0.name) }.joined(separator: ", ")) FROM \(kind.table) WHERE \(byKey)")
        let columnNames = kind.columns.map(\.name)
        let names = columnNames.map(ImportKind.sql)
        columnCount = names.count
        keyPositions = kind.key.compactMap { columnNames.firstIndex(of: $0) }
        let placeholders = names.indices.map { "?\($0 + 1)" }
        insert = try database.prepare(
            "INSERT INTO \(kind.table) (\(names.joined(separator: ", "))) VALUES (\(placeholders.joined(separator: ", "))) ON CONFLICT DO NOTHING")
        let keySet = Set(kind.key)
        let updatable = names.indices.filter { !keySet.contains(columnNames[$0]) }
        let keyMatch = keyPositions.map { "\(names[$0]) = ?\($0 + 1)" }.joined(separator: " AND ")
        if updatable.isEmpty {
            update = nil
            wouldChange = nil
        } else {
            let assignments = updatable.map { "\(names[$0]) = ?\($0 + 1)" }.joined(separator: ", ")
            let current = updatable.map { names[$0] }.joined(separator: ", ")
            let incoming = updatable.map { "?\($0 + 1)" }.joined(separator: ", ")
            update = try database.prepare(
                "UPDATE \(kind.table) SET \(assignments) WHERE \(keyMatch) AND (\(current)) IS NOT (\(incoming))")
            wouldChange = try database.prepare(
                "SELECT 1 FROM \(kind.table) WHERE \(keyMatch) AND (\(current)) IS NOT (\(incoming))")
        }
        locate = try database.prepare("SELECT rowid, \(kind.periodColumn.map(ImportKind.sql) ?? "NULL") FROM \(kind.table) WHERE \(byKey)")
        try database.execute("""
            CREATE TEMP TABLE IF NOT EXISTS import_touched (row INTEGER PRIMARY KEY, line INTEGER NOT NULL);
            CREATE TEMP TABLE IF NOT EXISTS import_new (key TEXT PRIMARY KEY, line INTEGER NOT NULL);
            DELETE FROM import_touched;
            DELETE FROM import_new;
            """, context: "preparing the import")
        newKey = try database.prepare("INSERT INTO import_new (key, line) VALUES (?1, ?2) ON CONFLICT DO NOTHING")
        newKeyLine = try database.prepare("SELECT line FROM import_new WHERE key = ?1")
        touch = try database.prepare("INSERT INTO import_touched (row, line) VALUES (?1, ?2) ON CONFLICT DO NOTHING")
        touchedLine = try database.prepare("SELECT line FROM import_touched WHERE row = ?1")
        var highest: Int64 = 0
        try database.prepare("SELECT COALESCE(MAX(rowid), 0) FROM \(kind.table)").forEach { highest = $0.int(0) }
        rowidBefore = highest
    }

    /// The keys the last dry run found new to its table: what its rows would add.
    static func keysNewInDryRun(_ database: Database) throws -> Set<String> {
        var keys = Set<String>()
        try database.prepare("SELECT key FROM import_new").forEach { keys.insert($0.text(0)) }
        return keys
    }

    mutating func write(_ batch: RowBatch) throws {
        try batch.text.withUnsafeBufferPointer { text in
            var start = batch.cells.startIndex
            var number = 0
            while start < batch.cells.endIndex {
                let row = batch.cells[start..<(start + columnCount)]
                let line = batch.lines[number]
                if dryRun {
                    try check(row, line: line, text)
                    start += columnCount
                    number += 1
                    continue
                }
                try bind(insert, row, text)
                try insert.execute()
                if database.changes > 0 {
                    added += 1
                    insertedLines.append(line)
                    if let periodPosition { months.count(row[start + periodPosition], added: true) }
                    noteClosedGroup(of: row, stored: nil, line: line, text)
                } else if try !refusesStored(row, line: line, text), let update {
                    let before = try auditedValues(of: row, text)
                    try bind(update, row, text)
                    try update.execute()
                    if database.changes > 0 {
                        changed += 1
                        noteAuditedChanges(from: before, to: row, text)
                        if let periodPosition { months.count(row[start + periodPosition], added: false) }
                    }
                }
                start += columnCount
                number += 1
            }
        }
    }

    /// A dry run's row: counted as added or changed as its write would be, its key checked against
    /// the file's earlier lines, nothing written to the table.
    private mutating func check(_ row: ArraySlice<Cell>, line: Int32, _ text: UnsafeBufferPointer<UInt8>) throws {
        try bindKey(locate, row, text)
        guard try locate.first({ _ in true }) != nil else {
            let key = keyText(row, text)
            try newKey.run([.text(key), .integer(Int64(line))])
            if database.changes > 0 {
                added += 1
                noteClosedGroup(of: row, stored: nil, line: line, text)
            } else {
                try newKeyLine.bind([.text(key)])
                repeats.append((Int(line), Int(try newKeyLine.first { $0.int(0) } ?? 0), key))
            }
            return
        }
        if try !refusesStored(row, line: line, text), let wouldChange {
            try bind(wouldChange, row, text)
            if try wouldChange.first({ _ in true }) != nil { changed += 1 }
        }
    }

    /// Whether a row whose key the table holds must not be written, noting why: its key came on an
    /// earlier line of the file, or the record it would change counts in a closed month (by the
    /// kind's period column or a dated group).
    private mutating func refusesStored(_ row: ArraySlice<Cell>, line: Int32, _ text: UnsafeBufferPointer<UInt8>) throws -> Bool {
        if let earlier = try earlierLine(of: row, line: line, text) {
            repeats.append((Int(line), Int(earlier), keyText(row, text)))
        } else if let month = storedMonth, closed.refusal(for: month) != nil {
            closedRecords.append((Int(line), month, nil))
        } else if !noteClosedGroup(of: row, stored: try storedGroupValues(of: row, text), line: line, text) {
            return false
        }
        return true
    }

    /// Notes a dated group the row adds or changes in a closed month; whether there was one.
    @discardableResult
    private mutating func noteClosedGroup(of row: ArraySlice<Cell>, stored: [Int: String]?, line: Int32,
                                         _ text: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let hit = closedGroup(of: row, stored: stored, text) else { return false }
        closedRecords.append((Int(line), hit.month, hit.column))
        return true
    }

    /// The stored values of the dated groups' columns of `row`'s record, as text by place in a row.
    private func storedGroupValues(of row: ArraySlice<Cell>, _ text: UnsafeBufferPointer<UInt8>) throws -> [Int: String]? {
        guard let readGroups else { return nil }
        try bindKey(readGroups, row, text)
        return try readGroups.first { stored in
            Dictionary(uniqueKeysWithValues: groupColumns.enumerated().map { index, position in
                (position, stored.isNull(Int32(index)) ? "" : stored.text(Int32(index)))
            })
        }
    }

    /// The first dated group that `row` adds (`stored` nil) or changes, whose date before or after
    /// falls in a closed month: that month and the date column.
    private func closedGroup(of row: ArraySlice<Cell>, stored: [Int: String]?, _ text: UnsafeBufferPointer<UInt8>) -> (month: Period, column: String)? {
        guard !groups.isEmpty, !closed.isEmpty else { return nil }
        func raw(_ position: Int) -> String { row[row.startIndex + position].text(in: text) ?? "" }
        func closedMonth(_ day: String?) -> Period? {
            guard let number = day.flatMap({ Int($0) }) else { return nil }
            let month = Period.month(of: Day(number: number))
            return closed.refusal(for: month) == nil ? nil : month
        }
        for group in groups {
            if let stored {
                guard group.columns.contains(where: { stored[$0] != raw($0) }) else { continue }
                if let month = closedMonth(stored[group.date]) ?? closedMonth(raw(group.date)) { return (month, kind.columns[group.date].name) }
            } else if let month = closedMonth(raw(group.date)) {
                return (month, kind.columns[group.date].name)
            }
        }
        return nil
    }

    /// The earlier line of this file that gave `row`'s key, or nil when this is the first; a
    /// key the table held before is noted as given on `line`, and the month its stored record
    /// falls in kept in `storedMonth`.
    private mutating func earlierLine(of row: ArraySlice<Cell>, line: Int32, _ text: UnsafeBufferPointer<UInt8>) throws -> Int32? {
        try bindKey(locate, row, text)
        storedMonth = nil
        guard let (rowid, stored) = try locate.first({ ($0.int(0), Cell.stored($0, 1)) }) else { return nil }
        storedMonth = kind.month(ofPeriodValue: stored)
        if rowid > rowidBefore {
            return insertedLines.line(at: Int(rowid - rowidBefore) - 1)
        }
        try touch.run([.integer(rowid), .integer(Int64(line))])
        guard database.changes == 0 else { return nil }
        try touchedLine.bind([.integer(rowid)])
        return try touchedLine.first { Int32(clamping: $0.int(0)) }
    }

    /// The stored values of the audited columns of `row`'s record, as shown; empty when none are audited.
    private func auditedValues(of row: ArraySlice<Cell>, _ text: UnsafeBufferPointer<UInt8>) throws -> [String] {
        guard let readAudited else { return [] }
        try bindKey(readAudited, row, text)
        return try readAudited.first { stored in
            audited.indices.map { shown(Cell.stored(stored, Int32($0)), column: audited[$0].position, text) }
        } ?? []
    }

    /// Notes each audited column whose value changed from `before`.
    private mutating func noteAuditedChanges(from before: [String], to row: ArraySlice<Cell>, _ text: UnsafeBufferPointer<UInt8>) {
        guard before.count == audited.count else { return }
        let changes = audited.indices.compactMap { index -> String? in
            let after = shown(row[row.startIndex + audited[index].position], column: audited[index].position, text)
            return after == before[index] ? nil : "\(audited[index].name) \(before[index]) → \(after)"
        }
        if !changes.isEmpty { auditedChanges.append("\(keyText(row, text)): " + changes.joined(separator: ", ")) }
    }

    /// A cell of column `position` as a person reads it: a date as `YYYY-MM-DD`, a blank as "—".
    private func shown(_ cell: Cell, column position: Int, _ text: UnsafeBufferPointer<UInt8>) -> String {
        if case .integer(let number) = cell, kind.columns[position].type == .date { return Day(number: Int(number)).iso }
        return cell.text(in: text) ?? "—"
    }

    /// The key as the file wrote it, `E1` or `E1 / 2026-10`.
    private func keyText(_ row: ArraySlice<Cell>, _ text: UnsafeBufferPointer<UInt8>) -> String {
        keyPositions.map { row[row.startIndex + $0].text(in: text) ?? "" }.joined(separator: " / ")
    }

    /// Binds `row`'s key cells as ?1, ?2, … of a statement that finds its record by key.
    private func bindKey(_ statement: Statement, _ row: ArraySlice<Cell>, _ text: UnsafeBufferPointer<UInt8>) throws {
        try bind(statement, ArraySlice(keyPositions.map { row[row.startIndex + $0] }), text)
    }

    /// Binds cells in order as ?1, ?2, …; `.bytes` text is bound from `text` without a copy.
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
