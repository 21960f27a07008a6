import KPIStore
import Testing
@testable import KPICatalog

/// One planted problem and the diagnostic it must produce.
struct CheckCase: CustomTestStringConvertible, Sendable {
    let name: String
    let edits: [CatalogFixture.Edit]
    let expected: [String]

    init(_ name: String, _ edits: [CatalogFixture.Edit], _ expected: String...) {
        self.name = name
        self.edits = edits
        self.expected = expected
    }

    var testDescription: String { name }
}

@Suite("Catalog check: every problem at its file, line and column")
struct CatalogCheckTests {
    @Test("the fixture itself is valid")
    func fixtureIsValid() throws {
        #expect(try CatalogFixture().diagnostics() == [])
        // A `*` or a deep indent in the text of a block scalar is text, not an alias.
        #expect(try CatalogFixture([.replace("name: 响应及时率", "name: 响应及时率\ndescription: >\n  *注意*: 按工单计, a * b, [[[[\n  多行", in: "kpi-definitions/response.yaml")])
            .diagnostics() == [])
    }

    static let cases: [CheckCase] = [
        CheckCase("YAML syntax", [.replace("aliases: [服务工程师]", "aliases: [服务工程师", in: "roles/engineer.yaml")],
                  "roles/engineer.yaml:4:11: YAML syntax error: did not find expected ',' or ']' (while parsing a flow sequence at line 3)"),
        CheckCase("unknown field with a suggestion", [.replace("level: staff", "level: staff\nreport_to: boss", in: "roles/engineer.yaml")],
                  "roles/engineer.yaml:7:1: unknown field `report_to` in a role; did you mean `reports_to`?"),
        CheckCase("missing field", [.replace("level: staff\n", "", in: "roles/engineer.yaml")],
                  "roles/engineer.yaml:1:1: missing field `level`"),
        CheckCase("missing reports_to", [.replace("reports_to: boss\n", "", in: "roles/engineer.yaml")],
                  "roles/engineer.yaml:1:1: missing field `reports_to`; write the role id of the 直接上级, or null for the top role"),
        CheckCase("id is not the file name", [.replace("id: engineer", "id: engineer-2", in: "roles/engineer.yaml")],
                  "roles/engineer.yaml:1:5: id `engineer-2` does not match the file name `engineer.yaml`; rename the file to engineer-2.yaml or set id: engineer"),
        CheckCase("id with forbidden characters", [.replace("id: response", "id: Response", in: "kpi-definitions/response.yaml")],
                  "kpi-definitions/response.yaml:1:5: KPI id `Response` may hold only lower-case letters, digits and `-`",
                  "kpi-definitions/response.yaml:1:5: id `Response` does not match the file name `response.yaml`; rename the file to Response.yaml or set id: response",
                  "kpi-definitions/grading.yaml:6:11: unknown KPI `response`; did you mean `Response`?",
                  "roles/boss.yaml:8:10: unknown KPI `response`; did you mean `Response`?",
                  "roles/engineer.yaml:8:10: unknown KPI `response`; did you mean `Response`?"),
        CheckCase("duplicate department id", [.replace("{id: service, name: 售后部", "{id: office, name: 售后部", in: "roles/departments.yaml")],
                  "roles/departments.yaml:3:5: duplicate department id `office`; it is already defined at roles/departments.yaml:2:5",
                  "roles/engineer.yaml:4:13: unknown department `service`"),
        CheckCase("unknown department", [.replace("department: service", "department: servise", in: "roles/engineer.yaml")],
                  "roles/engineer.yaml:4:13: unknown department `servise`; did you mean `service`?"),
        CheckCase("unknown parent department", [.replace("parent: office}", "parent: head-office}", in: "roles/departments.yaml")],
                  "roles/departments.yaml:3:38: unknown department `head-office`; did you mean `office`?"),
        CheckCase("unknown role", [.replace("reports_to: boss", "reports_to: bos", in: "roles/engineer.yaml")],
                  "roles/engineer.yaml:5:13: unknown role `bos`; did you mean `boss`?"),
        CheckCase("unknown KPI", [.replace("- kpi: response\n    weight: 100", "- kpi: responce\n    weight: 100", in: "roles/engineer.yaml")],
                  "roles/engineer.yaml:8:10: unknown KPI `responce`; did you mean `response`?"),
        CheckCase("unknown measure", [.replace("service.responded_on_time /", "service.responded_ontime /", in: "kpi-definitions/response.yaml")],
                  "kpi-definitions/response.yaml:6:10: in formula at column 1: unknown measure `service.responded_ontime`; did you mean `service.responded_on_time`?"),
        CheckCase("reports_to cycle", [
            .replace("reports_to: null", "reports_to: engineer", in: "roles/boss.yaml"),
        ], "roles/boss.yaml:4:13: reports_to forms a cycle: boss → engineer → boss",
           "roles: no top role: exactly one role (the head of the company) must have reports_to: null"),
        CheckCase("department parent cycle", [.replace("{id: office, name: 总经办, parent: null}", "{id: office, name: 总经办, parent: service}", in: "roles/departments.yaml")],
                  "roles/departments.yaml:2:37: department parents form a cycle: office → service → office"),
        CheckCase("more than one top role", [.replace("reports_to: boss", "reports_to: null", in: "roles/engineer.yaml")],
                  "roles/engineer.yaml:5:13: more than one top role: `engineer` and `boss` have no reports_to; only the head of the company may"),
        CheckCase("weight not an integer", [.replace("weight: 100", "weight: 99.5", in: "roles/engineer.yaml")],
                  "roles/engineer.yaml:9:13: `weight` must be a whole number, found 99.5"),
        CheckCase("weights not summing to 100", [.replace("weight: 40", "weight: 30", in: "roles/boss.yaml")],
                  "roles/boss.yaml:8:3: KPI weights sum to 90, not 100"),
        CheckCase("zero weight", [.replace("weight: 40", "weight: 0", in: "roles/boss.yaml")],
                  "roles/boss.yaml:11:13: `weight` must be above 0, found 0",
                  "roles/boss.yaml:8:3: KPI weights sum to 60, not 100"),
        CheckCase("formula syntax error, column inside the formula", [.replace("service.responded_on_time / service.tickets", "service.responded_on_time / / service.tickets", in: "kpi-definitions/response.yaml")],
                  "kpi-definitions/response.yaml:6:38: formula syntax error at column 29: expected a number, a measure or a function, found `/`"),
        CheckCase("a formula 14,000 parentheses deep is a diagnostic, not a crash",
                  [.replace("formula: service.responded_on_time / service.tickets",
                            "formula: " + String(repeating: "(", count: 14_000) + "service.tickets" + String(repeating: ")", count: 14_000),
                            in: "kpi-definitions/response.yaml")],
                  "kpi-definitions/response.yaml:6:2010: formula syntax error at column 2001: the formula is longer than 2000 characters; split it into simpler KPIs"),
        CheckCase("an alias, which a few lines could expand to billions of nodes",
                  [.replace("level: staff", "level: staff\nsummary: *lol", in: "roles/engineer.yaml")],
                  "roles/engineer.yaml:7:10: YAML aliases (*name) are not used in the catalog; write the value out"),
        CheckCase("brackets nested past the stack's depth",
                  [.replace("aliases: [服务工程师]", "aliases: " + String(repeating: "[", count: 100_000) + "x" + String(repeating: "]", count: 100_000),
                            in: "roles/engineer.yaml")],
                  "roles/engineer.yaml:3:74: brackets nest more than 64 deep; the catalog nests a few levels at most"),
        CheckCase("quoted formula keeps columns exact", [.replace("formula: service.responded_on_time / service.tickets", "formula: \"ratio(service.responded_on_time service.tickets)\"", in: "kpi-definitions/response.yaml")],
                  "kpi-definitions/response.yaml:6:43: formula syntax error at column 33: expected `,` or `)` in the call of `ratio`, found `service.tickets`"),
        CheckCase("scoring out of order, higher", [.replace("threshold: 0.80", "threshold: 0.96", in: "kpi-definitions/response.yaml")],
                  "kpi-definitions/response.yaml:10:11: scoring numbers out of order for direction higher: threshold 0.96 must be below target 0.95"),
        CheckCase("scoring out of order, lower", [.replace("direction: higher", "direction: lower", in: "kpi-definitions/response.yaml")],
                  "kpi-definitions/response.yaml:10:11: scoring numbers out of order for direction lower: threshold 0.8 must be above target 0.95",
                  "kpi-definitions/response.yaml:11:14: scoring numbers out of order for direction lower: challenge 1 must not be above target 0.95"),
        CheckCase("rating KPI with a formula", [.replace("unit: score", "unit: score\nformula: service.tickets", in: "kpi-definitions/attitude.yaml")],
                  "kpi-definitions/attitude.yaml:4:10: a rating KPI has no formula: its value is the rater's score; remove `formula` or choose another method"),
        CheckCase("computed KPI without a formula", [.replace("formula: service.responded_on_time / service.tickets\n", "", in: "kpi-definitions/response.yaml")],
                  "kpi-definitions/response.yaml:1:1: missing field `formula`: a computed KPI needs one; for a judgement use scoring method rating"),
        CheckCase("unknown permission", [.replace("permissions: [appraisal:admin]", "permissions: [appraisal:admin, view:all]", in: "roles/boss.yaml")],
                  "roles/boss.yaml:6:32: unknown permission `view:all`; the permissions are view:team, view:department, view:company, rate:team, appraisal:admin, calibrate:department, import:project, import:warehouse, import:service, import:sales, import:hr, import:all"),
        CheckCase("unknown scoring method", [.replace("method: linear", "method: linaer", in: "kpi-definitions/response.yaml")],
                  "kpi-definitions/response.yaml:8:11: `method` must be one of linear, deduction, bands, rating, found `linaer`; did you mean `linear`?"),
        CheckCase("a role's override out of order is reported in the role file", [.replace("weight: 100", "weight: 100\n    scoring: {target: 0.75}", in: "roles/engineer.yaml")],
                  "roles/engineer.yaml:10:23: scoring numbers out of order for direction higher: threshold 0.8 must be below target 0.75"),
        CheckCase("an override that does not apply to the method", [.replace("weight: 100", "weight: 100\n    scoring: {per_unit: 5}", in: "roles/engineer.yaml")],
                  "roles/engineer.yaml:10:25: `per_unit` does not apply to method linear; it takes threshold, target, challenge, points"),
        CheckCase("unknown scope in a role", [.replace("weight: 100", "weight: 100\n    scope: teams", in: "roles/engineer.yaml")],
                  "roles/engineer.yaml:10:12: `scope` must be one of self, team, department, company, found `teams`; did you mean `team`?"),
        CheckCase("a KPI listed twice", [.replace("  - kpi: attitude\n    weight: 40", "  - kpi: response\n    weight: 40", in: "roles/boss.yaml")],
                  "roles/boss.yaml:10:10: KPI `response` is listed twice in this role"),
        CheckCase("bands listed worst first", [.replace("  method: linear\n  threshold: 0.80\n  target: 0.95\n  challenge: 1.00", "  method: bands\n  bands:\n    - {at_least: 0.90, score: 80}\n    - {at_least: 0.98, score: 100}", in: "kpi-definitions/response.yaml")],
                  "kpi-definitions/response.yaml:11:18: bands out of order: 0.98 must be below the band before it (0.9); the first band reached wins, so list the best first"),
        CheckCase("a name shared by two roles", [.replace("aliases: [服务工程师]", "aliases: [总经理]", in: "roles/engineer.yaml")],
                  "roles/engineer.yaml:3:11: the name `总经理` is also used by role `boss`; a name or alias must point to one role"),
        CheckCase("veto on an unknown KPI and grade", [.replace("{kpi: response, max_grade: B}", "{kpi: incidents, max_grade: C}", in: "kpi-definitions/grading.yaml")],
                  "kpi-definitions/grading.yaml:6:33: unknown grade `C`; the grades are A, B",
                  "kpi-definitions/grading.yaml:6:11: unknown KPI `incidents`"),
        CheckCase("grades not best first", [.replace("min_score: 0,", "min_score: 95,", in: "kpi-definitions/grading.yaml")],
                  "kpi-definitions/grading.yaml:3:27: grades are listed best first: min_score 95 must be below 90 of grade A",
                  "kpi-definitions/grading.yaml:3:27: the lowest grade B starts at 95; make it 0 so every total gets a grade"),
        CheckCase("a missing priority", [.replace("\n  P3: {respond_minutes: 480, resolve_minutes: 4320}", "", in: "kpi-definitions/service-levels.yaml")],
                  "kpi-definitions/service-levels.yaml:2:3: missing field `P3`"),
        CheckCase("missing grading.yaml", [.remove("kpi-definitions/grading.yaml")],
                  "kpi-definitions/grading.yaml: file not found"),
        CheckCase("an empty file", [.write("roles/engineer.yaml", "")],
                  "roles/engineer.yaml: the file is empty"),
        CheckCase("a file that is not UTF-8", [.writeBytes("roles/engineer.yaml", [0x69, 0x64, 0x3A, 0x20, 0xCA, 0xDB, 0xBA, 0xF3])],
                  "roles/engineer.yaml: the file is not UTF-8 text; save it as UTF-8"),
        CheckCase("a .yml file is named, not skipped", [.write("roles/driver.yml", "id: driver")],
                  "roles/driver.yml: catalog files end in .yaml; rename it to driver.yaml"),
        CheckCase("a YAML error in one file does not hide the others", [
            .replace("level: staff", "level: \"staff", in: "roles/engineer.yaml"),
            .replace("weight: 40", "weight: 41", in: "roles/boss.yaml"),
            .replace("unit: percent", "unit: percnt", in: "kpi-definitions/response.yaml"),
        ], "kpi-definitions/response.yaml:3:7: `unit` must be one of percent, ratio, count, amount, days, score, found `percnt`; did you mean `percent`?",
           "roles/boss.yaml:8:3: KPI weights sum to 101, not 100",
           "roles/engineer.yaml:6:8: YAML syntax error: found unexpected end of stream while scanning a quoted scalar started here; close it"),
    ]

    @Test("each planted problem is reported where it is", arguments: cases)
    func check(_ testCase: CheckCase) throws {
        let diagnostics = try CatalogFixture(testCase.edits).diagnostics()
        #expect(diagnostics.sorted() == testCase.expected.sorted())
    }

    @Test("a missing catalog folder is one clear line")
    func missingFolder() {
        #expect(throws: CatalogError([Diagnostic(.file("/nonexistent/catalog"), "catalog folder not found; run kpi in the folder holding roles/ and kpi-definitions/, or pass --catalog DIR (or set KPI_CATALOG)")])) {
            try Catalog.load(from: "/nonexistent/catalog", measures: MeasureFamily.catalogue)
        }
    }
}
