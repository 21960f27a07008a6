import Foundation
import Testing
@testable import KPIReaders

@Suite("CSV reader: RFC 4180 records from a file read in chunks")
struct CSVReaderTests {
    /// Every record of `text` as (line, fields).
    static func records(_ bytes: [UInt8]) throws -> [(Int, [String])] {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("kpi-csv-\(UUID().uuidString).csv").path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        var reader = try #require(CSVReader(path: path))
        var records: [(Int, [String])] = []
        try reader.forEachRecord { record in
            records.append((record.line, record.fields.indices.map { record.text($0) }))
            return true
        }
        return records
    }

    @Test("fields, quotes and line ends", arguments: [
        ("a,b\n1,2\n", [[1: ["a", "b"]], [2: ["1", "2"]]]),
        ("a,b\r\n1,2", [[1: ["a", "b"]], [2: ["1", "2"]]]),
        ("\u{FEFF}a\n\n\n b , c \n", [[1: ["a"]], [4: ["b", "c"]]]),
        ("x,\"say \"\"hi\"\"\",\"\"\n", [[1: ["x", "say \"hi\"", ""]]]),
        ("x,  \"a, b\"  ,y\n", [[1: ["x", "a, b", "y"]]]),
        ("\"two\nlines\",z\nnext\n", [[1: ["two\nlines", "z"]], [3: ["next"]]]),
        ("a,,b,\n", [[1: ["a", "", "b", ""]]]),
        ("张工,\"刘, 工\"\n", [[1: ["张工", "刘, 工"]]]),
    ])
    func fields(text: String, expected: [[Int: [String]]]) throws {
        let records = try Self.records(Array(text.utf8))
        #expect(records.map { [$0.0: $0.1] } == expected)
    }

    @Test("a record across the 1 MB chunk boundary, a quoted line break in it, is read whole")
    func acrossChunks() throws {
        let filler = String(repeating: "x", count: (1 << 20) - 10)
        let text = "\(filler),\"first\nsecond\",tail\nlast,row\n"
        let records = try Self.records(Array(text.utf8))
        #expect(records.count == 2)
        #expect(records[0].1 == [filler, "first\nsecond", "tail"])
        #expect(records[1].0 == 3)
        #expect(records[1].1 == ["last", "row"])
    }

    @Test("malformed: each failure names the record's line", arguments: [
        ("a\nb,\"open\nc\n", 2, "a quoted field opened on this line is never closed"),
        ("a\n\"quoted\"tail,b\n", 2, "text after the closing quote of field 1; quote the whole field and double the quotes inside it"),
        ("a\n\n\"x\",\"y\" z\n", 3, "text after the closing quote of field 2; quote the whole field and double the quotes inside it"),
    ])
    func malformed(text: String, line: Int, message: String) throws {
        do {
            _ = try Self.records(Array(text.utf8))
            Issue.record("read without a failure")
        } catch let failure as ReadFailure {
            #expect(failure.line == line)
            #expect(failure.message == message)
        }
    }
}

@Suite("Text files: GB18030 told from UTF-8, tabs, lone CRs")
struct TextEncodingTests {
    static func records(_ bytes: [UInt8], name: String = "file.csv", encoding: TextEncoding? = nil) throws -> [[String]] {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("kpi-text-\(UUID().uuidString)-\(name)").path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        var reader = try #require(CSVReader(path: path, encoding: encoding))
        var records: [[String]] = []
        try reader.forEachRecord { record in
            records.append(record.fields.indices.map { record.text($0) })
            return true
        }
        return records
    }

    /// 网线 in GBK (and GB18030).
    static let wire: [UInt8] = [0xCD, 0xF8, 0xCF, 0xDF]

    @Test("GBK bytes are read as GB18030, a character cut by the 1 MB chunk boundary included")
    func gbk() throws {
        #expect(try Self.records(Array("sku,name\nS7,".utf8) + Self.wire + [0x0A]) == [["sku", "name"], ["S7", "网线"]])
        // The header tells GB18030 from the first chunk; the filler puts the chunk boundary between
        // the two bytes of 网 on the second line.
        let header = Array("a,".utf8) + Self.wire + [0x0A]
        let filler = [UInt8](repeating: UInt8(ascii: "x"), count: (1 << 20) - header.count - 2)
        let records = try Self.records(header + filler + [UInt8(ascii: ",")] + Self.wire + [0x0A])
        #expect(records.count == 2)
        #expect(records[0] == ["a", "网线"])
        #expect(records[1][1] == "网线")
    }

    @Test("valid UTF-8 is UTF-8; a cut sequence at the end of the sample does not make it GB18030")
    func detection() {
        let utf8 = Array("工号,姓名".utf8)
        #expect(utf8.withUnsafeBufferPointer { TextEncoding.detect($0) } == .utf8)
        #expect(Array(utf8.dropLast()).withUnsafeBufferPointer { TextEncoding.detect($0) } == .utf8)
        #expect(Self.wire.withUnsafeBufferPointer { TextEncoding.detect($0) } == .gb18030)
        #expect(TextEncoding(name: "GBK") == .gb18030)
        #expect(TextEncoding(name: "UTF8") == .utf8)
        #expect(TextEncoding(name: "latin1") == nil)
    }

    @Test("a TSV file, a tab-separated header, lone CR line ends")
    func separators() throws {
        #expect(try Self.records(Array("a\tb\n1\t2,3\n".utf8), name: "x.tsv") == [["a", "b"], ["1", "2,3"]])
        #expect(try Self.records(Array("a\tb\n1\t2\n".utf8)) == [["a", "b"], ["1", "2"]])
        #expect(try Self.records(Array("a,b\r1,2\r3,4\r".utf8)) == [["a", "b"], ["1", "2"], ["3", "4"]])
    }
}
