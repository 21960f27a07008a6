import KPIStore
import Testing
@testable import KPIFormula

@Suite("Formula parsing")
struct ParserTests {
    @Test("numbers and percentages", arguments: [
        ("0.95", 0.95), ("95%", 0.95), ("1e3", 1000), ("2.5E-1", 0.25), (".5", 0.5), ("120", 120), ("12.5%", 0.125),
    ])
    func numbers(source: String, expected: Double) throws {
        let formula = try Formula(parsing: source)
        #expect(formula.expression.kind == .number(expected))
    }

    @Test("precedence: * before +, comparison before and, and before or")
    func precedence() throws {
        let values = Fixed([:])
        #expect(try Formula(parsing: "1 + 2 * 3").evaluate(with: values) == 7)
        #expect(try Formula(parsing: "(1 + 2) * 3").evaluate(with: values) == 9)
        #expect(try Formula(parsing: "10 - 4 - 3").evaluate(with: values) == 3)
        #expect(try Formula(parsing: "12 / 3 / 2").evaluate(with: values) == 2)
        #expect(try Formula(parsing: "-2 * -3").evaluate(with: values) == 6)
        #expect(try Formula(parsing: "1 < 2 and 3 > 4 or 1").evaluate(with: values) == 1)
        #expect(try Formula(parsing: "not 1 < 2").evaluate(with: values) == 0)
        #expect(try Formula(parsing: "1 + 1 == 2").evaluate(with: values) == 1)
    }

    @Test("measure references with and without argument")
    func measures() throws {
        let formula = try Formula(parsing: #"activity.defects("凭证") / activity.quantity('凭证') + service.tickets"#)
        #expect(formula.measures == [
            MeasureReference("activity.defects", argument: "凭证"),
            MeasureReference("activity.quantity", argument: "凭证"),
            MeasureReference("service.tickets"),
        ])
        #expect(formula.measures[0].key == "activity.defects(凭证)")
        #expect(formula.problems(against: MeasureFamily.catalogue).isEmpty)
    }

    @Test("the measures read inside prev(), which the previous period must supply")
    func previousMeasures() throws {
        let formula = try Formula(parsing: "service.resolved / service.tickets - prev(service.resolved / max(billing.due, 1))")
        #expect(formula.expression.previousMeasures == [MeasureReference("service.resolved"), MeasureReference("billing.due")])
        #expect(try Formula(parsing: "service.resolved / service.tickets").expression.previousMeasures.isEmpty)
    }

    @Test("columns of nodes count Unicode scalars from 1")
    func columns() throws {
        let formula = try Formula(parsing: #"activity.late("档案") + bad.name"#)
        guard case .binary(_, _, let right) = formula.expression.kind else {
            Issue.record("expected a binary expression")
            return
        }
        #expect(right.column == 23)
    }

    @Test("syntax errors carry the column", arguments: [
        ("", 1, "the formula is empty"),
        (String(repeating: "(", count: 14_000) + "1" + String(repeating: ")", count: 14_000), 2_001,
         "the formula is longer than 2000 characters; split it into simpler KPIs"),
        (String(repeating: "1 + ", count: 25_000) + "1", 2_001, "the formula is longer than 2000 characters; split it into simpler KPIs"),
        (String(repeating: "(", count: 100) + "1" + String(repeating: ")", count: 100), 65,
         "the formula nests parentheses and calls more than 64 deep; write it more simply"),
        (String(repeating: "abs(", count: 70) + "1" + String(repeating: ")", count: 70), 257,
         "the formula nests parentheses and calls more than 64 deep; write it more simply"),
        ("1 +", 4, "expected a number, a measure or a function, found the end of the formula"),
        ("(1 + 2", 7, "expected `)` to close the `(` at column 1, found the end of the formula"),
        ("1 + 2)", 6, "expected an operator or the end of the formula, found `)`"),
        ("a = b", 3, "`=` is not an operator; compare with `==`"),
        ("!x", 1, "`!` is not an operator; write `not x` or `a != b`"),
        ("3 # 4", 3, "unexpected character `#`"),
        ("x % 2", 3, "`%` must follow a number, as in `95%`"),
        ("2x", 2, "a number is directly followed by `x`; put an operator between them"),
        (#"activity.quantity("凭证"#, 19, "text opened with \" is never closed"),
        ("mx(1, 2)", 1, "unknown function `mx`; did you mean `max`?"),
        ("average(1, 2)", 1, "unknown function `average`; the functions are min, max, abs, round, if, ratio, prev"),
        ("tickets", 1, "unknown name `tickets`; a measure is written family.measure, as in service.tickets"),
        ("round(1)", 1, "`round` takes 2 arguments, found 1: round(x, digits)"),
        ("if(1, 2)", 1, "`if` takes 3 arguments, found 2: if(condition, then, else)"),
        ("min()", 1, "`min` takes at least 1 argument, found 0: min(a, b, …)"),
        ("abs(1, 2)", 1, "`abs` takes 1 argument, found 2: abs(x)"),
        ("abs", 4, "expected `(` after the function `abs`, found the end of the formula"),
        ("activity.quantity(凭证)", 19, "unexpected character `凭`"),
        ("activity.quantity(1)", 19, #"expected a quoted text as the argument of `activity.quantity`, as in activity.quantity("凭证"), found number 1"#),
        (#"activity.quantity("a", "b")"#, 22, "expected `)` after the argument of `activity.quantity`; a measure takes one argument, found `,`"),
        (#"1 + "x""#, 5, #"text "x" can only be a measure's argument, as in activity.quantity("x")"#),
        ("1 and", 6, "expected a number, a measure or a function, found the end of the formula"),
        ("and 1", 1, "`and` needs a value on each side"),
        ("max(1, 2", 9, "expected `,` or `)` in the call of `max`, found the end of the formula"),
    ])
    func syntaxErrors(source: String, column: Int, message: String) {
        #expect(throws: FormulaError(column: column, message)) {
            try Formula(parsing: source)
        }
    }

    @Test("the static check names unknown measures and suggests the near miss", arguments: [
        ("service.ticket", 1, "unknown measure `service.ticket`; did you mean `service.tickets`?"),
        ("1 / service.responded", 5, "unknown measure `service.responded`; did you mean `service.resolved`?"),
        ("service.everything", 1, "unknown measure `service.everything`; the service measures are service.tickets, service.responded_on_time, service.resolved, service.resolved_on_time, service.first_time_fixes, service.rated, service.satisfaction_total, service.reopened"),
        ("crm.leads", 1, "unknown measure `crm.leads`: there is no family `crm`; the families are activity, billing, hr, project, purchasing, recruiting, sales, service, warehouse"),
        ("activity.quantity", 1, #"`activity.quantity` needs the activity kind as its argument, as in activity.quantity("凭证")"#),
        (#"service.tickets("x")"#, 1, #"`service.tickets` takes no argument; remove ("x")"#),
    ])
    func unknownMeasures(source: String, column: Int, message: String) throws {
        let formula = try Formula(parsing: source)
        #expect(formula.problems(against: MeasureFamily.catalogue) == [FormulaError(column: column, message)])
    }

    @Test("every problem in one formula is reported")
    func allProblems() throws {
        let formula = try Formula(parsing: "service.ticket + billing.colected")
        #expect(formula.problems(against: MeasureFamily.catalogue).map(\.column) == [1, 18])
    }
}

/// Measure values from a dictionary (an absent key is no data); `prev()` answers from a second dictionary.
struct Fixed: MeasureValues {
    var values: [String: Double]
    var previousValues: [String: Double]

    init(_ values: [String: Double], previous: [String: Double] = [:]) {
        self.values = values
        previousValues = previous
    }

    func value(of measure: MeasureReference) -> Double? { values[measure.key] }

    func previous(_ expression: Expression) -> Double? {
        expression.evaluate(with: Fixed(previousValues))
    }
}
