import Foundation

/// Reads RFC 4180 CSV from a UTF-8 file (with or without a BOM) in chunks, so that memory stays
/// flat whatever the file's size: quoted fields, doubled quotes, CRLF or LF line ends, line
/// breaks inside quotes.
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

    private let handle: FileHandle
    private var buffer: [UInt8] = []
    private var index = 0
    private var exhausted = false
    private var line = 1
    private var started = false

    /// Nil when the file cannot be opened.
    init?(path: String) {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        self.handle = handle
    }

    /// The next byte, refilling the buffer from the file as needed.
    private mutating func peek() -> UInt8? {
        if index == buffer.count {
            guard !exhausted else { return nil }
            let chunk = (try? handle.read(upToCount: 1 << 20)) ?? nil
            guard let chunk, !chunk.isEmpty else {
                exhausted = true
                return nil
            }
            buffer = [UInt8](chunk)
            index = 0
        }
        return buffer[index]
    }

    private mutating func skipBOM() {
        started = true
        guard peek() == 0xEF, buffer.count - index >= 3, buffer[index + 1] == 0xBB, buffer[index + 2] == 0xBF else { return }
        index += 3
    }

    /// The next record; nil at the end. Blank lines are skipped.
    mutating func next() throws(Failure) -> Record? {
        if !started { skipBOM() }
        while let byte = peek(), byte == UInt8(ascii: "\n") || byte == UInt8(ascii: "\r") {
            if byte == UInt8(ascii: "\n") { line += 1 }
            index += 1
        }
        guard peek() != nil else { return nil }
        let start = line
        var fields: [String] = []
        var field: [UInt8] = []
        var quoted = false
        var wasQuoted = false
        func finish() throws(Failure) {
            fields.append(try Self.text(field, trim: !wasQuoted, line: start))
            field.removeAll(keepingCapacity: true)
            wasQuoted = false
        }
        while let byte = peek() {
            index += 1
            if quoted {
                if byte == UInt8(ascii: "\"") {
                    if peek() == UInt8(ascii: "\"") {
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
                try finish()
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
                try finish()
                return Record(line: start, fields: fields)
            default:
                field.append(byte)
            }
        }
        if quoted { throw Failure(line: start, message: "a quoted field opened on this line is never closed") }
        try finish()
        return Record(line: start, fields: fields)
    }

    /// The field's text; unquoted fields lose surrounding spaces and tabs. Text that is not
    /// UTF-8 is refused.
    private static func text(_ bytes: [UInt8], trim: Bool, line: Int) throws(Failure) -> String {
        var start = 0, end = bytes.count
        if trim {
            while start < end, bytes[start] == 0x20 || bytes[start] == 0x09 { start += 1 }
            while end > start, bytes[end - 1] == 0x20 || bytes[end - 1] == 0x09 { end -= 1 }
        }
        let slice = bytes[start..<end]
        if slice.allSatisfy({ $0 < 0x80 }) { return String(decoding: slice, as: UTF8.self) }
        guard let text = String(validating: slice, as: UTF8.self) else {
            throw Failure(line: line, message: "this line is not UTF-8 text; save the file as UTF-8 (with or without BOM)")
        }
        return text
    }
}
