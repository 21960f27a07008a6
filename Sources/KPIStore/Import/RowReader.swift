import KPIFormula

/// Reads and checks the rows of one file and hands the good ones on in batches. Stops handing
/// rows on at the first bad row but keeps checking, so that every problem is reported in one run.
///
/// A row is read into reused storage and its text is copied from the file's bytes into the
/// batch: no strings are made for it unless a check needs one.
struct RowReader {
    /// Rows per batch: large enough that handing a batch over costs nothing per row, small
    /// enough that a few in flight weigh a few megabytes.
    static let batchSize = 2048

    let store: Store
    let kind: ImportKind
    let file: String
    let context: ImportContext
    let columns: [ImportKind.Column]
    /// The kind's checks between columns, with the row swapped in.
    private var rowCheck: RowCheck

    /// For each of the kind's columns, where it stands in the file (nil when absent).
    private var positions: [Int?] = []
    /// How many fields the header has: every row must have as many.
    private var headerFields = 0
    /// The current row, one cell per column.
    private var row: [Cell] = []
    private var problems: [ImportProblem] = []
    private var badRows = 0
    /// Rows read so far, bad ones included.
    private(set) var rows = 0
    /// For each column referring to another kind, the keys the database holds, loaded once.
    private var referencedKeys: [Set<String>?] = []
    /// Keys defined by this file, for references to its own kind (an employee's manager).
    private var keysInFile: Set<String> = []
    /// Whether a column refers to this kind's own keys, so that the file's keys must be kept.
    private let referencesItself: Bool
    /// References to this file's own kind, checked once the whole file is read.
    private var pendingSelfReferences: [(line: Int, column: Int, value: String, name: String)] = []
    /// The column placing a record in a period, and the closed months.
    private let periodIndex: Int?
    private let closed: ClosedPeriods
    /// Whether a row fell in a closed period.
    private var hitClosedPeriod = false

    init(store: Store, kind: ImportKind, file: String, context: ImportContext, closed: ClosedPeriods) throws {
        self.store = store
        self.kind = kind
        self.file = file
        self.context = context
        columns = kind.columns
        rowCheck = RowCheck(kind: kind)
        referencesItself = columns.contains { if case .reference(let target) = $0.type { return target.kind == kind } else { return false } }
        periodIndex = kind.periodColumn.flatMap { name in kind.columns.firstIndex { $0.name == name } }
        self.closed = closed
    }

    mutating func readHeader(_ reader: inout CSVReader) throws {
        do {
            guard try reader.next() else {
                throw ImportError(file: file, problems: [ImportProblem(line: 0, column: 0, "the file is empty; it needs a header row naming its columns")], badRows: 0)
            }
        } catch let failure as CSVReader.Failure {
            throw ImportError(file: file, problems: [ImportProblem(line: failure.line, column: 1, failure.message)], badRows: 0)
        }
        let header = reader.fields.indices.map { reader.text($0) }
        headerFields = header.count
        let names = columns.map(\.name)
        var seen: [String: Int] = [:]
        var headerProblems: [ImportProblem] = []
        for (index, raw) in header.enumerated() {
            let name = raw.lowercased()
            if let earlier = seen[name] {
                headerProblems.append(ImportProblem(line: reader.line, column: index + 1, "column `\(name)` appears twice (also column \(earlier + 1))"))
            } else if !names.contains(name) {
                let hint = closestMatch(to: name, among: names).map { "; did you mean `\($0)`?" }
                    ?? "; the columns of \(kind.id) are \(names.joined(separator: ", "))"
                headerProblems.append(ImportProblem(line: reader.line, column: index + 1, "unknown column `\(raw)`\(hint)"))
            }
            seen[name] = seen[name] ?? index
        }
        positions = names.map { seen[$0] }
        rowCheck.inFile = Set(zip(names, positions).compactMap { $1 == nil ? nil : $0 })
        for (column, position) in zip(columns, positions) where column.required && position == nil {
            headerProblems.append(ImportProblem(line: reader.line, column: header.count + 1,
                                                "missing required column `\(column.name)`; the columns of \(kind.id) are \(names.joined(separator: ", "))"))
        }
        if !headerProblems.isEmpty {
            throw ImportError(file: file, problems: headerProblems, badRows: 0)
        }
        referencedKeys = try zip(columns, positions).map { column, position in
            guard position != nil, case .reference(let reference) = column.type else { return nil }
            return try keys(of: reference)
        }
    }

    /// Reads every row after the header, handing the good ones on in batches until a bad row
    /// turns up or the consumer stops.
    mutating func readRows(_ reader: inout CSVReader, into handOff: HandOff<RowBatch>) {
        var batch = RowBatch()
        while true {
            do {
                guard try reader.next() else { break }
            } catch {
                report([ImportProblem(line: error.line, column: 1, error.message)])
                break
            }
            rows += 1
            var rowProblems: [ImportProblem] = []
            reader.buffer.withUnsafeBufferPointer { buffer in
                read(reader, buffer, problems: &rowProblems)
                if rowProblems.isEmpty, badRows == 0 {
                    batch.append(row, line: reader.line, from: buffer)
                }
            }
            if !rowProblems.isEmpty {
                report(rowProblems)
            }
            if rows % Self.batchSize == 0 {
                batch.rowsRead = rows
                guard handOff.put(batch) else { return }
                batch = RowBatch()
            }
        }
        batch.rowsRead = rows
        _ = handOff.put(batch)
    }

    private mutating func report(_ rowProblems: [ImportProblem]) {
        badRows += 1
        if badRows <= 100 { problems += rowProblems }
    }

    /// Refuses the file, every problem in line order, when any row was bad, repeated the key of
    /// an earlier line (`repeats`), or would change a stored record dated in a closed period
    /// (`closedRecords`), both found by the writer; references to the file's own kind are
    /// settled here, once all its keys are known.
    mutating func finish(repeats: [(line: Int, earlier: Int, key: String)], closedRecords: [(line: Int, month: Period, column: String?)]) throws {
        let periodColumn = periodIndex.flatMap { positions[$0] } ?? 0
        for record in closedRecords {
            if badRows < 100, let refusal = closed.refusal(for: record.month) {
                if let name = record.column {
                    let position = columns.firstIndex { $0.name == name }.flatMap { positions[$0] } ?? 0
                    problems.append(ImportProblem(line: record.line, column: position + 1,
                                                  "`\(name)` places this change in \(record.month): " + refusal))
                } else {
                    problems.append(ImportProblem(line: record.line, column: periodColumn + 1, "the stored record is dated \(record.month): " + refusal))
                }
            }
            hitClosedPeriod = true
            badRows += 1
        }
        let keyColumn = kind.key.first.flatMap { name in columns.firstIndex { $0.name == name } }.flatMap { positions[$0] } ?? 0
        for repeated in repeats {
            if badRows < 100 {
                problems.append(ImportProblem(line: repeated.line, column: keyColumn + 1,
                                              "the key \(repeated.key) is also on line \(repeated.earlier); keep one of the two rows"))
            }
            badRows += 1
        }
        for pending in pendingSelfReferences where !keysInFile.contains(pending.value) {
            if badRows < 100 {
                problems.append(ImportProblem(line: pending.line, column: pending.column,
                                              "\(pending.name) `\(pending.value)` is neither in the database nor in this file"))
            }
            badRows += 1
        }
        if !problems.isEmpty {
            problems.sort { ($0.line, $0.column) < ($1.line, $1.column) }
            throw ImportError(file: file, problems: problems, badRows: badRows, closedPeriod: hitClosedPeriod)
        }
    }

    // MARK: - Values

    /// Reads the reader's current record into `row`.
    private mutating func read(_ reader: CSVReader, _ buffer: UnsafeBufferPointer<UInt8>, problems: inout [ImportProblem]) {
        row.removeAll(keepingCapacity: true)
        if reader.fields.count != headerFields {
            // A short row would write blanks over stored values; a long one would lose its last fields.
            let count = reader.fields.count
            problems.append(ImportProblem(line: reader.line, column: min(count, headerFields) + 1,
                                          "the row has \(count) field\(count == 1 ? "" : "s") but the header has \(headerFields); "
                                          + (count < headerFields ? "write the missing ones, empty if need be (a comma each)"
                                                                  : "remove the extra ones, or quote a text that holds a comma")))
            return
        }
        for (index, column) in columns.enumerated() {
            let position = positions[index]
            guard let position, position < reader.fields.count, !reader.fields[position].range.isEmpty else {
                if column.required {
                    problems.append(ImportProblem(line: reader.line, column: (position ?? 0) + 1, "`\(column.name)` is required"))
                }
                row.append(.null)
                continue
            }
            row.append(cell(reader, buffer, field: position, column: index, problems: &problems))
        }
        checkRow(buffer, line: reader.line, problems: &problems)
        checkPeriod(line: reader.line, problems: &problems)
        if referencesItself, let key = text(row[0], buffer) {
            keysInFile.insert(key)
        }
    }

    /// The value of one field for column `column`; `.null` with a problem when it does not fit.
    private mutating func cell(_ reader: CSVReader, _ buffer: UnsafeBufferPointer<UInt8>, field position: Int, column index: Int,
                               problems: inout [ImportProblem]) -> Cell {
        let column = columns[index]
        let field = reader.fields[position]
        let bytes = UnsafeBufferPointer(rebasing: buffer[field.range])
        let line = reader.line, at = position + 1
        func text() -> String { reader.text(position) }
        func bad(_ message: String) -> Cell {
            problems.append(ImportProblem(line: line, column: at, message))
            return .null
        }
        switch column.type {
        case .text:
            return field.hasDoubledQuotes ? .text(text()) : .bytes(field.range)
        case .date:
            guard let day = Day(utf8: bytes) else { return bad("`\(column.name)` must be a date YYYY-MM-DD, found `\(text())`") }
            return .integer(Int64(day.number))
        case .dateTime:
            guard let time = LocalTime(utf8: bytes) else {
                return bad("`\(column.name)` must be a date-time YYYY-MM-DDTHH:MM[:SS] (optionally with an offset), found `\(text())`")
            }
            return .integer(Int64(time.seconds))
        case .integer(let minimum, let maximum):
            guard let number = ValueParser.integer(bytes) else { return bad("`\(column.name)` must be a whole number, found `\(text())`") }
            if let maximum, !(minimum...maximum).contains(Int(number)) {
                return bad("`\(column.name)` must be \(minimum) to \(maximum), found \(number)")
            }
            guard number >= minimum else { return bad("`\(column.name)` must be at least \(minimum), found \(number)") }
            return .integer(number)
        case .amount:
            guard let cents = ValueParser.cents(text()) else {
                return bad("`\(column.name)` must be an amount with at most two decimals, such as 1234.50 or 1,234.50, found `\(text())`")
            }
            guard cents >= 0 else { return bad("`\(column.name)` must not be negative, found \(text())") }
            return .integer(cents)
        case .quantity:
            guard let number = ValueParser.decimal(text()) else { return bad("`\(column.name)` must be a number, found `\(text())`") }
            guard number >= 0 else { return bad("`\(column.name)` must not be negative, found \(text())") }
            return .real(number)
        case .score:
            guard let number = ValueParser.decimal(text()) else { return bad("`\(column.name)` must be a number, found `\(text())`") }
            return .real(number)
        case .bool:
            guard let flag = ValueParser.bool(text()) else {
                return bad("`\(column.name)` must be yes or no (yes/no, true/false, 1/0, 是/否), found `\(text())`")
            }
            return .integer(flag ? 1 : 0)
        case .choice(let choices):
            if let choice = choices.first(where: { $0.utf8.elementsEqual(bytes) }) { return .text(choice) }
            let lowered = text().lowercased()
            guard let choice = choices.first(where: { $0.lowercased() == lowered }) else {
                return bad("`\(column.name)` must be one of \(choices.joined(separator: ", ")), found `\(text())`")
            }
            return .text(choice)
        case .month:
            guard let period = Period(text()), period.length == .month else {
                return bad("`\(column.name)` must be a month YYYY-MM, found `\(text())`")
            }
            return .text(period.description)
        case .reference(let reference):
            let key = text()
            if reference.kind == kind {
                if referencedKeys[index]?.contains(key) != true {
                    pendingSelfReferences.append((line, at, key, column.name))
                }
                return .text(key)
            }
            guard referencedKeys[index]?.contains(key) == true else {
                return bad("unknown \(reference.rawValue) `\(key)` in `\(column.name)`; import the \(reference.kind.id) first")
            }
            return .text(key)
        }
    }

    private func keys(of reference: ImportKind.Reference) throws -> Set<String> {
        var keys = Set<String>()
        try store.database.prepare("SELECT \(reference.kind.key[0]) FROM \(reference.kind.table)").forEach { keys.insert($0.text(0)) }
        return keys
    }

    /// The text of a cell, or nil when it holds none.
    private func text(_ cell: Cell, _ buffer: UnsafeBufferPointer<UInt8>) -> String? {
        switch cell {
        case .text(let value): return value
        case .bytes(let range): return String(decoding: UnsafeBufferPointer(rebasing: buffer[range]), as: UTF8.self)
        default: return nil
        }
    }

    // MARK: - Rows

    /// Refuses a record dated in a closed period.
    private mutating func checkPeriod(line: Int, problems: inout [ImportProblem]) {
        guard !closed.isEmpty, let index = periodIndex else { return }
        if let month = kind.month(ofPeriodValue: row[index]), let refusal = closed.refusal(for: month) {
            hitClosedPeriod = true
            problems.append(ImportProblem(line: line, column: (positions[index] ?? 0) + 1, refusal))
        }
    }

    /// The kind's checks between the columns of one row, which also fill derived values; each
    /// problem is placed at its column in the file.
    private mutating func checkRow(_ buffer: UnsafeBufferPointer<UInt8>, line: Int, problems: inout [ImportProblem]) {
        guard let check = kind.check else { return }
        swap(&row, &rowCheck.row)
        rowCheck.buffer = buffer
        rowCheck.found.removeAll(keepingCapacity: true)
        check(&rowCheck, context)
        swap(&row, &rowCheck.row)
        for problem in rowCheck.found {
            let position = columns.firstIndex { $0.name == problem.column }.flatMap { positions[$0] } ?? 0
            problems.append(ImportProblem(line: line, column: position + 1, problem.message))
        }
    }
}
