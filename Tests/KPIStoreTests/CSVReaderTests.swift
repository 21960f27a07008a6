import Foundation
import Testing
@testable import KPIStore

@Suite("CSV reader: RFC 4180 records from a file read in chunks")
struct CSVReaderTests {
    /// Every record of `text` as (line, fields).
    static func records(_ bytes: [UInt8]) throws -> [(Int, [String])] {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("kpi-csv-\(UUID().uuidString).csv").path
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        var reader = try #require(CSVReader(path: path))
        var records: [(Int, [String])] = []
        while try reader.next() {
            records.append((reader.line, reader.fields.indices.map { reader.text($0) }))
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
        } catch let failure as CSVReader.Failure {
            #expect(failure.line == line)
            #expect(failure.message == message)
        }
    }
}
