import Foundation

/// Reads RFC 4180 CSV (or, with a tab as delimiter, TSV) in chunks, so that memory stays flat
/// whatever the file's size: quoted fields, doubled quotes, line breaks inside quotes, and lines
/// ending in LF, CRLF or a lone CR. Unquoted fields lose surrounding spaces and tabs.
///
/// The text is UTF-8, with or without a BOM, or GB18030 (GBK), turned into UTF-8 as it is read;
/// `encoding` nil detects which from the first megabyte.
///
/// The current record's fields are ranges of the reader's buffer, valid until the next call to
/// `next()`: a field becomes a `String` only when someone asks for one, and an importer can hand
/// the bytes to SQLite as they are.
public struct CSVReader: RecordSource {
    private static let chunkSize = 1 << 20
    private static let quote = UInt8(ascii: "\""), newline = UInt8(ascii: "\n")
    private static let carriageReturn = UInt8(ascii: "\r"), space = UInt8(ascii: " "), tab = UInt8(ascii: "\t")

    public var sheet: String? { nil }
    public var isGrid: Bool { false }

    private let handle: FileHandle
    /// The field separator: a comma, or a tab for TSV.
    public private(set) var delimiter = UInt8(ascii: ",")
    /// The encoding read, once the first chunk has been seen.
    public private(set) var encoding: TextEncoding?
    private var transcoder: Transcoder?
    /// Whether lines end in a lone CR (old Mac Excel): each CR is read as a line break.
    private var crLineEnds = false
    /// Bytes read from the file (as UTF-8) and not yet consumed past the current record.
    private(set) var buffer: [UInt8] = []
    /// Where the unread part of `buffer` starts.
    private var position = 0
    private var exhausted = false
    private var started = false
    /// The line the next record starts on, blank lines aside.
    private var nextLine = 1
    /// The 1-based line the current record starts on.
    public private(set) var line = 0
    /// The current record's fields.
    public private(set) var fields: [Field] = []
    /// Whether a tab rather than a comma separates fields when the file does not say: for a
    /// `.tsv` or `.tab` file, or a first line holding tabs and no comma.
    private let tabByName: Bool

    /// Nil when the file cannot be opened.
    public init?(path: String, encoding: TextEncoding? = nil) {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        self.handle = handle
        self.encoding = encoding
        let suffix = (path as NSString).pathExtension.lowercased()
        tabByName = suffix == "tsv" || suffix == "tab"
    }

    public mutating func forEachRecord(_ body: (Record) throws -> Bool) throws {
        while try next() {
            let keepGoing = try buffer.withUnsafeBufferPointer { bytes in
                try body(Record(line: line, fields: fields, bytes: bytes))
            }
            if !keepGoing { return }
        }
    }

    /// Moves to the next record; false at the end. Blank lines are skipped.
    public mutating func next() throws(ReadFailure) -> Bool {
        if !started {
            started = true
            try start()
        }
        while true {
            while position < buffer.count, buffer[position] == Self.newline || buffer[position] == Self.carriageReturn {
                if buffer[position] == Self.newline { nextLine += 1 }
                position += 1
            }
            if position < buffer.count { break }
            guard try refill() else { return false }
        }
        line = nextLine
        while true {
            var newlines = 0
            let (start, exhausted, line, delimiter) = (position, exhausted, line, delimiter)
            let end = try buffer.withUnsafeBufferPointer { bytes throws(ReadFailure) in
                try Self.scan(bytes, from: start, delimiter: delimiter, exhausted: exhausted, line: line, into: &fields, newlines: &newlines)
            }
            if let end {
                if transcoder == nil { try checkUTF8(position..<end) }
                position = end
                nextLine += 1 + newlines
                return true
            }
            try refill()
        }
    }

    /// The text of field `index`: doubled quotes undone.
    public func text(_ index: Int) -> String {
        buffer.withUnsafeBufferPointer { Record(line: line, fields: fields, bytes: $0).text(index) }
    }

    /// Reads the first chunk: settles the encoding, the delimiter and the line ends, and skips a BOM.
    private mutating func start() throws(ReadFailure) {
        let chunk = read()
        if encoding == nil {
            encoding = chunk.withUnsafeBufferPointer { TextEncoding.detect($0) }
        }
        if encoding == .gb18030 {
            guard let transcoder = Transcoder(from: .gb18030) else { throw ReadFailure(line: 0, "this system cannot read GB18030 text", zh: "本机无法读取 GB18030 编码的文字") }
            self.transcoder = transcoder
        }
        try append(chunk)
        if buffer.count >= 3, buffer[0] == 0xEF, buffer[1] == 0xBB, buffer[2] == 0xBF {
            position = 3
        }
        let firstLine = buffer[position...].prefix { $0 != Self.newline && $0 != Self.carriageReturn }
        if tabByName || (firstLine.contains(Self.tab) && !firstLine.contains(UInt8(ascii: ","))) {
            delimiter = Self.tab
        }
        crLineEnds = buffer.contains(Self.carriageReturn) && !buffer.contains(Self.newline)
        if crLineEnds { replaceLoneCarriageReturns(from: 0) }
    }

    /// The next chunk of the file; empty at its end.
    private mutating func read() -> [UInt8] {
        guard let chunk = (try? handle.read(upToCount: Self.chunkSize)) ?? nil, !chunk.isEmpty else {
            exhausted = true
            return []
        }
        return [UInt8](chunk)
    }

    /// Appends a chunk of the file to the buffer as UTF-8.
    private mutating func append(_ chunk: [UInt8]) throws(ReadFailure) {
        guard let transcoder else {
            buffer.append(contentsOf: chunk)
            return
        }
        guard let text = transcoder.convert(chunk, last: exhausted) else {
            throw ReadFailure(line: nextLine, "this part of the file is not GB18030 text; save the file as UTF-8, or name its encoding with --encoding",
                              zh: "文件这一部分不是 GB18030 编码的文字；请把文件另存为 UTF-8，或用 --encoding 指明编码")
        }
        buffer.append(contentsOf: text)
    }

    /// Moves the unread bytes to the front of the buffer and appends the next chunk of the file;
    /// false when the file has no more. Field ranges are invalid afterwards.
    @discardableResult
    private mutating func refill() throws(ReadFailure) -> Bool {
        guard !exhausted else { return false }
        if position > 0 {
            buffer.removeSubrange(0..<position)
            position = 0
        }
        let chunk = read()
        let before = buffer.count
        try append(chunk)
        if crLineEnds { replaceLoneCarriageReturns(from: before) }
        return !chunk.isEmpty || buffer.count > before
    }

    private mutating func replaceLoneCarriageReturns(from start: Int) {
        for index in start..<buffer.count where buffer[index] == Self.carriageReturn {
            buffer[index] = Self.newline
        }
    }

    /// Reads the record starting at `start` into `fields` and returns where the next one starts,
    /// or nil when the buffer ends before the record does and the file (not `exhausted`) may hold
    /// the rest. Counts the line breaks inside quotes in `newlines`.
    private static func scan(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, delimiter: UInt8, exhausted: Bool, line: Int,
                             into fields: inout [Field], newlines: inout Int) throws(ReadFailure) -> Int? {
        fields.removeAll(keepingCapacity: true)
        let count = bytes.count
        var index = start
        while true {
            while index < count, (bytes[index] == Self.space || bytes[index] == Self.tab), bytes[index] != delimiter { index += 1 }
            if index < count, bytes[index] == Self.quote {
                index += 1
                let textStart = index
                var doubled = false
                while true {
                    guard index < count else {
                        if exhausted { throw ReadFailure(line: line, "a quoted field opened on this line is never closed", zh: "这一行开始的引号一直没有闭合") }
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
                fields.append(Field(range: textStart..<index, kind: doubled ? .doubledQuotes : .text))
                index += 1
                while index < count, bytes[index] != delimiter,
                      bytes[index] == Self.space || bytes[index] == Self.tab || bytes[index] == Self.carriageReturn {
                    index += 1
                }
                guard index < count else { return exhausted ? count : nil }
                if bytes[index] == Self.newline { return index + 1 }
                guard bytes[index] == delimiter else {
                    throw ReadFailure(line: line, "text after the closing quote of field \(fields.count); quote the whole field and double the quotes inside it",
                                      zh: "第 \(fields.count) 个字段的右引号后还有文字；请给整个字段加引号，字段内的引号写两遍")
                }
                index += 1
            } else {
                let textStart = index
                while index < count, bytes[index] != delimiter, bytes[index] != Self.newline { index += 1 }
                guard index < count || exhausted else { return nil }
                var textEnd = index
                while textEnd > textStart,
                      bytes[textEnd - 1] == Self.space || bytes[textEnd - 1] == Self.tab || bytes[textEnd - 1] == Self.carriageReturn,
                      bytes[textEnd - 1] != delimiter {
                    textEnd -= 1
                }
                fields.append(Field(range: textStart..<textEnd, kind: .text))
                guard index < count else { return count }
                index += 1
                if bytes[index - 1] == Self.newline { return index }
            }
        }
    }

    /// Refuses a record that is not UTF-8; plain ASCII, the common case, is checked fastest.
    private func checkUTF8(_ range: Range<Int>) throws(ReadFailure) {
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
        if !valid {
            throw ReadFailure(line: line, "this line is not UTF-8 text, though the file began as UTF-8; save the whole file as UTF-8, or name its encoding with --encoding gb18030",
                              zh: "这一行不是 UTF-8 文字，而文件开头是 UTF-8；请把整个文件另存为 UTF-8，或用 --encoding gb18030 指明编码")
        }
    }
}
