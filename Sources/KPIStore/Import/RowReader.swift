import KPIFormula
import KPIReaders

/// Reads and checks the records of one file — a CSV or a sheet — and hands the good rows on in
/// batches. Stops handing rows on at the first bad row but keeps checking, so that every problem
/// is reported in one run.
///
/// The header is the first record naming the key columns: a title and blank rows above it are
/// skipped. Blank records, a 合计 row without a key and a template's example row are skipped and
/// said so; a column the kind does not have is ignored and named (refused with `strict`).
///
/// A row is read into reused storage and its text is copied from the file's bytes into the
/// batch: no strings are made for it unless a check needs one.
struct RowReader {
    /// Rows per batch: large enough that handing a batch over costs nothing per row, small
    /// enough that a few in flight weigh a few megabytes.
    static let batchSize = 2048
    /// How many non-blank records may stand above the header (a title, a note, a date).
    static let recordsBeforeHeader = 10

    let store: Store
    let kind: ImportKind
    let file: String
    let context: ImportContext
    let columns: [ImportKind.Column]
    /// Whether a column the kind does not have refuses the file rather than being ignored.
    let strict: Bool
    /// The sheet read, when the file is a workbook: problems are placed as SHEET!CELL.
    private(set) var sheet: String?
    /// Whether a record may leave out its last fields (a sheet's row).
    private var isGrid = false
    /// The kind's checks between columns, with the row swapped in.
    private var rowCheck: RowCheck

    /// For each of the kind's columns, where it stands in the file (nil when absent).
    private var positions: [Int?] = []
    /// Where the key columns stand.
    private var keyPositions: [Int] = []
    /// Where the kind's `unfilled` column is in the file, and how many rows left it blank.
    private var unfilledPosition: Int?
    private var unfilledRows = 0
    /// Fields under no header: a value there is refused rather than dropped.
    private var unnamed: [Int] = []
    /// How many fields the header has: every CSV line must have as many.
    private var headerFields = 0
    private var headerFound = false
    /// The first non-blank record, in case no record names the key columns: its problems.
    private var firstRecordProblems: [ImportProblem]?
    private var recordsSeen = 0
    /// The current row, one cell per column.
    private var row: [Cell] = []
    private var problems: [ImportProblem] = []
    private var badRows = 0
    /// Rows read so far, bad ones included.
    private(set) var rows = 0
    /// What the reader skipped or ignored, for the summary.
    private(set) var notes: [String] = []
    /// For each column referring to another kind, the keys the database holds, loaded once.
    private var referencedKeys: [Set<String>?] = []
    /// Employees by name, loaded the first time a reference is not an id.
    private var employeesByName: [String: [(id: String, active: Bool, department: String)]]?
    /// Keys defined by this file, for references to its own kind (an employee's manager), and
    /// the keys of each name read so far.
    private var keysInFile: Set<String> = []
    private var namesInFile: [String: [String]] = [:]
    /// Whether a column refers to this kind's own keys, so that the file's keys must be kept.
    private let referencesItself: Bool
    /// References to this file's own kind, checked once the whole file is read.
    private var pendingSelfReferences: [(line: Int, column: Int, value: String, name: String)] = []
    /// The column placing a record in a period, and the closed months.
    private let periodIndex: Int?
    private let closed: ClosedPeriods
    /// Whether a row fell in a closed period.
    private var hitClosedPeriod = false

    /// Keys a dry run of earlier sheets of the same workbook would add, by kind id.
    private let addedBefore: [String: Set<String>]

    init(store: Store, kind: ImportKind, file: String, context: ImportContext, closed: ClosedPeriods, strict: Bool = false,
         addedBefore: [String: Set<String>] = [:]) {
        self.store = store
        self.addedBefore = addedBefore
        self.kind = kind
        self.file = file
        self.context = context
        self.strict = strict
        columns = kind.columns
        rowCheck = RowCheck(kind: kind, chinese: context.chinese)
        referencesItself = columns.contains { if case .reference(let target) = $0.type { return target.kind == kind } else { return false } }
        periodIndex = kind.periodColumn.flatMap { name in kind.columns.firstIndex { $0.name == name } }
        self.closed = closed
    }

    /// A message in the language of the person importing.
    private func say(_ zh: String, _ en: String) -> String { context.chinese ? zh : en }

    /// How messages name a column: its Chinese header under `zh`, its id otherwise.
    private func label(_ column: ImportKind.Column) -> String { context.chinese ? column.header : "`\(column.name)`" }

    /// The word for a record's place: a line of a text file, a row of a sheet.
    private var lineWord: String { sheet == nil ? say("行", "line") : say("行", "row") }

    // MARK: - Records

    /// Reads every record of `source`, finding the header, handing the good rows on in batches
    /// until a bad row turns up or the consumer stops. Header problems are thrown.
    mutating func read(_ source: inout some RecordSource, into handOff: HandOff<RowBatch>) throws {
        sheet = source.sheet
        isGrid = source.isGrid
        var batch = RowBatch()
        var stopped = false
        do {
            try readRecords(&source, batch: &batch, stopped: &stopped, into: handOff)
        } catch let failure as ReadFailure {
            let problem = ImportProblem(line: failure.line, column: failure.line > 0 ? 1 : 0, failure.message(chinese: context.chinese))
            guard headerFound else { throw ImportError(file: file, sheet: sheet, problems: [problem], badRows: 0) }
            report([problem])
        } catch let failure as XLSXWorkbook.Failure {
            throw ImportError(file: file, sheet: sheet, failure, chinese: context.chinese)
        }
        guard !stopped else { return }
        if !headerFound {
            throw ImportError(file: file, sheet: sheet, problems: firstRecordProblems ?? [ImportProblem(line: 0, column: 0, say(
                "文件是空的；第一行应是表头，写明各列（如 \(columns.prefix(3).map(\.header).joined(separator: "、"))）",
                "the file is empty; it needs a header row naming its columns"))], badRows: 0)
        }
        if unfilledRows > 0, let column = kind.unfilled {
            notes.append(say("\(unfilledRows) 行没有填\(columns.first { $0.name == column }?.header ?? column)（尚未填写），已跳过",
                             "\(unfilledRows) row\(unfilledRows == 1 ? "" : "s") without `\(column)` (not filled in yet) skipped"))
        }
        batch.rowsRead = rows
        _ = handOff.put(batch)
    }

    private mutating func readRecords(_ source: inout some RecordSource, batch: inout RowBatch, stopped: inout Bool,
                                      into handOff: HandOff<RowBatch>) throws {
        try source.forEachRecord { record in
            guard !record.isBlank else { return true }
            guard headerFound else {
                try findHeader(record)
                return true
            }
            rows += 1
            var rowProblems: [ImportProblem] = []
            if read(record, problems: &rowProblems) {
                if rowProblems.isEmpty, badRows == 0 {
                    batch.append(row, line: record.line, from: record.bytes)
                }
                if !rowProblems.isEmpty { report(rowProblems) }
            } else {
                rows -= 1
            }
            if rows % Self.batchSize == 0, !batch.lines.isEmpty {
                batch.rowsRead = rows
                guard handOff.put(batch) else {
                    stopped = true
                    return false
                }
                batch = RowBatch()
            }
            return true
        }
    }

    /// Takes `record` as the header when it names the key columns; else remembers the first
    /// record's problems, and gives up after a few records.
    private mutating func findHeader(_ record: Record) throws {
        recordsSeen += 1
        let names = HeaderMatch.names(of: kind)
        let header = record.fields.indices.map { record.text($0) }
        let matched = header.map { names[HeaderMatch.normalized($0)] }
        // A key column the kind's check derives (a rating's relation) need not be in the file.
        let keyIndexes = kind.key.compactMap { key in columns.firstIndex { $0.name == key && $0.storedWhenBlank != .derived } }
        let namesKey = keyIndexes.allSatisfy { matched.contains($0) }
        var headerProblems: [ImportProblem] = []
        var ignored: [String] = []
        var seen: [Int: Int] = [:]
        for (index, raw) in header.enumerated() {
            let text = raw.trimmingCharacters(in: .whitespaces)
            guard !text.isEmpty else { continue }
            if let column = matched[index] {
                if let earlier = seen[column] {
                    headerProblems.append(ImportProblem(line: record.line, column: index + 1, say(
                        "\(label(columns[column])) 这一列出现了两次（另见第 \(earlier + 1) 列）；删去其中一列",
                        "column `\(columns[column].name)` appears twice (also column \(earlier + 1)); remove one of them")))
                }
                seen[column] = seen[column] ?? index
            } else {
                let hint = HeaderMatch.closest(to: text, in: kind)
                if strict {
                    headerProblems.append(ImportProblem(line: record.line, column: index + 1, say(
                        "未知的列「\(text)」" + (hint.map { "；是否想写 \($0)？" } ?? "；\(kind.id) 的列是 \(columnList)"),
                        "unknown column `\(text)`" + (hint.map { "; did you mean \($0)?" } ?? "; the columns of \(kind.id) are \(columnList)"))))
                } else {
                    ignored.append(say("「\(text)」" + (hint.map { "（最接近的是 \($0)）" } ?? ""),
                                       "`\(text)`" + (hint.map { " (the closest known column is \($0))" } ?? "")))
                }
            }
        }
        positions = columns.indices.map { seen[$0] }
        for (column, position) in zip(columns, positions) where column.required && position == nil {
            headerProblems.append(ImportProblem(line: record.line, column: header.count + 1, say(
                "缺少必填的列 \(column.header)（\(column.name)）；\(kind.id) 的列是 \(columnList)",
                "missing required column `\(column.name)`; the columns of \(kind.id) are \(columnList)")))
        }
        guard namesKey else {
            if firstRecordProblems == nil { firstRecordProblems = headerProblems }
            if recordsSeen >= Self.recordsBeforeHeader { throw ImportError(file: file, sheet: sheet, problems: firstRecordProblems ?? [], badRows: 0) }
            return
        }
        if !headerProblems.isEmpty { throw ImportError(file: file, sheet: sheet, problems: headerProblems, badRows: 0) }
        headerFound = true
        headerFields = header.count
        keyPositions = keyIndexes.compactMap { positions[$0] }
        unfilledPosition = kind.unfilled.flatMap { name in columns.firstIndex { $0.name == name } }.flatMap { positions[$0] }
        unnamed = header.indices.filter { header[$0].trimmingCharacters(in: .whitespaces).isEmpty }
        rowCheck.inFile = Set(zip(columns, positions).compactMap { $1 == nil ? nil : $0.name })
        if recordsSeen > 1 {
            notes.append(say("表头在第 \(record.line) \(lineWord)，上方的 \(recordsSeen - 1) \(lineWord)（标题等）已跳过",
                             "the header is on \(lineWord) \(record.line); the \(recordsSeen - 1) \(lineWord)\(recordsSeen == 2 ? "" : "s") above it (a title) skipped"))
        }
        if !ignored.isEmpty {
            notes.append(say("忽略了 kpi 不认识的列：", "ignored columns kpi does not know: ") + ignored.joined(separator: ", "))
        }
        referencedKeys = try zip(columns, positions).map { column, position in
            guard position != nil, case .reference(let reference) = column.type else { return nil }
            return try keys(of: reference)
        }
    }

    /// The kind's columns as `id (中文)`, for messages.
    private var columnList: String { columns.map { "\($0.name) (\($0.header))" }.joined(separator: ", ") }

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
            if badRows < 100, let refusal = closed.refusal(for: record.month, chinese: context.chinese) {
                if let name = record.column, let index = columns.firstIndex(where: { $0.name == name }) {
                    problems.append(ImportProblem(line: record.line, column: (positions[index] ?? 0) + 1, say(
                        "\(columns[index].header)使这一改动落在 \(record.month)：", "`\(name)` places this change in \(record.month): ") + refusal))
                } else {
                    problems.append(ImportProblem(line: record.line, column: periodColumn + 1,
                                                  say("库中这条记录属于 \(record.month)：", "the stored record is dated \(record.month): ") + refusal))
                }
            }
            hitClosedPeriod = true
            badRows += 1
        }
        let keyColumn = keyPositions.first ?? 0
        for repeated in repeats {
            if badRows < 100 {
                problems.append(ImportProblem(line: repeated.line, column: keyColumn + 1, say(
                    "键 \(repeated.key) 在第 \(repeated.earlier) \(lineWord)也出现了；两行只保留一行",
                    "the key \(repeated.key) is also on \(lineWord) \(repeated.earlier); keep one of the two rows")))
            }
            badRows += 1
        }
        for pending in pendingSelfReferences where !keysInFile.contains(pending.value) {
            if badRows < 100 {
                problems.append(ImportProblem(line: pending.line, column: pending.column, say(
                    "\(pending.name)「\(pending.value)」既不在数据库里，也不在这个文件里",
                    "\(pending.name) `\(pending.value)` is neither in the database nor in this file")))
            }
            badRows += 1
        }
        if !problems.isEmpty {
            problems.sort { ($0.line, $0.column) < ($1.line, $1.column) }
            throw ImportError(file: file, sheet: sheet, problems: problems, badRows: badRows, closedPeriod: hitClosedPeriod)
        }
    }

    // MARK: - Rows

    /// Reads `record` into `row`; false when it is not a row of records at all (a 合计 row, a
    /// template's example), which is skipped and noted.
    private mutating func read(_ record: Record, problems: inout [ImportProblem]) -> Bool {
        row.removeAll(keepingCapacity: true)
        let count = record.fields.count
        if !isGrid, count < headerFields {
            // A short line would write blanks over stored values.
            problems.append(ImportProblem(line: record.line, column: count + 1, say(
                "这一行有 \(count) 个字段，表头有 \(headerFields) 个；把缺的补上（空值也要写一个逗号）",
                "the row has \(count) field\(count == 1 ? "" : "s") but the header has \(headerFields); write the missing ones, empty if need be (a comma each)")))
            return true
        }
        if count > headerFields, let extra = (headerFields..<count).first(where: { !record.fields[$0].range.isEmpty }) {
            // A long one would lose its last fields.
            problems.append(ImportProblem(line: record.line, column: extra + 1, say(
                "表头之外还有值「\(record.text(extra))」；删去它，或给这一列写上表头；含逗号的文字要加引号",
                "the row has a value beyond the header's \(headerFields) fields (`\(record.text(extra))`); remove it, name its column, or quote a text that holds a comma")))
            return true
        }
        for position in unnamed where position < count && !record.fields[position].range.isEmpty {
            problems.append(ImportProblem(line: record.line, column: position + 1, say(
                "这一列没有表头，却有值「\(record.text(position))」；写上表头，或清空它",
                "column \(position + 1) has no header but holds `\(record.text(position))`; name it or clear it")))
        }
        if keyPositions.allSatisfy({ $0 >= count || record.fields[$0].range.isEmpty }),
           let word = record.fields.indices.lazy.map({ record.text($0) }).first(where: { text in ["合计", "总计", "小计", "total"].contains { text.lowercased().contains($0) } }) {
            notes.append(say("第 \(record.line) \(lineWord)是「\(word)」行，没有键，已跳过", "\(lineWord) \(record.line) is a total (`\(word)`) without a key, skipped"))
            problems.removeAll()
            return false
        }
        if let unfilled = unfilledPosition, unfilled >= count || record.fields[unfilled].range.isEmpty {
            unfilledRows += 1
            problems.removeAll()
            return false
        }
        if let first = keyPositions.first, first < count, Self.isExample(record.utf8(first)) {
            notes.append(say("第 \(record.line) \(lineWord)是模板的示例行，已跳过", "\(lineWord) \(record.line) is the template's example row, skipped"))
            problems.removeAll()
            return false
        }
        for (index, column) in columns.enumerated() {
            let position = positions[index]
            guard let position, position < count, !record.fields[position].range.isEmpty else {
                if column.required {
                    problems.append(ImportProblem(line: record.line, column: (position ?? 0) + 1, say("\(label(column)) 必填", "`\(column.name)` is required")))
                }
                row.append(.null)
                continue
            }
            row.append(cell(record, field: position, column: index, problems: &problems))
        }
        checkRow(record.bytes, line: record.line, problems: &problems)
        checkPeriod(line: record.line, problems: &problems)
        if referencesItself, let key = row[0].text(in: record.bytes) {
            keysInFile.insert(key)
            if let nameIndex = columns.firstIndex(where: { $0.name == "name" }), let name = row[nameIndex].text(in: record.bytes) {
                namesInFile[name, default: []].append(key)
            }
        }
        return true
    }

    /// Whether a key marks a template's example row: it begins with 示例 or `example`, in any case.
    private static func isExample(_ key: UnsafeBufferPointer<UInt8>) -> Bool {
        let chinese: [UInt8] = [0xE7, 0xA4, 0xBA, 0xE4, 0xBE, 0x8B]
        if key.starts(with: chinese) { return true }
        guard key.count >= 7 else { return false }
        return zip(key.prefix(7), "example".utf8).allSatisfy { $0 | 0x20 == $1 }
    }

    // MARK: - Values

    /// The value of one field for column `column`; `.null` with a problem when it does not fit.
    private mutating func cell(_ record: Record, field position: Int, column index: Int, problems: inout [ImportProblem]) -> Cell {
        let column = columns[index]
        let field = record.fields[position]
        let bytes = record.utf8(position)
        let line = record.line, at = position + 1
        func text() -> String { record.text(position) }
        func bad(_ zh: String, _ en: String) -> Cell {
            let name = label(column)
            problems.append(ImportProblem(line: line, column: at, say("\(name)「\(text())」" + zh, "\(name) `\(text())` " + en)))
            return .null
        }
        if field.kind == .error {
            return bad("是 Excel 的错误值；改正单元格的公式或写入数值", "is an Excel error; fix the cell's formula or write a value")
        }
        switch column.type {
        case .text:
            if field.kind == .date, case .moment(let day, let seconds) = ValueForms.excelSerial(Double(text()) ?? 0) {
                return .text(seconds.map { LocalTime(seconds: day.number * 86_400 + $0).iso } ?? day.iso)
            }
            return field.kind == .doubledQuotes ? .text(text()) : .bytes(field.range)
        case .date:
            if let day = Day(utf8: bytes) { return .integer(Int64(day.number)) }
            switch moment(field, record, position) {
            case .moment(let day, _): return .integer(Int64(day.number))
            case .ambiguous: return bad("分不清日和月；请写 \(ValueForms.dateForms(chinese: context.chinese))", "could be day/month or month/day; write \(ValueForms.dateForms(chinese: context.chinese))")
            case .invalid: return bad("不是日期；请写 \(ValueForms.dateForms(chinese: context.chinese))", "is not a date; write \(ValueForms.dateForms(chinese: context.chinese))")
            }
        case .dateTime:
            if let time = LocalTime(utf8: bytes) { return .integer(Int64(time.seconds)) }
            switch moment(field, record, position) {
            case .moment(let day, let seconds?): return .integer(Int64(day.number * 86_400 + seconds))
            case .moment(let day, nil) where field.kind == .date || field.kind == .number:
                // A cell holding a whole serial holds midnight.
                return .integer(Int64(day.number * 86_400))
            case .moment(_, nil):
                return bad("只有日期，还需要时间，如 \(ValueForms.momentForms(chinese: true))", "has a date but no time; write \(ValueForms.momentForms(chinese: context.chinese))")
            case .ambiguous: return bad("分不清日和月；请写 \(ValueForms.momentForms(chinese: context.chinese))", "could be day/month or month/day; write \(ValueForms.momentForms(chinese: context.chinese))")
            case .invalid: return bad("不是日期时间；请写 \(ValueForms.momentForms(chinese: context.chinese))", "is not a date-time; write \(ValueForms.momentForms(chinese: context.chinese))")
            }
        case .integer(let minimum, let maximum):
            var number = ValueParser.integer(bytes)
            if number == nil, let value = Double(ValueForms.halfWidth(text()).trimmingCharacters(in: .whitespaces)),
               value == value.rounded(), abs(value) < 1e15 {
                number = Int64(value)
            }
            guard let number else { return bad("不是整数", "is not a whole number") }
            if let maximum, !(minimum...maximum).contains(Int(number)) {
                return bad("超出范围；应在 \(minimum) 到 \(maximum) 之间", "is out of range; it must be \(minimum) to \(maximum)")
            }
            guard number >= minimum else { return bad("太小；至少是 \(minimum)", "is too small; it must be at least \(minimum)") }
            return .integer(number)
        case .amount:
            let cents = ValueForms.cents(text(), numberCell: field.kind == .number)
            guard let cents else {
                return bad("不是金额；请写 1234.50、1,234.50 或 ¥1,234.50，最多两位小数",
                           "is not an amount; write 1234.50, 1,234.50 or ¥1,234.50, with at most two decimals")
            }
            guard cents >= 0 else { return bad("不能是负数", "must not be negative") }
            return .integer(cents)
        case .quantity:
            guard let number = ValueParser.decimal(ValueForms.halfWidth(text())) else { return bad("不是数字", "is not a number") }
            guard number >= 0 else { return bad("不能是负数", "must not be negative") }
            return .real(number)
        case .score:
            guard let number = ValueParser.decimal(ValueForms.halfWidth(text())) else { return bad("不是数字", "is not a number") }
            return .real(number)
        case .bool:
            if bytes.count == 1, bytes[0] == UInt8(ascii: "0") || bytes[0] == UInt8(ascii: "1") { return .integer(bytes[0] == UInt8(ascii: "1") ? 1 : 0) }
            guard let flag = ValueParser.bool(ValueForms.halfWidth(text()).trimmingCharacters(in: .whitespaces)) else {
                return bad("应是 是/否（也可写 Y/N、TRUE/FALSE、1/0）", "must be yes or no (yes/no, Y/N, true/false, 1/0, 是/否)")
            }
            return .integer(flag ? 1 : 0)
        case .choice(let choices, let names):
            if let choice = choices.first(where: { $0.utf8.elementsEqual(bytes) }) { return .text(choice) }
            let written = ValueForms.halfWidth(text()).trimmingCharacters(in: .whitespaces)
            let lowered = written.lowercased()
            if let choice = choices.first(where: { $0.lowercased() == lowered }) { return .text(choice) }
            if let place = names.firstIndex(of: written) { return .text(choices[place]) }
            if let choice = context.choiceNames[column.name]?[written] { return .text(choice) }
            let named = zip(choices, names).map { "\($0) \($1)" } + (context.choiceNames[column.name] ?? [:]).sorted { $0.value < $1.value }.map { "\($0.value) \($0.key)" }
            let listed = named.isEmpty ? choices.joined(separator: ", ") : named.joined(separator: ", ")
            return bad("不是可选的值；可选：\(listed)", "is not one of the choices: \(listed)")
        case .month:
            if field.kind == .date, case .moment(let day, _) = ValueForms.excelSerial(Double(text()) ?? 0) {
                return .text(Period.month(of: day).description)
            }
            guard let period = Period(text()).flatMap({ $0.length == .month ? $0 : nil }) ?? ValueForms.month(text()) else {
                return bad("不是月份；请写 2026-10、2026/10 或 2026年10月", "is not a month; write 2026-10, 2026/10 or 2026年10月")
            }
            return .text(period.description)
        case .reference(let reference):
            let key = text()
            if reference.kind == kind {
                guard referencedKeys[index]?.contains(key) != true, !keysInFile.contains(key) else { return .text(key) }
                // A name stands for the one person of that name in the database or on an earlier line.
                switch employee(named: key) {
                case .one(let id): return .text(id)
                case .several(let candidates):
                    return bad("有重名：\(candidates)；请写工号", "names more than one person: \(candidates); write the employee id")
                case .none: break
                }
                pendingSelfReferences.append((line, at, key, column.name))
                return .text(key)
            }
            if referencedKeys[index]?.contains(key) == true { return .text(key) }
            if reference == .employee {
                switch employee(named: key) {
                case .one(let id): return .text(id)
                case .several(let candidates):
                    return bad("有重名：\(candidates)；请写工号", "names more than one person: \(candidates); write the employee id")
                case .none: break
                }
            }
            return bad("不在数据库里；先导入 \(reference.kind.id)，或写 \(reference.kind.columns[0].header)",
                       "is not a known \(reference.rawValue) (by id\(reference == .employee ? " or name" : "")); import the \(reference.kind.id) first")
        }
    }

    /// A date or moment from a date cell, a number cell (an Excel serial), or text in any of the
    /// forms people write.
    private func moment(_ field: Field, _ record: Record, _ position: Int) -> ValueForms.Moment {
        if field.kind == .date || field.kind == .number, let serial = ValueForms.number(record.utf8(position)) {
            return ValueForms.excelSerial(serial)
        }
        return ValueForms.moment(record.text(position))
    }

    private enum NameMatch { case one(String), several(String), none }

    /// The employee a name stands for: the one person of that name, or the one active among
    /// several; several active ones are listed with their departments.
    private mutating func employee(named name: String) -> NameMatch {
        if employeesByName == nil {
            var byName: [String: [(id: String, active: Bool, department: String)]] = [:]
            try? store.database.prepare("SELECT id, name, leave_date IS NULL, role FROM employees").forEach { row in
                let role = row.text(3)
                byName[row.text(1), default: []].append((row.text(0), row.int(2) == 1, context.departmentOfRole?(role) ?? role))
            }
            employeesByName = byName
        }
        let written = name.trimmingCharacters(in: .whitespaces)
        let inFile = (namesInFile[written] ?? []).map { (id: $0, active: true, department: "") }
        let candidates = (employeesByName?[written] ?? []).filter { stored in !inFile.contains { $0.id == stored.id } } + inFile
        let active = candidates.filter(\.active)
        if candidates.count == 1 { return .one(candidates[0].id) }
        if active.count == 1 { return .one(active[0].id) }
        guard !candidates.isEmpty else { return .none }
        return .several((active.isEmpty ? candidates : active).map { "\($0.id)\($0.department.isEmpty ? "" : " (\($0.department))")" }.joined(separator: ", "))
    }

    private func keys(of reference: ImportKind.Reference) throws -> Set<String> {
        Set(try store.keys(of: reference)).union(addedBefore[reference.kind.id] ?? [])
    }

    // MARK: - Checks

    /// Refuses a record dated in a closed period.
    private mutating func checkPeriod(line: Int, problems: inout [ImportProblem]) {
        guard !closed.isEmpty, let index = periodIndex else { return }
        if let month = kind.month(ofPeriodValue: row[index]), let refusal = closed.refusal(for: month, chinese: context.chinese) {
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
