import KPIFormula

/// One kind of operational record that `kpi import` reads: its table, columns, key, owner and
/// period column, declared once in `ImportKind+Declarations.swift`. The table's schema, the
/// reader's checks, the help text and the reference docs all come from the declaration.
public struct ImportKind: Hashable, Sendable, CustomStringConvertible {
    /// The name on the command line: `tickets`, `stock-movements`.
    public let id: String
    public let table: String
    /// What one row is, in Chinese and in English.
    public let nameZh: String
    public let nameEn: String
    /// The columns of the file, in the table's order.
    public let columns: [Column]
    /// The columns making a row's key.
    public let key: [String]
    /// Whose record a row is (the employee it counts for), as a person reads it.
    public let owner: Owner
    /// The column whose date places a record in a period, for the closed-period check.
    public let periodColumn: String?
    /// The permission that lets a role import this kind (`import:service`); nil when only
    /// `import:all` and `appraisal:admin` may.
    public let importRight: String?
    /// Secondary indexes of the table.
    let indexes: [Index]
    /// Checks between the columns of one row, and values derived from others.
    let check: (@Sendable (inout RowCheck, ImportContext) -> Void)?
    /// Columns whose every change the audit log records with the value before and after (an
    /// employee's role, manager and dates: what rights and results hang on).
    var auditedChanges: [String] = []
    /// For a kind without a period column: each date that places some of its columns in a period
    /// (a project's costs count in the month of its `actual_end`). A row that adds or changes any
    /// of them is refused when the date, before or after, falls in a closed month.
    var datedGroups: [DatedGroup] = []
    /// For a kind filled in on a form (a rating form): the column a row leaves blank when it is
    /// not filled in yet; such a row is skipped, and the summary says how many were.
    var unfilled: String?

    /// A date column and the columns that count in its period.
    struct DatedGroup: Sendable {
        let date: String
        let with: [String]
    }

    public var description: String { id }

    public static func == (lhs: ImportKind, rhs: ImportKind) -> Bool { lhs.id == rhs.id }
    public func hash(into hasher: inout Hasher) { hasher.combine(id) }

    /// The month a record falls in, from the value of its period column (a day, a moment or a
    /// month, as stored); nil when the kind has none or the value is blank.
    func month(ofPeriodValue cell: Cell) -> Period? {
        guard let name = periodColumn, let type = columns.first(where: { $0.name == name })?.type else { return nil }
        switch (cell, type) {
        case (.text(let text), _): return Period(text)
        case (.integer(let number), .dateTime): return Period.month(of: LocalTime(seconds: Int(number)).day)
        case (.integer(let number), _): return Period.month(of: Day(number: Int(number)))
        default: return nil
        }
    }

    /// The kind called `id` on the command line.
    public static func named(_ id: String) -> ImportKind? { all.first { $0.id == id } }

    /// What a column holds and how its text is checked.
    public enum ColumnType: Equatable, Sendable {
        case text
        case date
        case dateTime
        /// A whole number within the bounds.
        case integer(minimum: Int, maximum: Int? = nil)
        /// Money with at most two decimals, stored as cents.
        case amount
        /// A non-negative decimal quantity.
        case quantity
        case bool
        /// One of the values, or the Chinese name at the same place in `names` (`电话` for `phone`).
        case choice([String], names: [String] = [])
        /// `YYYY-MM`.
        case month
        /// A rating score: a number, checked against the KPI by the caller.
        case score
        case reference(Reference)
    }

    /// What a reference column points at.
    public enum Reference: String, Sendable {
        case employee, project, receivable, sku

        /// The kind whose file defines these keys.
        public var kind: ImportKind {
            switch self {
            case .employee: return .employees
            case .project: return .projects
            case .receivable: return .receivables
            case .sku: return .items
            }
        }
    }

    public struct Column: Sendable {
        public let name: String
        /// The header a Chinese file gives it (`工号`); a file may use either.
        public let header: String
        public let type: ColumnType
        /// Whether the file must give it.
        public let required: Bool
        /// What the table keeps when the file leaves it blank: NOT NULL with a default, or a
        /// value the kind's check derives (`nil` default).
        let storedWhenBlank: StoredWhenBlank?
        /// Whether two rows may not share a value (an employee's login).
        let unique: Bool
        /// What it holds, for the help text and the docs.
        public let meaning: String

        public enum StoredWhenBlank: Sendable, Equatable {
            /// The table's default.
            case defaultValue(String)
            /// The kind's check fills it in.
            case derived
        }

        static func required(_ name: String, _ header: String, _ type: ColumnType, _ meaning: String) -> Column {
            Column(name: name, header: header, type: type, required: true, storedWhenBlank: nil, unique: false, meaning: meaning)
        }

        static func required(_ name: String, _ header: String, _ meaning: String) -> Column {
            required(name, header, .text, meaning)
        }

        static func optional(_ name: String, _ header: String, _ type: ColumnType, _ meaning: String,
                             whenBlank: StoredWhenBlank? = nil, unique: Bool = false) -> Column {
            Column(name: name, header: header, type: type, required: false, storedWhenBlank: whenBlank, unique: unique, meaning: meaning)
        }

        static func optional(_ name: String, _ header: String, _ meaning: String, unique: Bool = false) -> Column {
            optional(name, header, .text, meaning, unique: unique)
        }
    }

    /// Whose record a row is.
    public enum Owner: Sendable, Equatable {
        /// Not owned: the row describes people or things.
        case none
        /// An employee column of the row.
        case column(String)
        /// An employee column of the row another column refers to (a milestone's project's manager).
        case through(column: String, ownerColumn: String)
    }

    /// A secondary index: its name and columns.
    struct Index: Sendable {
        let name: String
        let columns: [String]
    }
}

/// One row as a kind's check sees it: its values by column name, and the problems found. The
/// reader keeps one and swaps each row in and out, so that checking makes no copies.
struct RowCheck {
    private let names: [String: Int]
    var row: [Cell] = []
    /// The bytes `.bytes` cells point into, for the current row.
    var buffer = UnsafeBufferPointer<UInt8>(start: nil, count: 0)
    /// Problems as (column name, message), in the order found.
    var found: [(column: String, message: String)] = []
    /// The columns the file has, known once its header is read.
    var inFile: Set<String> = []

    /// Each column's Chinese header, and whether messages are in Chinese.
    private let headers: [String: String]
    let chinese: Bool

    init(kind: ImportKind, chinese: Bool) {
        names = Dictionary(uniqueKeysWithValues: kind.columns.enumerated().map { ($1.name, $0) })
        headers = Dictionary(uniqueKeysWithValues: kind.columns.map { ($0.name, $0.header) })
        self.chinese = chinese
    }

    /// The number in a column, or nil when blank or not a number.
    func number(_ name: String) -> Double? {
        switch names[name].map({ row[$0] }) {
        case .integer(let value): return Double(value)
        case .real(let value): return value
        default: return nil
        }
    }

    /// The text in a column, or nil when blank.
    func text(_ name: String) -> String? {
        switch names[name].map({ row[$0] }) {
        case .text(let value): return value
        case .bytes(let range): return String(decoding: UnsafeBufferPointer(rebasing: buffer[range]), as: UTF8.self)
        default: return nil
        }
    }

    /// Sets a blank column to a value derived from others.
    mutating func fill(_ name: String, _ value: Cell) {
        if let index = names[name], row[index] == .null { row[index] = value }
    }

    /// Sets a column to a value read another way (a role's id for its name).
    mutating func replace(_ name: String, _ value: Cell) {
        if let index = names[name] { row[index] = value }
    }

    /// Reports `message` against `name` unless `condition` holds.
    mutating func require(_ condition: Bool, _ name: String, _ message: String) {
        if !condition { found.append((name, message)) }
    }

    /// Reports a problem against `name`, in the language of the person importing.
    mutating func report(_ name: String, zh: String, en: String) {
        found.append((name, chinese ? zh : en))
    }

    /// How a message names a column: its Chinese header under `zh`, its id otherwise.
    func label(_ name: String) -> String {
        chinese ? headers[name] ?? name : "`\(name)`"
    }

    /// Reports that `later` is before `earlier` when both are given.
    mutating func notBefore(_ later: String, _ earlier: String) {
        if let a = number(later), let b = number(earlier), a < b {
            let (first, second) = (label(later), label(earlier))
            report(later, zh: "\(first)早于\(second)", en: "\(first) is before \(second)")
        }
    }

    /// Reports that `part` is more than `whole` when both are given.
    mutating func notMore(_ part: String, than whole: String) {
        if let a = number(part), let b = number(whole), a > b {
            let (first, second) = (label(part), label(whole))
            report(part, zh: "\(first)（\(a.formulaText)）多于\(second)（\(b.formulaText)）",
                   en: "\(first) (\(a.formulaText)) is more than \(second) (\(b.formulaText))")
        }
    }
}
