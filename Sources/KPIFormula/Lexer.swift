/// Splits formula text into tokens. Names are ASCII; quoted text may hold any characters.
struct Lexer {
    private let scalars: [Unicode.Scalar]
    private var index = 0

    init(_ source: String) {
        scalars = Array(source.unicodeScalars)
    }

    /// All tokens of the source, ending with `.end`.
    static func tokens(of source: String) throws(FormulaError) -> [Token] {
        var lexer = Lexer(source)
        var tokens: [Token] = []
        while true {
            let token = try lexer.next()
            tokens.append(token)
            if token.kind == .end { return tokens }
        }
    }

    private var column: Int { index + 1 }

    private func peek(_ offset: Int = 0) -> Unicode.Scalar? {
        let position = index + offset
        return position < scalars.count ? scalars[position] : nil
    }

    private mutating func next() throws(FormulaError) -> Token {
        while let scalar = peek(), scalar.properties.isWhitespace { index += 1 }
        let start = column
        guard let scalar = peek() else { return Token(kind: .end, column: start) }

        if scalar.isASCIIDigit || (scalar == "." && peek(1)?.isASCIIDigit == true) {
            return Token(kind: .number(try number()), column: start)
        }
        if scalar.isNameStart {
            return Token(kind: .name(name()), column: start)
        }
        if scalar == "\"" || scalar == "'" {
            return Token(kind: .string(try quoted(by: scalar)), column: start)
        }
        index += 1
        let kind: Token.Kind
        switch scalar {
        case "+": kind = .plus
        case "-": kind = .minus
        case "*": kind = .star
        case "/": kind = .slash
        case "(": kind = .leftParen
        case ")": kind = .rightParen
        case ",": kind = .comma
        case "<": kind = take("=") ? .lessEqual : .less
        case ">": kind = take("=") ? .greaterEqual : .greater
        case "=":
            guard take("=") else { throw FormulaError(column: start, "`=` is not an operator; compare with `==`") }
            kind = .equal
        case "!":
            guard take("=") else { throw FormulaError(column: start, "`!` is not an operator; write `not x` or `a != b`") }
            kind = .notEqual
        case "%":
            throw FormulaError(column: start, "`%` must follow a number, as in `95%`")
        default:
            throw FormulaError(column: start, "unexpected character `\(scalar)`")
        }
        return Token(kind: kind, column: start)
    }

    private mutating func take(_ expected: Unicode.Scalar) -> Bool {
        guard peek() == expected else { return false }
        index += 1
        return true
    }

    private mutating func number() throws(FormulaError) -> Double {
        let start = index
        while let scalar = peek(), scalar.isASCIIDigit { index += 1 }
        if peek() == "." {
            index += 1
            while let scalar = peek(), scalar.isASCIIDigit { index += 1 }
        }
        if let e = peek(), e == "e" || e == "E" {
            let sign = peek(1) == "+" || peek(1) == "-" ? 1 : 0
            if peek(1 + sign)?.isASCIIDigit == true {
                index += 1 + sign
                while let scalar = peek(), scalar.isASCIIDigit { index += 1 }
            }
        }
        let text = String(String.UnicodeScalarView(scalars[start..<index]))
        guard var value = Double(text), value.isFinite else {
            throw FormulaError(column: start + 1, "`\(text)` is not a number")
        }
        if peek() == "%" {
            index += 1
            value /= 100
        }
        if let scalar = peek(), scalar.isNameStart {
            throw FormulaError(column: index + 1, "a number is directly followed by `\(scalar)`; put an operator between them")
        }
        return value
    }

    private mutating func name() -> String {
        let start = index
        while let scalar = peek() {
            if scalar.isNamePart {
                index += 1
            } else if scalar == ".", peek(1)?.isNameStart == true {
                index += 1
            } else {
                break
            }
        }
        return String(String.UnicodeScalarView(scalars[start..<index]))
    }

    private mutating func quoted(by quote: Unicode.Scalar) throws(FormulaError) -> String {
        let start = column
        index += 1
        var text = String.UnicodeScalarView()
        while let scalar = peek() {
            index += 1
            if scalar == quote { return String(text) }
            text.append(scalar)
        }
        throw FormulaError(column: start, "text opened with \(quote) is never closed")
    }
}

extension Unicode.Scalar {
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
    var isNameStart: Bool { ("a"..."z").contains(self) || ("A"..."Z").contains(self) || self == "_" }
    var isNamePart: Bool { isNameStart || isASCIIDigit }
}
