/// Reads RFC 4180 CSV from UTF-8 bytes (with or without a BOM): quoted fields, doubled quotes,
/// CRLF or LF line ends, line breaks inside quotes.
struct CSVReader {
    struct Record {
        /// The 1-based line the record starts on.
        let line: Int
        let fields: [String]
    }

    struct Failure: Error {
        let line: Int
        let message: String
    }

    private let bytes: [UInt8]
    private var index: Int
    private var line = 1

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
        index = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
    }

    /// The next record; nil at the end. Blank lines are skipped.
    mutating func next() throws(Failure) -> Record? {
        while index < bytes.count, bytes[index] == UInt8(ascii: "\n") || bytes[index] == UInt8(ascii: "\r") {
            if bytes[index] == UInt8(ascii: "\n") { line += 1 }
            index += 1
        }
        guard index < bytes.count else { return nil }
        let start = line
        var fields: [String] = []
        var field: [UInt8] = []
        var quoted = false
        var wasQuoted = false
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            if quoted {
                if byte == UInt8(ascii: "\"") {
                    if index < bytes.count, bytes[index] == UInt8(ascii: "\"") {
                        field.append(byte)
                        index += 1
                    } else {
                        quoted = false
                    }
                } else {
                    if byte == UInt8(ascii: "\n") { line += 1 }
                    field.append(byte)
                }
                continue
            }
            switch byte {
            case UInt8(ascii: ","):
                fields.append(Self.text(field, trim: !wasQuoted))
                field.removeAll(keepingCapacity: true)
                wasQuoted = false
            case UInt8(ascii: "\""):
                if field.allSatisfy({ $0 == UInt8(ascii: " ") }) {
                    field.removeAll(keepingCapacity: true)
                    quoted = true
                    wasQuoted = true
                } else {
                    field.append(byte)
                }
            case UInt8(ascii: "\r"):
                break
            case UInt8(ascii: "\n"):
                line += 1
                fields.append(Self.text(field, trim: !wasQuoted))
                return Record(line: start, fields: fields)
            default:
                field.append(byte)
            }
        }
        if quoted { throw Failure(line: start, message: "a quoted field opened on this line is never closed") }
        fields.append(Self.text(field, trim: !wasQuoted))
        return Record(line: start, fields: fields)
    }

    /// The field's text; unquoted fields lose surrounding spaces and tabs.
    private static func text(_ bytes: [UInt8], trim: Bool) -> String {
        guard trim else { return String(decoding: bytes, as: UTF8.self) }
        var start = 0, end = bytes.count
        while start < end, bytes[start] == 0x20 || bytes[start] == 0x09 { start += 1 }
        while end > start, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 { end -= 1 }
        return String(decoding: bytes[start..<end], as: UTF8.self)
    }
}
