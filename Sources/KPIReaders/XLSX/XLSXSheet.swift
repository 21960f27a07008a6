/// One sheet of a workbook, read as records: each row's cells by column (field 0 is column A),
/// with shared and inline strings as their text, numbers as written, booleans as TRUE/FALSE,
/// formulas as their cached values, and numbers in a date format as date serials of the 1900
/// system (`Field.Kind.date`). Read as it is inflated: memory holds one row, whatever the sheet's size.
public struct XLSXSheet: RecordSource {
    public let workbook: XLSXWorkbook
    public let name: String
    let part: String

    public var sheet: String? { name }
    public var isGrid: Bool { true }

    public mutating func forEachRecord(_ body: (Record) throws -> Bool) throws {
        var rows = RowAssembler(workbook: workbook)
        do {
            try XLSXWorkbook.scanPart(part, in: workbook.archive) { token, bytes in
                guard let row = try rows.take(token, bytes) else { return }
                let keepGoing = try rows.text.withUnsafeBufferPointer { text in
                    try body(Record(line: row, fields: rows.fields, bytes: text))
                }
                if !keepGoing { throw StopReading() }
            }
        } catch is StopReading {
            return
        }
    }
}

/// Puts a sheet's rows together from its XML tokens.
private struct RowAssembler {
    let workbook: XLSXWorkbook
    /// The current row's cells' text, one after the other, and their fields.
    var text: [UInt8] = []
    var fields: [Field] = []
    private var inSheetData = false
    private var row = 0
    private var column = 0
    /// The current cell: its type (`t`), whether its style shows a date, where its text starts.
    private var type: CellType = .number
    private var isDate = false
    private var start = 0
    private var inValue = false, inInline = false, inInlineText = false, inPhonetic = false

    /// A cell's `t`: what its value is.
    private enum CellType: String {
        case number = "n", shared = "s", inline = "inlineStr", formulaText = "str", boolean = "b", error = "e", isoDate = "d"
    }

    init(workbook: XLSXWorkbook) {
        self.workbook = workbook
    }

    /// Takes one token; returns the row number when it finishes a row.
    mutating func take(_ token: XMLScanner.Token, _ bytes: UnsafeBufferPointer<UInt8>) throws -> Int? {
        switch token {
        case .open(let name, let attributes, let empty):
            if XMLScanner.is(name, "c", in: bytes) {
                guard inSheetData else { return nil }
                openCell(attributes, bytes)
                if empty { closeCell() }
            } else if XMLScanner.is(name, "v", in: bytes) {
                inValue = !empty
            } else if XMLScanner.is(name, "row", in: bytes) {
                guard inSheetData else { return nil }
                let number = XMLScanner.attribute("r", in: attributes, of: bytes).flatMap { XMLScanner.integer(bytes, $0) }
                row = number ?? row + 1
                column = 0
                text.removeAll(keepingCapacity: true)
                fields.removeAll(keepingCapacity: true)
                if empty { return row }
            } else if XMLScanner.is(name, "is", in: bytes) {
                inInline = !empty
            } else if XMLScanner.is(name, "t", in: bytes) {
                inInlineText = inInline && !empty
            } else if XMLScanner.is(name, "rPh", in: bytes) {
                inPhonetic = !empty
            } else if XMLScanner.is(name, "sheetData", in: bytes) {
                inSheetData = !empty
            }
        case .close(let name):
            if XMLScanner.is(name, "c", in: bytes) {
                closeCell()
            } else if XMLScanner.is(name, "v", in: bytes) {
                inValue = false
            } else if XMLScanner.is(name, "row", in: bytes) {
                return inSheetData ? row : nil
            } else if XMLScanner.is(name, "t", in: bytes) {
                inInlineText = false
            } else if XMLScanner.is(name, "is", in: bytes) {
                inInline = false
            } else if XMLScanner.is(name, "rPh", in: bytes) {
                inPhonetic = false
            } else if XMLScanner.is(name, "sheetData", in: bytes) {
                inSheetData = false
            }
        case .text(let range, let raw):
            guard inValue || (inInlineText && !inPhonetic) else { return nil }
            if raw { text.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[range])) } else { XMLScanner.appendDecoded(bytes, range, to: &text) }
        }
        return nil
    }

    private mutating func openCell(_ attributes: Range<Int>, _ bytes: UnsafeBufferPointer<UInt8>) {
        column = XMLScanner.attribute("r", in: attributes, of: bytes).flatMap { Self.column(bytes, $0) } ?? column + 1
        type = XMLScanner.attribute("t", in: attributes, of: bytes)
            .flatMap { CellType(rawValue: String(decoding: UnsafeBufferPointer(rebasing: bytes[$0]), as: UTF8.self)) } ?? .number
        let style = XMLScanner.attribute("s", in: attributes, of: bytes).flatMap { XMLScanner.integer(bytes, $0) } ?? 0
        isDate = style < workbook.dateStyles.count && workbook.dateStyles[style]
        start = text.count
        inValue = false
        inInline = false
    }

    /// Settles the current cell's text and puts its field in place.
    private mutating func closeCell() {
        guard column > 0 else { return }
        var kind = Field.Kind.text
        switch type {
        case .shared:
            let index = text[start...].withUnsafeBufferPointer { XMLScanner.integer($0, 0..<$0.count) }
            let shared = index.flatMap { workbook.sharedString($0) } ?? []
            text.removeSubrange(start...)
            text.append(contentsOf: shared)
        case .boolean:
            let isTrue = text.count > start && text[start] == UInt8(ascii: "1")
            text.removeSubrange(start...)
            text.append(contentsOf: Array((isTrue ? "TRUE" : "FALSE").utf8))
        case .error:
            kind = .error
        case .number:
            kind = isDate ? .date : .number
            if isDate, workbook.date1904, let serial = Double(String(decoding: text[start...], as: UTF8.self)) {
                // Day 0 of the 1904 system is day 1462 of the 1900 one.
                text.removeSubrange(start...)
                text.append(contentsOf: Array(String(serial + 1462).utf8))
            }
        case .inline, .formulaText, .isoDate:
            break
        }
        while fields.count < column - 1 { fields.append(.blank) }
        let field = Field(range: start..<text.count, kind: kind)
        if fields.count == column - 1 { fields.append(field) } else { fields[column - 1] = field }
    }

    /// The column of a reference such as `E17`: 5.
    private static func column(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int? {
        var number = 0
        for index in range {
            let byte = bytes[index] | 0x20
            guard byte >= UInt8(ascii: "a"), byte <= UInt8(ascii: "z") else { break }
            number = number * 26 + Int(byte - UInt8(ascii: "a")) + 1
        }
        return number > 0 ? number : nil
    }
}
