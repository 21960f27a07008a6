/// A streaming scanner for the XML of a workbook's parts: fed chunks as they are inflated, it
/// hands on each complete tag and each run of text, and keeps only the unfinished tail. It knows
/// the little XML that spreadsheets write — tags, attributes, text, entities, comments,
/// declarations, CDATA — and builds no tree.
struct XMLScanner {
    enum Token {
        /// A start tag (`empty` for `<c/>`): the local name (any prefix dropped) and the attributes' text.
        case open(name: Range<Int>, attributes: Range<Int>, empty: Bool)
        case close(name: Range<Int>)
        /// Text between tags, entities still encoded (`raw` for CDATA, which has none).
        case text(Range<Int>, raw: Bool)
    }

    struct Malformed: Error {}

    private(set) var buffer: [UInt8] = []
    private var position = 0

    mutating func append(_ bytes: some Sequence<UInt8>) {
        if position > 0, position >= buffer.count / 2 {
            buffer.removeSubrange(0..<position)
            position = 0
        }
        buffer.append(contentsOf: bytes)
    }

    /// Hands each complete token from the unread part of the buffer to `handle`, with the bytes
    /// its ranges point into, valid during the call only.
    mutating func scan(_ handle: (Token, UnsafeBufferPointer<UInt8>) throws -> Void) throws {
        let start = position
        var end = start
        try buffer.withUnsafeBufferPointer { bytes in
            end = try Self.scan(bytes, from: start, handle)
        }
        position = end
    }

    private static let less = UInt8(ascii: "<"), greater = UInt8(ascii: ">"), slash = UInt8(ascii: "/")
    private static let colon = UInt8(ascii: ":"), bang = UInt8(ascii: "!"), question = UInt8(ascii: "?")

    /// Scans from `start`; returns where the first unfinished token starts.
    private static func scan(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int,
                             _ handle: (Token, UnsafeBufferPointer<UInt8>) throws -> Void) throws -> Int {
        let count = bytes.count
        var index = start
        while index < count {
            if bytes[index] != less {
                var end = index
                while end < count, bytes[end] != less { end += 1 }
                guard end < count else { return index }
                try handle(.text(index..<end, raw: false), bytes)
                index = end
                continue
            }
            guard index + 1 < count else { return index }
            let next = bytes[index + 1]
            if next == bang || next == question {
                // A comment, a declaration, a processing instruction or CDATA.
                if next == bang, matches(bytes, index + 2, "[CDATA[") {
                    guard let close = find(bytes, from: index + 9, "]]>") else { return index }
                    try handle(.text(index + 9..<close, raw: true), bytes)
                    index = close + 3
                } else if next == bang, matches(bytes, index + 2, "--") {
                    guard let close = find(bytes, from: index + 4, "-->") else { return index }
                    index = close + 3
                } else {
                    guard let close = find(bytes, from: index + 2, ">") else { return index }
                    index = close + 1
                }
                continue
            }
            // A tag: find its end outside quoted attribute values.
            var end = index + 1
            var quote: UInt8 = 0
            while end < count {
                let byte = bytes[end]
                if quote != 0 {
                    if byte == quote { quote = 0 }
                } else if byte == 34 || byte == 39 {
                    quote = byte
                } else if byte == greater {
                    break
                }
                end += 1
            }
            guard end < count else { return index }
            if next == slash {
                try handle(.close(name: localName(bytes, index + 2, end)), bytes)
            } else {
                var nameEnd = index + 1
                while nameEnd < end, !isSpace(bytes[nameEnd]), bytes[nameEnd] != slash { nameEnd += 1 }
                let empty = bytes[end - 1] == slash
                try handle(.open(name: localName(bytes, index + 1, nameEnd), attributes: nameEnd..<(empty ? end - 1 : end), empty: empty), bytes)
            }
            index = end + 1
        }
        return index
    }

    /// The name between `start` and `end`, without a namespace prefix or trailing spaces.
    private static func localName(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Range<Int> {
        var nameStart = start, nameEnd = start
        while nameEnd < end, !isSpace(bytes[nameEnd]) {
            if bytes[nameEnd] == colon { nameStart = nameEnd + 1 }
            nameEnd += 1
        }
        return nameStart..<nameEnd
    }

    private static func isSpace(_ byte: UInt8) -> Bool { byte == 32 || byte == 9 || byte == 10 || byte == 13 }

    private static func matches(_ bytes: UnsafeBufferPointer<UInt8>, _ at: Int, _ text: StaticString) -> Bool {
        let count = text.utf8CodeUnitCount
        guard at + count <= bytes.count else { return false }
        let pattern = UnsafeBufferPointer(start: text.utf8Start, count: count)
        for offset in 0..<count where bytes[at + offset] != pattern[offset] { return false }
        return true
    }

    private static func find(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, _ text: StaticString) -> Int? {
        var index = start
        while index + text.utf8CodeUnitCount <= bytes.count {
            if matches(bytes, index, text) { return index }
            index += 1
        }
        return nil
    }

    // MARK: - Reading tokens

    /// Whether the bytes in `range` are `name`.
    static func `is`(_ range: Range<Int>, _ name: StaticString, in bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        range.count == name.utf8CodeUnitCount && matches(bytes, range.lowerBound, name)
    }

    /// Calls `body` with each attribute's name (as written, prefix included) and value.
    static func forEachAttribute(in attributes: Range<Int>, of bytes: UnsafeBufferPointer<UInt8>,
                                 _ body: (_ name: Range<Int>, _ value: Range<Int>) -> Void) {
        var index = attributes.lowerBound
        let end = attributes.upperBound
        while index < end {
            while index < end, isSpace(bytes[index]) { index += 1 }
            let nameStart = index
            while index < end, bytes[index] != UInt8(ascii: "="), !isSpace(bytes[index]) { index += 1 }
            let nameEnd = index
            while index < end, bytes[index] != 34, bytes[index] != 39 { index += 1 }
            guard index < end else { return }
            let quote = bytes[index]
            let valueStart = index + 1
            index = valueStart
            while index < end, bytes[index] != quote { index += 1 }
            if nameEnd > nameStart { body(nameStart..<nameEnd, valueStart..<index) }
            index += 1
        }
    }

    /// The value of attribute `name` (as written, prefix included) among `attributes`.
    static func attribute(_ name: StaticString, in attributes: Range<Int>, of bytes: UnsafeBufferPointer<UInt8>) -> Range<Int>? {
        var found: Range<Int>?
        forEachAttribute(in: attributes, of: bytes) { attribute, value in
            if found == nil, Self.is(attribute, name, in: bytes) { found = value }
        }
        return found
    }

    /// Appends the text in `range` to `output` with its entities (`&amp;`, `&#20013;`, …) decoded.
    static func appendDecoded(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, to output: inout [UInt8]) {
        var index = range.lowerBound
        var runStart = index
        while index < range.upperBound {
            guard bytes[index] == UInt8(ascii: "&") else {
                index += 1
                continue
            }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index]))
            var semicolon = index + 1
            while semicolon < range.upperBound, bytes[semicolon] != UInt8(ascii: ";"), semicolon - index < 12 { semicolon += 1 }
            let entity = String(decoding: UnsafeBufferPointer(rebasing: bytes[(index + 1)..<min(semicolon, range.upperBound)]), as: UTF8.self)
            if semicolon < range.upperBound, let scalar = Self.entity(entity) {
                output.append(contentsOf: Array(String(Character(scalar)).utf8))
                index = semicolon + 1
            } else {
                output.append(bytes[index])
                index += 1
            }
            runStart = index
        }
        output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<range.upperBound]))
    }

    private static func entity(_ name: String) -> Unicode.Scalar? {
        switch name {
        case "amp": return "&"
        case "lt": return "<"
        case "gt": return ">"
        case "quot": return "\""
        case "apos": return "'"
        default:
            guard name.hasPrefix("#") else { return nil }
            let number = name.hasPrefix("#x") || name.hasPrefix("#X") ? UInt32(name.dropFirst(2), radix: 16) : UInt32(name.dropFirst())
            return number.flatMap(Unicode.Scalar.init)
        }
    }

    /// The whole number written in `range` (an index, a row number); nil when it is not one.
    static func integer(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int? {
        guard !range.isEmpty, range.count < 19 else { return nil }
        var value = 0
        for index in range {
            let digit = Int(bytes[index]) - 48
            guard (0...9).contains(digit) else { return nil }
            value = value * 10 + digit
        }
        return value
    }
}
