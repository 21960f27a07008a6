/// A precedence parser from tokens to an `Expression`.
///
/// Precedence, loosest first: `or`, `and`, `not`, comparisons, `+ -`, `* /`, unary minus.
struct Parser {
    /// The longest formula, in characters: real ones are a line or two; a longer one is a
    /// mistake, and an unbounded one would exhaust the stack of every command that loads it.
    static let maximumLength = 2_000
    /// How deep parentheses and function calls may nest.
    static let maximumDepth = 64

    private let tokens: [Token]
    private var position = 0
    private var depth = 0

    private init(tokens: [Token]) {
        self.tokens = tokens
    }

    static func parse(_ source: String) throws(FormulaError) -> Expression {
        if source.unicodeScalars.count > maximumLength {
            throw FormulaError(column: maximumLength + 1,
                               "the formula is longer than \(maximumLength) characters; split it into simpler KPIs")
        }
        var parser = Parser(tokens: try Lexer.tokens(of: source))
        if parser.current.kind == .end {
            throw FormulaError(column: 1, "the formula is empty")
        }
        let expression = try parser.orExpression()
        if parser.current.kind != .end {
            throw parser.unexpected(expecting: "an operator or the end of the formula")
        }
        return expression
    }

    private var current: Token { tokens[position] }

    private mutating func advance() -> Token {
        let token = tokens[position]
        if position < tokens.count - 1 { position += 1 }
        return token
    }

    private func unexpected(expecting what: String) -> FormulaError {
        FormulaError(column: current.column, "expected \(what), found \(current.kind.spelling)")
    }

    private func isKeyword(_ keyword: String) -> Bool {
        current.kind == .name(keyword)
    }

    private mutating func orExpression() throws(FormulaError) -> Expression {
        depth += 1
        defer { depth -= 1 }
        if depth > Self.maximumDepth {
            throw FormulaError(column: current.column, "the formula nests parentheses and calls more than \(Self.maximumDepth) deep; write it more simply")
        }
        var left = try andExpression()
        while isKeyword("or") {
            _ = advance()
            let right = try andExpression()
            left = Expression(.binary(.or, left, right), column: left.column)
        }
        return left
    }

    private mutating func andExpression() throws(FormulaError) -> Expression {
        var left = try notExpression()
        while isKeyword("and") {
            _ = advance()
            let right = try notExpression()
            left = Expression(.binary(.and, left, right), column: left.column)
        }
        return left
    }

    private mutating func notExpression() throws(FormulaError) -> Expression {
        if isKeyword("not") {
            let token = advance()
            return Expression(.not(try notExpression()), column: token.column)
        }
        return try comparison()
    }

    private mutating func comparison() throws(FormulaError) -> Expression {
        var left = try additive()
        while let op = comparisonOperator(current.kind) {
            _ = advance()
            let right = try additive()
            left = Expression(.binary(op, left, right), column: left.column)
        }
        return left
    }

    private func comparisonOperator(_ kind: Token.Kind) -> BinaryOperator? {
        switch kind {
        case .less: return .less
        case .lessEqual: return .lessOrEqual
        case .greater: return .greater
        case .greaterEqual: return .greaterOrEqual
        case .equal: return .equal
        case .notEqual: return .notEqual
        default: return nil
        }
    }

    private mutating func additive() throws(FormulaError) -> Expression {
        var left = try multiplicative()
        while current.kind == .plus || current.kind == .minus {
            let op: BinaryOperator = advance().kind == .plus ? .add : .subtract
            let right = try multiplicative()
            left = Expression(.binary(op, left, right), column: left.column)
        }
        return left
    }

    private mutating func multiplicative() throws(FormulaError) -> Expression {
        var left = try unary()
        while current.kind == .star || current.kind == .slash {
            let op: BinaryOperator = advance().kind == .star ? .multiply : .divide
            let right = try unary()
            left = Expression(.binary(op, left, right), column: left.column)
        }
        return left
    }

    private mutating func unary() throws(FormulaError) -> Expression {
        if current.kind == .minus {
            let token = advance()
            return Expression(.negate(try unary()), column: token.column)
        }
        if current.kind == .plus {
            _ = advance()
            return try unary()
        }
        return try primary()
    }

    private mutating func primary() throws(FormulaError) -> Expression {
        let token = current
        switch token.kind {
        case .number(let value):
            _ = advance()
            return Expression(.number(value), column: token.column)
        case .leftParen:
            _ = advance()
            let inner = try orExpression()
            guard current.kind == .rightParen else {
                throw unexpected(expecting: "`)` to close the `(` at column \(token.column)")
            }
            _ = advance()
            return inner
        case .name(let name) where name == "and" || name == "or":
            throw FormulaError(column: token.column, "`\(name)` needs a value on each side")
        case .name(let name) where name.contains("."):
            _ = advance()
            return Expression(.measure(try measureArgument(of: name, at: token.column)), column: token.column)
        case .name(let name):
            _ = advance()
            return try call(name, at: token.column)
        case .string(let text):
            throw FormulaError(column: token.column, "text \"\(text)\" can only be a measure's argument, as in activity.quantity(\"\(text)\")")
        default:
            throw unexpected(expecting: "a number, a measure or a function")
        }
    }

    private mutating func measureArgument(of name: String, at column: Int) throws(FormulaError) -> MeasureReference {
        guard current.kind == .leftParen else { return MeasureReference(name) }
        _ = advance()
        guard case .string(let argument) = current.kind else {
            throw unexpected(expecting: "a quoted text as the argument of `\(name)`, as in \(name)(\"凭证\")")
        }
        _ = advance()
        guard current.kind == .rightParen else {
            throw unexpected(expecting: "`)` after the argument of `\(name)`; a measure takes one argument")
        }
        _ = advance()
        return MeasureReference(name, argument: argument)
    }

    private mutating func call(_ name: String, at column: Int) throws(FormulaError) -> Expression {
        guard let function = Function(rawValue: name) else {
            let known = Function.allCases.map(\.rawValue)
            if let suggestion = closestMatch(to: name, among: known) {
                throw FormulaError(column: column, "unknown function `\(name)`; did you mean `\(suggestion)`?")
            }
            if current.kind == .leftParen {
                throw FormulaError(column: column, "unknown function `\(name)`; the functions are \(known.joined(separator: ", "))")
            }
            throw FormulaError(column: column, "unknown name `\(name)`; a measure is written family.measure, as in service.tickets")
        }
        guard current.kind == .leftParen else {
            throw unexpected(expecting: "`(` after the function `\(name)`")
        }
        _ = advance()
        var arguments: [Expression] = []
        if current.kind != .rightParen {
            arguments.append(try orExpression())
            while current.kind == .comma {
                _ = advance()
                arguments.append(try orExpression())
            }
        }
        guard current.kind == .rightParen else {
            throw unexpected(expecting: "`,` or `)` in the call of `\(name)`")
        }
        _ = advance()
        let (minimum, maximum) = function.arity
        if arguments.count < minimum || arguments.count > (maximum ?? Int.max) {
            let expected = maximum == minimum ? "\(minimum)" : "at least \(minimum)"
            let plural = minimum == 1 ? "argument" : "arguments"
            throw FormulaError(column: column, "`\(name)` takes \(expected) \(plural), found \(arguments.count): \(function.signature)")
        }
        return Expression(.call(function, arguments), column: column)
    }
}
