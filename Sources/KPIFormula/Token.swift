/// One lexical unit of a formula, with where it starts in the source.
struct Token: Equatable, Sendable {
    enum Kind: Equatable, Sendable {
        case number(Double)
        /// An identifier, possibly dotted (`service.tickets`); keywords `and`, `or`, `not` included.
        case name(String)
        case string(String)
        case plus, minus, star, slash
        case less, lessEqual, greater, greaterEqual, equal, notEqual
        case leftParen, rightParen, comma
        case end
    }

    let kind: Kind
    /// 1-based column of the token's first character.
    let column: Int
}

extension Token.Kind {
    /// How the token reads in an error message.
    var spelling: String {
        switch self {
        case .number(let value): return "number \(value.formulaText)"
        case .name(let name): return "`\(name)`"
        case .string(let text): return "text \"\(text)\""
        case .plus: return "`+`"
        case .minus: return "`-`"
        case .star: return "`*`"
        case .slash: return "`/`"
        case .less: return "`<`"
        case .lessEqual: return "`<=`"
        case .greater: return "`>`"
        case .greaterEqual: return "`>=`"
        case .equal: return "`==`"
        case .notEqual: return "`!=`"
        case .leftParen: return "`(`"
        case .rightParen: return "`)`"
        case .comma: return "`,`"
        case .end: return "the end of the formula"
        }
    }
}

extension Double {
    /// The shortest text that reads back as this number (`0.95`, `3`, `1e+21`).
    public var formulaText: String {
        if self == rounded(.towardZero), abs(self) < 1e15 { return String(Int64(self)) }
        return "\(self)"
    }
}
