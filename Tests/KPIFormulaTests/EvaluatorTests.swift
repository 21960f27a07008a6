import Testing
@testable import KPIFormula

@Suite("Formula evaluation")
struct EvaluatorTests {
    /// `missing.rating` is absent: no data, as an unrated rating KPI.
    static let values = Fixed([
        "service.tickets": 12, "service.responded_on_time": 11, "zero.count": 0,
        "activity.defects(凭证)": 2, "activity.quantity(凭证)": 40,
        "huge.number": 1e308,
    ], previous: ["service.tickets": 10, "service.responded_on_time": 7])

    @Test("the longest formula allowed, a thousand terms, evaluates")
    func longest() throws {
        let source = String(repeating: "service.tickets + ", count: 110) + "1"
        #expect(source.count <= 2_000)
        #expect(try Formula(parsing: source).evaluate(with: Self.values) == 110 * 12 + 1)
        let terms = String(repeating: "1 + ", count: 499) + "1"
        #expect(try Formula(parsing: terms).evaluate(with: Self.values) == 500)
    }

    @Test("values", arguments: [
        ("service.responded_on_time / service.tickets", 11.0 / 12.0),
        (#"1 - activity.defects("凭证") / activity.quantity("凭证")"#, 0.95),
        ("ratio(service.responded_on_time, service.tickets)", 11.0 / 12.0),
        ("min(3, 1, 2)", 1), ("max(3, 1, 2)", 3), ("abs(-4.5)", 4.5),
        ("round(2.345, 2)", 2.35), ("round(1234, -2)", 1200), ("round(-2.5, 0)", -3),
        ("if(service.tickets > 10, 1, 2)", 1), ("if(service.tickets > 20, 1, 2)", 2),
        ("1 != 2", 1), ("2 <= 2", 1), ("2 >= 3", 0), ("not 0", 1), ("0 or 0", 0), ("1 and 0", 0),
        ("prev(service.responded_on_time / service.tickets)", 0.7),
        ("service.responded_on_time / service.tickets - prev(service.responded_on_time / service.tickets)", 11.0 / 12.0 - 0.7),
    ])
    func evaluates(source: String, expected: Double) throws {
        let value = try #require(Formula(parsing: source).evaluate(with: Self.values))
        #expect(abs(value - expected) < 1e-12)
    }

    @Test("no data propagates, never NaN or infinity", arguments: [
        "service.tickets / zero.count",
        "ratio(service.tickets, zero.count)",
        "zero.count / zero.count",
        "missing.rating",
        "missing.rating + 1",
        "-missing.rating",
        "not missing.rating",
        "missing.rating > 1",
        "1 and missing.rating",
        "missing.rating or 1",
        "min(1, missing.rating)",
        "max(missing.rating, 2)",
        "abs(missing.rating)",
        "round(missing.rating, 1)",
        "round(1, missing.rating)",
        "if(missing.rating, 1, 2)",
        "if(1, missing.rating, 2)",
        "unknown.measure",
        "prev(missing.rating)",
        "prev(zero.count)",
        "huge.number * 10",
        "huge.number + huge.number",
        "-huge.number - huge.number",
        "1 / (service.tickets - 12)",
    ])
    func noData(source: String) throws {
        #expect(try Formula(parsing: source).evaluate(with: Self.values) == nil)
    }

    @Test("if evaluates only the branch its condition picks")
    func ifIsLazy() throws {
        #expect(try Formula(parsing: "if(zero.count == 0, 100, service.tickets / zero.count)").evaluate(with: Self.values) == 100)
        #expect(try Formula(parsing: "if(zero.count, missing.rating, 5)").evaluate(with: Self.values) == 5)
    }

    @Test("a parsed formula is evaluated many times against different values")
    func reuse() throws {
        let formula = try Formula(parsing: "service.responded_on_time / service.tickets")
        let results = [(8.0, 10.0), (3, 4), (0, 0)].map { responded, tickets in
            formula.evaluate(with: Fixed(["service.responded_on_time": responded, "service.tickets": tickets]))
        }
        #expect(results == [0.8, 0.75, nil])
    }

    @Test("prev is handed to the caller, which resolves it")
    func previousIsResolvedByCaller() throws {
        struct Counting: MeasureValues {
            func value(of measure: MeasureReference) -> Double? { 1 }
            func previous(_ expression: Expression) -> Double? { expression.measures == [MeasureReference("hr.headcount")] ? 42 : nil }
        }
        #expect(try Formula(parsing: "prev(hr.headcount) + 1").evaluate(with: Counting()) == 43)
        #expect(try Formula(parsing: "prev(hr.headcount)").expression.usesPrevious)
        #expect(try !Formula(parsing: "hr.headcount").expression.usesPrevious)
    }

    @Test("suggestions", arguments: [
        ("service.ticket", "service.tickets"), ("wieght", "weight"), ("reports_too", "reports_to"),
    ])
    func suggestions(word: String, expected: String) {
        #expect(closestMatch(to: word, among: ["service.tickets", "weight", "reports_to", "scope"]) == expected)
    }

    @Test("no suggestion for a word far from every candidate")
    func noSuggestion() {
        #expect(closestMatch(to: "colour", among: ["weight", "scope"]) == nil)
    }
}
