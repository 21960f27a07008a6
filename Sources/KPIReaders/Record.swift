/// One field of a record: where its text lies in the record's bytes, and what kind of value the
/// file said it is.
public struct Field: Sendable {
    public var range: Range<Int>
    public var kind: Kind

    public enum Kind: UInt8, Sendable {
        /// Text as written.
        case text
        /// Quoted CSV text holding doubled quotes (`""`) that stand for one.
        case doubledQuotes
        /// A number cell of a sheet, its text as the file stores it (`1234.5`, `45935`).
        case number
        /// A number cell of a sheet shown as a date or time: an Excel serial of the 1900 system
        /// (days since 1899-12-30 — Excel counts a 1900-02-29 that never was before March 1900 —
        /// and the fraction the time of day), `45935.375` for 2025-10-05 09:00.
        case date
        /// An error cell of a sheet (`#N/A`, `#DIV/0!`).
        case error
    }

    public init(range: Range<Int>, kind: Kind) {
        self.range = range
        self.kind = kind
    }

    static let blank = Field(range: 0..<0, kind: .text)
}

/// One record of a file — a CSV line or a sheet's row — valid only while the reader's callback
/// runs: its fields are ranges of `bytes`, UTF-8 text. A field becomes a `String` only when
/// someone asks for one.
public struct Record {
    /// Where the record starts: the line of a text file, the row number of a sheet.
    public let line: Int
    /// The fields by position: for a sheet, field 0 is column A, and a cell left out is blank.
    public let fields: [Field]
    public let bytes: UnsafeBufferPointer<UInt8>

    public init(line: Int, fields: [Field], bytes: UnsafeBufferPointer<UInt8>) {
        self.line = line
        self.fields = fields
        self.bytes = bytes
    }

    /// The text of field `index`: doubled quotes undone; blank past the last field.
    public func text(_ index: Int) -> String {
        guard index < fields.count else { return "" }
        let field = fields[index]
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[field.range]), as: UTF8.self)
        return field.kind == .doubledQuotes ? text.replacingOccurrences(of: "\"\"", with: "\"") : text
    }

    /// The bytes of field `index`, as stored (doubled quotes not undone).
    public func utf8(_ index: Int) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: bytes[fields[index].range])
    }

    /// Whether every field is empty: a blank line, a line of commas, an empty row.
    public var isBlank: Bool { fields.allSatisfy { $0.range.isEmpty } }
}

/// A file read as records, one after the other, in flat memory whatever its size.
public protocol RecordSource {
    /// The sheet read, for problems placed as `SHEET!CELL`; nil for a text file (`LINE:COLUMN`).
    var sheet: String? { get }
    /// Whether a record may leave out its last fields, which are then blank (a sheet's row), as
    /// opposed to a CSV line, whose missing fields are a mistake.
    var isGrid: Bool { get }
    /// Calls `body` with each record in order until it returns false or the file ends.
    mutating func forEachRecord(_ body: (Record) throws -> Bool) throws
}

/// A file that cannot be read as records: where, and why — in English and in Chinese.
public struct ReadFailure: Error, Equatable {
    /// The line or row at fault; 0 for the whole file.
    public let line: Int
    public let message: String
    public let chinese: String

    public init(line: Int, _ message: String, zh chinese: String) {
        self.line = line
        self.message = message
        self.chinese = chinese
    }

    public func message(chinese: Bool) -> String { chinese ? self.chinese : message }
}

/// `A` for column 1, `Z` for 26, `AA` for 27: how a sheet names a column.
public func columnLetters(_ column: Int) -> String {
    var number = column, letters = ""
    while number > 0 {
        let remainder = (number - 1) % 26
        letters = String(UnicodeScalar(UInt8(65 + remainder))) + letters
        number = (number - 1) / 26
    }
    return letters
}
