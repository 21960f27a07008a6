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

    /// A cell's `t`: what its value is (`n`, `s`, `inlineStr`, `str`, `b`, `e`, `d`).
    private enum CellType { case number, shared, inline, formulaText, boolean, error, isoDate }

    /// The type a `t` attribute names, told by its bytes: every cell of a sheet may have one.
    private static func cellType(_ bytes: UnsafeBufferPointer<UInt8>, _ value: Range<Int>) -> CellType {
        switch (value.count, bytes[value.lowerBound]) {
        case (1, UInt8(ascii: "s")): return .shared
        case (1, UInt8(ascii: "b")): return .boolean
        case (1, UInt8(ascii: "e")): return .error
        case (1, UInt8(ascii: "d")): return .isoDate
        case (9, UInt8(ascii: "i")): return .inline
        case (3, UInt8(ascii: "s")): return .formulaText
        default: return .number
        }
    }

    init(workbook: XLSXWorkbook) {
        self.workbook = workbook
    }

    /// The elements of a sheet that matter, told by their names' length and first byte.
    private enum Element { case cell, value, row, inline, inlineText, phonetic, sheetData, other }

    private static func element(_ name: Range<Int>, _ bytes: UnsafeBufferPointer<UInt8>) -> Element {
        guard !name.isEmpty else { return .other }
        switch (name.count, bytes[name.lowerBound]) {
        case (1, UInt8(ascii: "c")): return .cell
        case (1, UInt8(ascii: "v")): return .value
        case (1, UInt8(ascii: "t")): return .inlineText
        case (2, UInt8(ascii: "i")): return .inline
        case (3, UInt8(ascii: "r")): return XMLScanner.is(name, "row", in: bytes) ? .row : XMLScanner.is(name, "rPh", in: bytes) ? .phonetic : .other
        case (9, UInt8(ascii: "s")): return XMLScanner.is(name, "sheetData", in: bytes) ? .sheetData : .other
        default: return .other
        }
    }

    /// Takes one token; returns the row number when it finishes a row.
    mutating func take(_ token: XMLScanner.Token, _ bytes: UnsafeBufferPointer<UInt8>) throws -> Int? {
        switch token {
        case .open(let name, let attributes, let empty):
            switch Self.element(name, bytes) {
            case .cell:
                guard inSheetData else { return nil }
                openCell(attributes, bytes)
                if empty { closeCell() }
            case .value:
                inValue = !empty
            case .row:
                guard inSheetData else { return nil }
                let number = XMLScanner.attribute("r", in: attributes, of: bytes).flatMap { XMLScanner.integer(bytes, $0) }
                row = number ?? row + 1
                column = 0
                text.removeAll(keepingCapacity: true)
                fields.removeAll(keepingCapacity: true)
                if empty { return row }
            case .inline:
                inInline = !empty
            case .inlineText:
                inInlineText = inInline && !empty
            case .phonetic:
                inPhonetic = !empty
            case .sheetData:
                inSheetData = !empty
            case .other:
                break
            }
        case .close(let name):
            switch Self.element(name, bytes) {
            case .cell: closeCell()
            case .value: inValue = false
            case .row: return inSheetData ? row : nil
            case .inlineText: inInlineText = false
            case .inline: inInline = false
            case .phonetic: inPhonetic = false
            case .sheetData: inSheetData = false
            case .other: break
            }
        case .text(let range, let raw):
            guard inValue || (inInlineText && !inPhonetic) else { return nil }
            if raw { text.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[range])) } else { XMLScanner.appendDecoded(bytes, range, to: &text) }
        }
        return nil
    }

    private mutating func openCell(_ attributes: Range<Int>, _ bytes: UnsafeBufferPointer<UInt8>) {
        var reference: Range<Int>?, kind: Range<Int>?, style = 0
        // One pass over the attributes, told apart by their one-letter names: every cell has them.
        XMLScanner.forEachAttribute(in: attributes, of: bytes) { name, value in
            guard name.count == 1 else { return }
            switch bytes[name.lowerBound] {
            case UInt8(ascii: "r"): reference = value
            case UInt8(ascii: "t"): kind = value
            case UInt8(ascii: "s"): style = XMLScanner.integer(bytes, value) ?? 0
            default: break
            }
        }
        column = reference.flatMap { Self.column(bytes, $0) } ?? column + 1
        type = kind.map { Self.cellType(bytes, $0) } ?? .number
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
