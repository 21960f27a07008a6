import Foundation
@testable import KPICatalog
@testable import KPIEngine
import KPIStore
import KPITestSupport
import Testing

/// The worked example of docs/scoring.md: a 总经理 (E1) over four 售后工程师 (E2–E5), October 2026.
/// Every number asserted here is worked out by hand in that document.
struct WorkedExample {
    static let catalog: [String: String] = [
        "roles/departments.yaml": """
        departments:
          - {id: office, name: 总经办, parent: null}
          - {id: service, name: 售后部, parent: office}
        """,
        "roles/boss.yaml": """
        id: boss
        name: 总经理
        department: office
        reports_to: null
        level: executive
        permissions: [appraisal:admin, view:company, rate:team]
        kpis:
          - {kpi: response, weight: 50, scope: team}
          - {kpi: response-change, weight: 50}
        """,
        "roles/engineer.yaml": """
        id: engineer
        name: 售后工程师
        department: service
        reports_to: boss
        level: staff
        kpis:
          - {kpi: response, weight: 40}
          - {kpi: first-fix, weight: 20}
          - {kpi: reopens, weight: 20}
          - {kpi: attitude, weight: 20}
        """,
        "kpi-definitions/response.yaml": """
        id: response
        name: 响应及时率
        unit: percent
        direction: higher
        scope: self
        formula: service.responded_on_time / service.tickets
        scoring: {method: linear, threshold: 0.80, target: 0.95, challenge: 1.00}
        """,
        "kpi-definitions/response-change.yaml": """
        id: response-change
        name: 响应及时率环比
        unit: percent
        direction: higher
        scope: team
        formula: service.responded_on_time / service.tickets - prev(service.responded_on_time / service.tickets)
        scoring: {method: linear, threshold: -0.05, target: 0.05, challenge: 0.30}
        """,
        "kpi-definitions/first-fix.yaml": """
        id: first-fix
        name: 一次修复率
        unit: percent
        direction: higher
        scope: self
        formula: service.first_time_fixes / service.resolved
        scoring:
          method: bands
          bands: [{at_least: 0.9, score: 100}, {at_least: 0.7, score: 80}]
          otherwise: 40
        """,
        "kpi-definitions/reopens.yaml": """
        id: reopens
        name: 重开工单
        unit: count
        direction: lower
        scope: self
        formula: service.reopened
        scoring: {method: deduction, base: 100, per_unit: 50, floor: 0}
        """,
        "kpi-definitions/attitude.yaml": """
        id: attitude
        name: 工作态度
        unit: score
        scoring: {method: rating, scale: 5}
        """,
        "kpi-definitions/grading.yaml": """
        grades:
          - {grade: S, min_score: 110, coefficient: 1.5, max_share: 0.10}
          - {grade: A, min_score: 95, coefficient: 1.2, max_share: 0.25}
          - {grade: B, min_score: 80, coefficient: 1.0}
          - {grade: C, min_score: 60, coefficient: 0.8}
          - {grade: D, min_score: 0, coefficient: 0.5}
        forced_distribution: department
        veto:
          - {kpi: reopens, max_grade: C}
        """,
        "kpi-definitions/service-levels.yaml": """
        priorities:
          P1: {respond_minutes: 30, resolve_minutes: 240}
          P2: {respond_minutes: 120, resolve_minutes: 1440}
          P3: {respond_minutes: 480, resolve_minutes: 4320}
        """,
    ]

    /// Ten P2 tickets of one engineer opened on `day`: the first `onTime` answered in 30 minutes,
    /// the rest after 4 hours (the SLA is 2); all resolved the same day; the last `reopened` reopened.
    static func tickets(_ prefix: String, _ assignee: String, day: String, onTime: Int, reopened: Int = 0) -> [String] {
        (1...10).map { n in
            let answered = n <= onTime ? "09:30" : "13:00"
            return "\(prefix)\(n),P2,\(day)T09:00,\(day)T\(answered),\(day)T17:00,\(assignee),1,\(n > 10 - reopened ? "yes" : "no")"
        }
    }

    let appraisals: Appraisals
    let cards: [String: Scorecard]

    init() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("kpi-worked-\(UUID().uuidString)")
        for folder in ["roles", "kpi-definitions"] {
            try FileManager.default.createDirectory(at: root.appendingPathComponent(folder), withIntermediateDirectories: true)
        }
        for (file, text) in Self.catalog {
            try (text + "\n").write(to: root.appendingPathComponent(file), atomically: false, encoding: .utf8)
        }
        let catalog = try Catalog.load(from: root.path, measures: MeasureFamily.catalogue)
        let path = root.appendingPathComponent("kpi.sqlite").path
        func file(_ name: String, _ lines: [String]) throws -> String {
            let url = root.appendingPathComponent(name)
            try (lines.joined(separator: "\n") + "\n").write(to: url, atomically: false, encoding: .utf8)
            return url.path
        }
        _ = try Appraisals(catalog: catalog, store: Store(path: path), login: "boss").importCSV(.employees, file: file("staff.csv", [
            "id,name,login,role,manager,hire_date",
            "E1,王总,boss,boss,,2020-01-01", "E2,张工,e2,engineer,E1,2022-01-01", "E3,李工,e3,engineer,E1,2022-01-01",
            "E4,赵工,e4,engineer,E1,2022-01-01", "E5,钱工,e5,engineer,E1,2022-01-01",
        ]), dryRun: false, progress: nil)
        let boss = try Appraisals(catalog: catalog, store: Store(path: path), login: "boss")
        _ = try boss.importCSV(.tickets, file: file("tickets.csv", ["id,priority,opened_at,first_response_at,resolved_at,assignee,visits,reopened"]
            + Self.tickets("S-A", "E2", day: "2026-09-15", onTime: 5) + Self.tickets("S-B", "E4", day: "2026-09-15", onTime: 10)
            + Self.tickets("T-A", "E2", day: "2026-10-15", onTime: 10) + Self.tickets("T-B", "E4", day: "2026-10-15", onTime: 10, reopened: 2)
            + Self.tickets("T-C", "E5", day: "2026-10-15", onTime: 10)), dryRun: false, progress: nil)
        let october = Period("2026-10")!
        for (employee, score) in [("E2", 4.0), ("E3", 4.0), ("E4", 5.0), ("E5", 4.0)] {
            try boss.rate(employee, kpi: "attitude", score: score, period: october, comment: nil)
        }
        try boss.open(october)
        let cards = try boss.run(october)
        self.cards = Dictionary(uniqueKeysWithValues: cards.map { ($0.employee, $0) })
        appraisals = boss
    }

    func score(_ employee: String, _ kpi: String) -> Double? {
        cards[employee]?.lines.first { $0.kpi == kpi }?.score
    }

    func step(_ employee: String, _ kpi: String) throws -> ScoringStep {
        try appraisals.explain(employee, kpi: kpi, period: Period("2026-10")!).step
    }
}

@Suite("The worked example of docs/scoring.md")
struct WorkedExampleTests {
    static func close(_ a: Double?, _ b: Double) -> Bool { a.map { abs($0 - b) < 1e-9 } ?? false }

    @Test("the scores of each line, one per method")
    func scores() throws {
        let example = try WorkedExample()
        // linear: E2 answered 10 of 10 on time, 1.0 reaches the challenge: 120.
        #expect(Self.close(example.score("E2", "response"), 120))
        // bands: 10 of 10 fixed first time ≥ 0.9 → 100; E4 8 of 10 (two reopened) ≥ 0.7 → 80.
        #expect(Self.close(example.score("E2", "first-fix"), 100))
        #expect(Self.close(example.score("E4", "first-fix"), 80))
        // deduction: E4's two reopened tickets, 100 − 50 × 2 = 0; none reopened, 100.
        #expect(Self.close(example.score("E4", "reopens"), 0))
        #expect(Self.close(example.score("E2", "reopens"), 100))
        // rating: 4 of 5 → 80.
        #expect(Self.close(example.score("E2", "attitude"), 80))
        // prev(): the team answered 15 of 20 on time in September and 30 of 30 in October,
        // a change of 0.25, between target 0.05 (100) and challenge 0.30 (120): 100 + 20 × 0.20 ÷ 0.25 = 116.
        #expect(Self.close(example.score("E1", "response-change"), 116))
        #expect(Self.close(example.score("E1", "response"), 120))
    }

    @Test("no data leaves the total, and the other weights carry it")
    func renormalisation() throws {
        let example = try WorkedExample()
        let card = try #require(example.cards["E3"])
        // E3 had no ticket: response and first-fix are 0 ÷ 0, no data; reopens 0 → 100; attitude 4 → 80.
        #expect(card.lines.map(\.status) == [.noData, .noData, .ok, .ok])
        #expect(Self.close(card.total, (20 * 100 + 20 * 80) / 40))
        #expect(Self.close(try example.step("E3", "reopens").effectiveWeight ?? 0, 50))
        #expect(try example.step("E3", "response").effectiveWeight == nil)
    }

    @Test("totals, raw grades, veto, forced distribution with a tie, coefficients")
    func grades() throws {
        let example = try WorkedExample()
        let expected: [(String, Double, String, String, Double)] = [
            // E1 alone in 总经办: 118 is S, but ⌊0.10 × 1⌋ = 0 S and ⌊0.25 × 1⌋ = 0 A: B.
            ("E1", 118, "S", "B", 1.0),
            // E2 and E5 tie at 104 (A); 售后部 has 4 graded, room for ⌊0.25 × 4⌋ = 1 A: the smaller id keeps it.
            ("E2", 104, "A", "A", 1.2),
            ("E3", 90, "B", "B", 1.0),
            // E4: 84 is B, but the veto item `reopens` scored 0: C at best.
            ("E4", 84, "B", "C", 0.8),
            ("E5", 104, "A", "B", 1.0),
        ]
        for (employee, total, raw, grade, coefficient) in expected {
            let card = try #require(example.cards[employee])
            #expect(Self.close(card.total, total), "\(employee)")
            #expect(card.rawGrade == raw, "\(employee)")
            #expect(card.grade == grade, "\(employee)")
            #expect(card.coefficient == coefficient, "\(employee)")
        }
    }

    @Test("explain narrates the engine's step, one case per method", arguments: [
        ("E2", "response", "1 reaches the challenge 1: 120"),
        ("E1", "response-change", "0.25 lies between target 0.05 (100) and challenge 0.3 (120): 100 + 20 × (0.25 − 0.05) ÷ (0.3 − 0.05) = 116"),
        ("E4", "first-fix", "0.8 ≥ 0.7: band 2, 80"),
        ("E4", "reopens", "max(0, 100 − 50 × 2) = 0"),
        ("E2", "attitude", "4 ÷ 5 × 100 = 80"),
        ("E3", "response", "no data (a division by zero, say): left out of the total"),
    ])
    func narration(employee: String, kpi: String, expected: String) throws {
        let step = try WorkedExample().step(employee, kpi)
        #expect(step.narration(chinese: false) { trimmed($0, digits: 4) } == expected)
    }

    @Test("the same step in Chinese")
    func chinese() throws {
        let step = try WorkedExample().step("E4", "first-fix")
        #expect(step.narration(chinese: true) { trimmed($0, digits: 4) } == "0.8 ≥ 0.7: 第 2 档, 80 分")
    }
}

@Suite("Scoring steps the worked example does not reach")
struct ScoringStepTests {
    static let rising = ScoringRule.linear(.init(threshold: 0.80, target: 0.95, challenge: nil, points: .standard))

    @Test("each no-data policy and an unrated KPI", arguments: [
        (KPIDefinition.NoDataPolicy.zero, false, 0.0 as Double?, "no data: scores 0 as the KPI says"),
        (.target, false, 100, "no data: scores the target's 100"),
        (.exclude, true, nil, "not rated yet: left out of the total"),
    ])
    func noData(policy: KPIDefinition.NoDataPolicy, rated: Bool, score: Double?, text: String) {
        let rule = rated ? ScoringRule.rating(.init(scale: 5)) : Self.rising
        let step = ScoringStep.of(value: nil, rule: rule, direction: .higher, noData: policy, weight: 30, scoredWeights: 70)
        #expect(step.score == score)
        #expect(step.applied == .noData(policy))
        #expect(step.narration(chinese: false) { trimmed($0, digits: 4) } == text)
    }

    @Test("short of the threshold; the target without a challenge; a rising value between threshold and target")
    func linear() {
        func narrate(_ value: Double) -> String {
            ScoringStep.of(value: value, rule: Self.rising, direction: .higher, noData: .exclude, weight: 40, scoredWeights: 40)
                .narration(chinese: false) { trimmed($0, digits: 4) }
        }
        #expect(narrate(0.7) == "0.7 does not reach the threshold 0.8: 0")
        #expect(narrate(0.99) == "0.99 reaches the target 0.95: 100")
        #expect(narrate(0.875) == "0.875 lies between threshold 0.8 (60) and target 0.95 (100): 60 + 40 × (0.875 − 0.8) ÷ (0.95 − 0.8) = 80")
    }
}
