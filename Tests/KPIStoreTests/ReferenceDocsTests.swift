import Foundation
import KPIFormula
import Testing
@testable import KPIStore

@Suite("docs/formats.md and docs/measures.md say what the declarations say")
struct ReferenceDocsTests {
    static func document(_ name: String) throws -> String {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return try String(contentsOf: root.appendingPathComponent("docs").appendingPathComponent(name), encoding: .utf8)
    }

    /// The lines of the section headed `### \`id\``, up to the next heading.
    static func section(_ id: String, in text: String) -> [Substring]? {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard let start = lines.firstIndex(where: { $0.hasPrefix("### `\(id)`") }) else { return nil }
        let rest = lines[(start + 1)...]
        return Array(rest.prefix { !$0.hasPrefix("#") })
    }

    @Test("each kind's section lists its columns in order with their Chinese headers and meanings, which are required, its key and its period column", arguments: ImportKind.all)
    func kind(kind: ImportKind) throws {
        let section = try #require(Self.section(kind.id, in: try Self.document("formats.md")), "no section for \(kind.id)")
        let rows = section.filter { $0.hasPrefix("| `") }.map { row in row.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) } }
        #expect(rows.map { $0[0] } == kind.columns.map { "`\($0.name)`" })
        #expect(rows.map { $0[1] } == kind.columns.map(\.header))
        #expect(rows.map { $0[3] == "yes" } == kind.columns.map(\.required))
        #expect(rows.map { $0[4] } == kind.columns.map(\.meaning))
        let facts = try #require(section.first { $0.hasPrefix("Table ") })
        #expect(facts.contains("Table `\(kind.table)`. Key: \(kind.key.map { "`\($0)`" }.joined(separator: ", ")).") )
        #expect(facts.contains("Period column: \(kind.periodColumn.map { "`\($0)`" } ?? "none")."))
        #expect(facts.contains(kind.importRight.map { "`\($0)`" } ?? "`appraisal:admin` or `import:all` only"))
    }

    @Test("every measure has its row in docs/measures.md")
    func measures() throws {
        let text = try Self.document("measures.md")
        for definition in MeasureFamily.catalogue.definitions {
            let written = "| `\(definition.name)\(definition.takesArgument ? "(\"kind\")" : "")` | \(definition.meaningEn) |"
            #expect(text.contains(written), "\(definition.name)")
        }
    }
}
