import Foundation
import KPICatalog
@testable import KPIStore
import KPITestSupport
import Testing
@testable import KPIEngine

/// The rules each period was scored by, kept with its results (docs/cli.md, the rules of a period).
@Suite("One truth per period: the rules kept with the results, the diff, the preview")
struct RulesTests {
    /// A copy of the shipped catalog with the engineer's weights moved (40/30/30 → 30/30/40), the
    /// response KPI's threshold raised (0.8 → 0.85) and the first-time-fix formula changed.
    static func changedCatalog() throws -> Catalog {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let copy = FileManager.default.temporaryDirectory.appendingPathComponent("kpi-catalog-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: copy, withIntermediateDirectories: true)
        for folder in CatalogFiles.folders {
            try FileManager.default.copyItem(at: root.appendingPathComponent(folder), to: copy.appendingPathComponent(folder))
        }
        func edit(_ file: String, _ old: String, _ new: String) throws {
            let url = copy.appendingPathComponent(file)
            let text = try String(contentsOf: url, encoding: .utf8)
            #expect(text.contains(old), "\(file) holds \(old)")
            try text.replacingOccurrences(of: old, with: new).write(to: url, atomically: false, encoding: .utf8)
        }
        try edit("roles/after-sales-engineer.yaml", "  - kpi: service-on-time-response\n    weight: 40", "  - kpi: service-on-time-response\n    weight: 30")
        try edit("roles/after-sales-engineer.yaml", "  - kpi: customer-satisfaction\n    weight: 30", "  - kpi: customer-satisfaction\n    weight: 40")
        try edit("kpi-definitions/service-on-time-response.yaml", "  threshold: 0.8\n", "  threshold: 0.85\n")
        let fix = try String(contentsOf: copy.appendingPathComponent("kpi-definitions/service-first-time-fix.yaml"), encoding: .utf8)
        let formula = try #require(fix.split(separator: "\n").first { $0.hasPrefix("formula:") })
        try edit("kpi-definitions/service-first-time-fix.yaml", String(formula), String(formula) + " * 1")
        return try Catalog.load(from: copy.path, measures: MeasureFamily.catalogue)
    }

    @Test("a closed period reads by its own rules after the catalog changed: the same scorecard, steps and explanation")
    func closedPeriodKeepsItsRules() throws {
        let fixture = try EngineFixture()
        let october = Period("2026-10")!
        let before = try fixture.appraisals(as: "sun")
        try before.close(october, force: true, reason: "test")
        let card = try before.scorecard(of: "E3", period: october)
        let steps = try before.steps(of: card)
        let explained = try before.explain("E3", kpi: "service-on-time-response", period: october)

        let changed = try Self.changedCatalog()
        let after = try Appraisals(catalog: changed, store: Store(path: fixture.path), login: "sun")
        #expect(try after.scorecard(of: "E3", period: october) == card)
        #expect(try after.steps(of: card) == steps)
        let again = try after.explain("E3", kpi: "service-on-time-response", period: october)
        #expect(again.step == explained.step)
        #expect(again.kpi.scoring == explained.kpi.scoring)
        #expect(again.kpi.formula == explained.kpi.formula)
        // Today's catalog would have scored it otherwise.
        #expect(after.steps(of: card, by: changed) != steps)
    }

    @Test("catalog diff against a period names exactly the changes made")
    func diffNamesTheChanges() throws {
        let fixture = try EngineFixture()
        let changed = try Self.changedCatalog()
        let after = try Appraisals(catalog: changed, store: Store(path: fixture.path), login: "sun")
        let changes = try after.ruleChanges(since: Period("2026-10")!)
        let fix = try #require(fixture.catalog.kpi("service-first-time-fix")?.formula?.source)
        #expect(changes == [
            CatalogChange(role: nil, kpi: "service-first-time-fix", field: "formula", old: fix, new: fix + " * 1"),
            CatalogChange(role: nil, kpi: "service-on-time-response", field: "scoring.threshold", old: "0.8", new: "0.85"),
            CatalogChange(role: "after-sales-engineer", kpi: "customer-satisfaction", field: "weight", old: "30", new: "40"),
            CatalogChange(role: "after-sales-engineer", kpi: "service-on-time-response", field: "weight", old: "40", new: "30"),
        ])
        #expect(fixture.catalog.changes(from: fixture.catalog).isEmpty)
    }

    @Test("a run keeps its rules once per distinct set; a run after a change audits what changed")
    func keptOnceAndAudited() throws {
        let fixture = try EngineFixture()
        let october = Period("2026-10")!
        let store = try Store(path: fixture.path)
        let hr = try fixture.appraisals(as: "sun")
        try hr.run(october)
        var sets = 0
        try store.database.prepare("SELECT COUNT(*) FROM rule_sets").forEach { sets = Int($0.int(0)) }
        #expect(sets == 1)
        #expect(try store.ruleSetHash(of: october) == Store.ruleSetHash(of: fixture.catalog.files.contents))
        let changed = try Appraisals(catalog: Self.changedCatalog(), store: store, login: "sun")
        try changed.run(october)
        try store.database.prepare("SELECT COUNT(*) FROM rule_sets").forEach { sets = Int($0.int(0)) }
        #expect(sets == 2)
        let audited = try changed.auditLog(period: october).filter { $0.action == "rules" }
        #expect(audited.count == 1)
        #expect(audited.first?.summary.hasPrefix("run with changed rules (4 changes): service-first-time-fix formula: ") == true)
    }

    @Test("preview: the same catalog changes nothing; a draft gives what a run with it stores; nothing is written")
    func preview() throws {
        let fixture = try EngineFixture()
        let october = Period("2026-10")!
        let unchanged = try fixture.appraisals(as: "sun").preview(october)
        #expect(!unchanged.rows.isEmpty)
        #expect(unchanged.rows.allSatisfy { $0.oldTotal == $0.newTotal && $0.oldGrade == $0.newGrade })
        let store = try Store(path: fixture.path)
        let draft = try Appraisals(catalog: Self.changedCatalog(), store: store, login: "sun")
        let stored = try store.scorecards(of: october, employees: nil)
        let previewed = try draft.preview(october)
        #expect(try store.scorecards(of: october, employees: nil) == stored)
        // 张工 scored 0, 0 and 95: 0.4·0 + 0.3·0 + 0.3·95 = 28.5 before, 0.3·0 + 0.3·0 + 0.4·95 = 38 after.
        let zhang = try #require(previewed.rows.first { $0.employee == "E3" })
        #expect(abs((zhang.oldTotal ?? 0) - 28.5) < 1e-9)
        #expect(abs((zhang.newTotal ?? 0) - 38) < 1e-9)
        for row in previewed.rows {
            #expect(stored.first { $0.employee == row.employee }?.total == row.oldTotal)
        }
        let ran = try draft.run(october)
        for row in previewed.rows {
            let card = ran.first { $0.employee == row.employee }
            #expect(card?.total == row.newTotal, "\(row.employee)")
            #expect(card?.grade == row.newGrade, "\(row.employee)")
        }
        // A staff member is refused, whatever the draft says.
        #expect(throws: AppraisalError.self) { try Appraisals(catalog: Self.changedCatalog(), store: store, login: "zhang").preview(october) }
    }

    @Test("a quarter whose months were scored by other rules says which")
    func quarterSpanningRuleSets() throws {
        let fixture = try EngineFixture()
        let store = try Store(path: fixture.path)
        let changed = try Appraisals(catalog: Self.changedCatalog(), store: store, login: "sun")
        let november = Period("2026-11")!, quarter = Period("2026-Q4")!
        try changed.open(november)
        try changed.run(november)
        try changed.open(quarter)
        try changed.run(quarter)
        let spanned = try changed.ruleSetsSpanned(by: quarter)
        #expect(spanned.map(\.period) == [quarter, Period("2026-10")!, november])
        #expect(spanned[0].hash == spanned[2].hash)
        #expect(spanned[0].hash != spanned[1].hash)
        #expect(try changed.ruleSetsSpanned(by: Period("2026-10")!).isEmpty)
        // Run again with one catalog throughout, the quarter spans one set.
        try changed.run(Period("2026-10")!)
        #expect(try changed.ruleSetsSpanned(by: quarter).isEmpty)
    }
}
