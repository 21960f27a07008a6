import Foundation
import Testing
@testable import KPIStore

@Suite("Import kinds: each declaration is the table")
struct SchemaTests {
    /// A table as SQLite describes it: columns (type, NOT NULL, default, key), foreign keys,
    /// indexes with their columns, and checks.
    static func shape(of table: String, in database: Database) throws -> [String] {
        var lines: [String] = []
        try database.prepare("SELECT name, type, \"notnull\", dflt_value, pk FROM pragma_table_info(?)").forEach([.text(table)]) {
            lines.append("column \($0.text(0)) \($0.text(1)) notnull=\($0.int(2)) default=\($0.optionalText(3) ?? "-") pk=\($0.int(4))")
        }
        try database.prepare("SELECT \"from\", \"table\", \"to\" FROM pragma_foreign_key_list(?)").forEach([.text(table)]) {
            lines.append("reference \($0.text(0)) → \($0.text(1)).\($0.optionalText(2) ?? "")")
        }
        try database.prepare("""
            SELECT l.name, l."unique", group_concat(i.name, ',') FROM pragma_index_list(?1) l, pragma_index_info(l.name) i
            WHERE l.origin = 'c' GROUP BY l.name ORDER BY l.name
            """).forEach([.text(table)]) { lines.append("index \($0.text(0)) unique=\($0.int(1)) (\($0.text(2)))") }
        try database.prepare("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?").forEach([.text(table)]) { row in
            // Quoted names (a column may be called `from`) read as the same column.
            let sql = row.text(0).replacingOccurrences(of: "\"", with: "")
            var rest = sql[...]
            while let start = rest.range(of: "CHECK (") {
                let tail = rest[start.upperBound...]
                let end = tail.firstIndex(of: ")") ?? tail.endIndex
                lines.append(Self.check(String(tail[..<end])))
                rest = tail[end...]
            }
            if sql.contains("UNIQUE") { lines.append("unique columns: \(sql.components(separatedBy: " UNIQUE").count - 1)") }
        }
        return lines.sorted()
    }

    /// A check as what it allows: `c = 'a' OR c = 'b'` and `c IN ('a', 'b')` both read
    /// `check c in a,b`; others as written.
    static func check(_ text: String) -> String {
        let column = text.prefix { $0 != " " }
        let values = text.split(separator: "'").enumerated().filter { $0.offset % 2 == 1 }.map(\.element)
        return values.isEmpty ? "check \(text)" : "check \(column) in \(values.joined(separator: ","))"
    }

    @Test("every kind's declaration builds exactly the table the migrations built", arguments: ImportKind.all)
    func declarationIsTheSchema(kind: ImportKind) throws {
        let migrated = try Store(path: ":memory:")
        let declared = try Database(path: ":memory:")
        for other in ImportKind.all { try declared.execute(other.schemaSQL, context: "creating \(other.id)") }
        let shape = try Self.shape(of: kind.table, in: declared)
        #expect(shape.contains { $0.hasPrefix("column ") })
        #expect(shape == (try Self.shape(of: kind.table, in: migrated.database)))
    }

    @Test("a declaration names its key, period and owner among its columns")
    func namesAreColumns() {
        for kind in ImportKind.all {
            let names = Set(kind.columns.map(\.name))
            #expect(Set(kind.key).isSubset(of: names), "\(kind.id)")
            #expect(kind.periodColumn.map(names.contains) ?? true, "\(kind.id)")
            switch kind.owner {
            case .none: break
            case .column(let column): #expect(names.contains(column), "\(kind.id)")
            case .through(let column, _): #expect(names.contains(column), "\(kind.id)")
            }
            #expect(kind.indexes.allSatisfy { Set($0.columns).isSubset(of: names) }, "\(kind.id)")
        }
    }

    @Test("a database missing a declared kind's table gets it from the declaration when opened")
    func missingTableIsCreated() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("kpi-schema-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let path = directory.appendingPathComponent("kpi.sqlite").path
        let before = try Self.shape(of: "requisitions", in: try Store(path: path).database)
        try Store(path: path).database.execute("DROP TABLE requisitions", context: "test")
        let store = try Store(path: path)
        #expect(try Self.shape(of: "requisitions", in: store.database) == before)
        #expect(try store.count("requisitions") == 0)
    }
}
