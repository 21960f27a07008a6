import Foundation

/// Reads RFC 4180 CSV from a UTF-8 file (with or without a BOM) in chunks, so that memory stays
/// flat whatever the file's size: quoted fields, doubled quotes, CRLF or LF line ends, line
/// breaks inside quotes. Unquoted fields lose surrounding spaces and tabs.
///
/// The current record's fields are ranges of the reader's buffer, valid until the next call to
/// `next()`: a field becomes a `String` only when someone asks for one, and an importer can hand
/// the bytes to SQLite as they are.
struct CSVReader {
    struct Field {
        /// Where the field's text lies in `buffer`, quotes and surrounding spaces excluded.
        var range: Range<Int>
        /// Whether the text holds doubled quotes (`""`) that stand for one.
        var hasDoubledQuotes: Bool
    }

    struct Failure: Error {
        let line: Int
        let message: String
    }

    private static let chunkSize = 1 << 20
    private static let comma = UInt8(ascii: ","), quote = UInt8(ascii: "\""), newline = UInt8(ascii: "\n")
    private static let carriageReturn = UInt8(ascii: "\r"), space = UInt8(ascii: " "), tab = UInt8(ascii: "\t")

    private let handle: FileHandle
    /// Bytes read from the file and not yet consumed past the current record.
    private(set) var buffer: [UInt8] = []
    /// Where the unread part of `buffer` starts.
    private var position = 0
    private var exhausted = false
    private var started = false
    /// The line the next record starts on, blank lines aside.
    private var nextLine = 1
    /// The 1-based line the current record starts on.
    private(set) var line = 0
    /// The current record's fields.
    private(set) var fields: [Field] = []

    /// Nil when the file cannot be opened.
    init?(path: String) {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        self.handle = handle
    }

    /// Moves to the next record; false at the end. Blank lines are skipped.
    mutating func next() throws(Failure) -> Bool {
        if !started {
            started = true
            try skipBOM()
        }
        while true {
            while position < buffer.count, buffer[position] == Self.newline || buffer[position] == Self.carriageReturn {
                if buffer[position] == Self.newline { nextLine += 1 }
                position += 1
            }
            if position < buffer.count { break }
            guard refill() else { return false }
        }
        line = nextLine
        while true {
            var newlines = 0
            let (start, exhausted, line) = (position, exhausted, line)
            let end = try buffer.withUnsafeBufferPointer { bytes throws(Failure) in
                try Self.scan(bytes, from: start, exhausted: exhausted, line: line, into: &fields, newlines: &newlines)
            }
            if let end {
                try checkUTF8(position..<end)
                position = end
                nextLine += 1 + newlines
                return true
            }
            refill()
        }
    }

    /// The text of field `index`: doubled quotes undone.
    func text(_ index: Int) -> String {
        let field = fields[index]
        let text = String(decoding: buffer[field.range], as: UTF8.self)
        return field.hasDoubledQuotes ? text.replacingOccurrences(of: "\"\"", with: "\"") : text
    }

    /// Moves the unread bytes to the front of the buffer and appends the next chunk of the file;
    /// false when the file has no more. Field ranges are invalid afterwards.
    @discardableResult
    private mutating func refill() -> Bool {
        guard !exhausted else { return false }
        if position > 0 {
            buffer.removeSubrange(0..<position)
            position = 0
        }
        guard let chunk = (try? handle.read(upToCount: Self.chunkSize)) ?? nil, !chunk.isEmpty else {
            exhausted = true
            return false
        }
        buffer.append(contentsOf: chunk)
        return true
    }

    private mutating func skipBOM() throws(Failure) {
        while buffer.count - position < 3, refill() {}
        if buffer.count - position >= 3, buffer[position] == 0xEF, buffer[position + 1] == 0xBB, buffer[position + 2] == 0xBF {
            position += 3
        }
    }

    /// Reads the record starting at `start` into `fields` and returns where the next one starts,
    /// or nil when the buffer ends before the record does and the file (not `exhausted`) may hold
    /// the rest. Counts the line breaks inside quotes in `newlines`.
    private static func scan(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, exhausted: Bool, line: Int,
                             into fields: inout [Field], newlines: inout Int) throws(Failure) -> Int? {
        fields.removeAll(keepingCapacity: true)
        let count = bytes.count
        var index = start
        while true {
            while index < count, bytes[index] == Self.space || bytes[index] == Self.tab { index += 1 }
            if index < count, bytes[index] == Self.quote {
                index += 1
                let textStart = index
                var doubled = false
                while true {
                    guard index < count else {
                        if exhausted { throw Failure(line: line, message: "a quoted field opened on this line is never closed") }
                        return nil
                    }
                    let byte = bytes[index]
                    if byte == Self.quote {
                        guard index + 1 < count || exhausted else { return nil }
                        if index + 1 < count, bytes[index + 1] == Self.quote {
                            doubled = true
                            index += 2
                            continue
                        }
                        break
                    }
                    if byte == Self.newline { newlines += 1 }
                    index += 1
                }
                fields.append(Field(range: textStart..<index, hasDoubledQuotes: doubled))
                index += 1
                while index < count, bytes[index] == Self.space || bytes[index] == Self.tab || bytes[index] == Self.carriageReturn {
                    index += 1
                }
                guard index < count else { return exhausted ? count : nil }
                if bytes[index] == Self.newline { return index + 1 }
                guard bytes[index] == Self.comma else {
                    throw Failure(line: line, message: "text after the closing quote of field \(fields.count); quote the whole field and double the quotes inside it")
                }
                index += 1
            } else {
                let textStart = index
                while index < count, bytes[index] != Self.comma, bytes[index] != Self.newline { index += 1 }
                guard index < count || exhausted else { return nil }
                var textEnd = index
                while textEnd > textStart,
                      bytes[textEnd - 1] == Self.space || bytes[textEnd - 1] == Self.tab || bytes[textEnd - 1] == Self.carriageReturn {
                    textEnd -= 1
                }
                fields.append(Field(range: textStart..<textEnd, hasDoubledQuotes: false))
                guard index < count else { return count }
                index += 1
                if bytes[index - 1] == Self.newline { return index }
            }
        }
    }

    /// Refuses a record that is not UTF-8; plain ASCII, the common case, is checked fastest.
    private func checkUTF8(_ range: Range<Int>) throws(Failure) {
        let valid = buffer.withUnsafeBufferPointer { bytes in
            let record = UnsafeBufferPointer(rebasing: bytes[range])
            guard record.contains(where: { $0 >= 0x80 }) else { return true }
            var parser = Unicode.UTF8.ForwardParser()
            var iterator = record.makeIterator()
            while true {
                switch parser.parseScalar(from: &iterator) {
                case .valid: continue
                case .emptyInput: return true
                case .error: return false
                }
            }
        }
        if !valid { throw Failure(line: line, message: "this line is not UTF-8 text; save the file as UTF-8 (with or without BOM)") }
    }
}
