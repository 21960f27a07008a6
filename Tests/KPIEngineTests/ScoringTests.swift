@testable import KPICatalog
import KPITestSupport
import Testing
@testable import KPIEngine

@Suite("Scoring rules at and around their edges (docs/scoring.md, methods)")
struct ScoringTests {
    static let standard = ScoringRule.Points.standard
    static let rising = ScoringRule.linear(.init(threshold: 0.80, target: 0.95, challenge: 1.00, points: standard))
    static let noChallenge = ScoringRule.linear(.init(threshold: 0.80, target: 0.95, challenge: nil, points: standard))
    static let falling = ScoringRule.linear(.init(threshold: 0.08, target: 0.03, challenge: 0.01, points: standard))
    static let custom = ScoringRule.linear(.init(threshold: 10, target: 20, challenge: 30,
                                                 points: .init(threshold: 50, target: 90, challenge: 130)))

    @Test("linear, higher is better", arguments: [
        (0.0, 0.0), (0.7999, 0.0), (0.80, 60.0), (0.875, 80.0), (0.9499, 99.9733), (0.95, 100.0), (0.975, 110.0),
        (0.9999, 119.96), (1.0, 120.0), (1.5, 120.0),
    ])
    func rising(value: Double, expected: Double) {
        #expect(abs(Self.rising.score(value, direction: .higher) - expected) < 1e-3)
    }

    @Test("linear without challenge stops at the target's points", arguments: [(0.95, 100.0), (0.99, 100.0), (0.79, 0.0)])
    func capped(value: Double, expected: Double) {
        #expect(Self.noChallenge.score(value, direction: .higher) == expected)
    }

    @Test("linear, lower is better, mirrors", arguments: [
        (0.0, 120.0), (0.01, 120.0), (0.02, 110.0), (0.03, 100.0), (0.055, 80.0), (0.08, 60.0), (0.0801, 0.0), (0.5, 0.0),
    ])
    func falling(value: Double, expected: Double) {
        #expect(abs(Self.falling.score(value, direction: .lower) - expected) < 1e-9)
    }

    @Test("linear with custom points", arguments: [(9.0, 0.0), (10.0, 50.0), (15.0, 70.0), (20.0, 90.0), (25.0, 110.0), (30.0, 130.0)])
    func customPoints(value: Double, expected: Double) {
        #expect(Self.custom.score(value, direction: .higher) == expected)
    }

    @Test("deduction: base minus per unit, never below the floor", arguments: [
        (0.0, 100.0), (1.0, 80.0), (4.0, 20.0), (5.0, 0.0), (9.0, 0.0), (2.5, 50.0),
    ])
    func deduction(value: Double, expected: Double) {
        let rule = ScoringRule.deduction(.init(base: 100, perUnit: 20, floor: 0))
        #expect(rule.score(value, direction: .lower) == expected)
        #expect(ScoringRule.deduction(.init(base: 100, perUnit: 20, floor: 40)).score(9, direction: .lower) == 40)
    }

    @Test("bands: the first band reached wins, else otherwise", arguments: [
        (1.0, 100.0), (0.98, 100.0), (0.979, 80.0), (0.95, 80.0), (0.9499, 0.0),
    ])
    func bands(value: Double, expected: Double) {
        let rule = ScoringRule.bands(.init(bound: .atLeast, bands: [.init(limit: 0.98, score: 100), .init(limit: 0.95, score: 80)], otherwise: 0))
        #expect(rule.score(value, direction: .higher) == expected)
    }

    @Test("bands for lower is better use at_most", arguments: [(0.0, 100.0), (0.01, 100.0), (0.02, 70.0), (0.03, 30.0)])
    func bandsLower(value: Double, expected: Double) {
        let rule = ScoringRule.bands(.init(bound: .atMost, bands: [.init(limit: 0.01, score: 100), .init(limit: 0.02, score: 70)], otherwise: 30))
        #expect(rule.score(value, direction: .lower) == expected)
    }

    @Test("ratings: scale 5 maps 1–5 to 20–100; scale 100 is the score", arguments: [
        (5.0, 5.0, 100.0), (5.0, 4.0, 80.0), (5.0, 1.0, 20.0), (100.0, 87.5, 87.5),
    ])
    func rating(scale: Double, value: Double, expected: Double) {
        #expect(ScoringRule.rating(.init(scale: scale)).score(value, direction: .higher) == expected)
    }

    @Test("the points of the target, for when_no_data: target")
    func targetPoints() {
        #expect(Self.custom.targetPoints == 90)
        #expect(ScoringRule.rating(.init(scale: 5)).targetPoints == 100)
    }
}

@Suite("Grades, veto and forced distribution (docs/scoring.md, grades)")
struct GradingTests {
    static let grading = Grading(grades: [
        .init(grade: "S", minScore: 110, coefficient: 1.5, maxShare: 0.10),
        .init(grade: "A", minScore: 95, coefficient: 1.2, maxShare: 0.25),
        .init(grade: "B", minScore: 80, coefficient: 1.0, maxShare: nil),
        .init(grade: "C", minScore: 60, coefficient: 0.8, maxShare: nil),
        .init(grade: "D", minScore: 0, coefficient: 0.5, maxShare: nil),
    ], forcedDistribution: .department, veto: [.init(kpi: "incidents", maxGrade: "C")])

    @Test("raw grade: the first grade whose min_score the total reaches", arguments: [
        (120.0, "S"), (110.0, "S"), (109.99, "A"), (95.0, "A"), (94.99, "B"), (80.0, "B"), (60.0, "C"), (59.99, "D"), (0.0, "D"),
    ])
    func raw(total: Double, grade: String) {
        #expect(Self.grading.rawGrade(for: total)?.grade == grade)
    }

    @Test("veto: a vetoed KPI scored 0 caps the grade; it never raises one")
    func veto() {
        #expect(Self.grading.applyVeto(to: "S", scores: ["incidents": 0]) == "C")
        #expect(Self.grading.applyVeto(to: "D", scores: ["incidents": 0]) == "D")
        #expect(Self.grading.applyVeto(to: "S", scores: ["incidents": 100]) == "S")
        #expect(Self.grading.applyVeto(to: "A", scores: [:]) == "A")
    }

    private func candidates(_ rows: [(String, Double, String)]) -> [Grading.Candidate] {
        rows.map { Grading.Candidate(employee: $0.0, total: $0.1, grade: $0.2) }
    }

    @Test("ten people: one S, two A (⌊0.25·10⌋), the rest cascade down")
    func tenPeople() {
        let group = candidates((1...10).map { ("E\($0 < 10 ? "0" : "")\($0)", 120.0 - Double($0), "S") })
        let result = Self.grading.distribute(group)
        #expect(result["E01"] == "S")
        #expect(result["E02"] == "A" && result["E03"] == "A")
        #expect((4...10).allSatisfy { result["E\($0 < 10 ? "0" : "")\($0)"] == "B" })
    }

    @Test("ties are broken by employee id")
    func ties() {
        let group = candidates((1...10).map { ("E\($0 < 10 ? "0" : "")\($0)", 112.0, "S") }.reversed())
        let result = Self.grading.distribute(group)
        #expect(result["E01"] == "S")
        #expect(result["E02"] == "A" && result["E03"] == "A")
        #expect(result["E04"] == "B")
    }

    @Test("small groups: ⌊0.1·4⌋ = 0 S and ⌊0.25·4⌋ = 1 A")
    func smallGroup() {
        let result = Self.grading.distribute(candidates([("E1", 115, "S"), ("E2", 114, "S"), ("E3", 100, "A"), ("E4", 70, "C")]))
        #expect(result == ["E1": "A", "E2": "B", "E3": "B", "E4": "C"])
    }

    @Test("one person alone cannot hold a limited grade")
    func alone() {
        #expect(Self.grading.distribute(candidates([("E1", 119, "S")])) == ["E1": "B"])
    }

    @Test("lower grades are never raised, and grades without a limit take anyone")
    func noRaise() {
        let result = Self.grading.distribute(candidates((1...20).map { ("E\($0 + 10)", 70.0, "C") }))
        #expect(Set(result.values) == ["C"])
    }

    @Test("a vetoed employee keeps the veto's grade and takes no place in the limited grades")
    func vetoInGroup() {
        let group = candidates([("E1", 118, "C"), ("E2", 117, "S"), ("E3", 96, "A")] + (4...10).map { ("E\($0 + 10)", 85.0, "B") })
        let result = Self.grading.distribute(group)
        #expect(result["E1"] == "C")
        #expect(result["E2"] == "S")
        #expect(result["E3"] == "A")
    }
}
