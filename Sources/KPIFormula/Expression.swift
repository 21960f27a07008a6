/// A parsed formula node with the column where it starts.
public struct Expression: Equatable, Sendable {
    public indirect enum Kind: Equatable, Sendable {
        case number(Double)
        case measure(MeasureReference)
        case negate(Expression)
        case not(Expression)
        case binary(BinaryOperator, Expression, Expression)
        case call(Function, [Expression])
    }

    public let kind: Kind
    /// 1-based column of the node's first character in the formula.
    public let column: Int

    public init(_ kind: Kind, column: Int) {
        self.kind = kind
        self.column = column
    }
}

/// A reference to an operational measure, as `family.name` or `family.name("argument")`.
public struct MeasureReference: Hashable, Sendable, Comparable {
    public let name: String
    public let argument: String?

    public init(_ name: String, argument: String? = nil) {
        self.name = name
        self.argument = argument
    }

    /// The key under which the value is reported: `service.tickets`, `activity.quantity(凭证)`.
    public var key: String { argument.map { "\(name)(\($0))" } ?? name }

    public static func < (lhs: MeasureReference, rhs: MeasureReference) -> Bool { lhs.key < rhs.key }
}

public enum BinaryOperator: String, Sendable, CaseIterable {
    case add = "+", subtract = "-", multiply = "*", divide = "/"
    case less = "<", lessOrEqual = "<=", greater = ">", greaterOrEqual = ">="
    case equal = "==", notEqual = "!="
    case and, or
}

/// The functions a formula may call.
public enum Function: String, Sendable, CaseIterable {
    case min, max, abs, round, `if`, ratio, prev

    /// The number of arguments allowed: an exact count, or a lower bound for `min`/`max`.
    var arity: (minimum: Int, maximum: Int?) {
        switch self {
        case .min, .max: return (1, nil)
        case .abs, .prev: return (1, 1)
        case .round, .ratio: return (2, 2)
        case .if: return (3, 3)
        }
    }

    var signature: String {
        switch self {
        case .min, .max: return "\(rawValue)(a, b, …)"
        case .abs: return "abs(x)"
        case .prev: return "prev(expression)"
        case .round: return "round(x, digits)"
        case .ratio: return "ratio(a, b)"
        case .if: return "if(condition, then, else)"
        }
    }
}

extension Expression {
    /// Every measure the expression reads, including inside `prev()`, in order of appearance, without repeats.
    public var measures: [MeasureReference] {
        var seen = Set<MeasureReference>()
        var ordered: [MeasureReference] = []
        visit { reference in
            if seen.insert(reference).inserted { ordered.append(reference) }
        }
        return ordered
    }

    /// Whether the expression asks for the previous period anywhere.
    public var usesPrevious: Bool {
        switch kind {
        case .number, .measure: return false
        case .negate(let operand), .not(let operand): return operand.usesPrevious
        case .binary(_, let left, let right): return left.usesPrevious || right.usesPrevious
        case .call(let function, let arguments):
            return function == .prev || arguments.contains { $0.usesPrevious }
        }
    }

    /// The measures read inside `prev()`: what the previous period must supply.
    public var previousMeasures: [MeasureReference] {
        var found: [MeasureReference] = []
        func walk(_ expression: Expression, inPrevious: Bool) {
            switch expression.kind {
            case .number: break
            case .measure(let reference): if inPrevious { found.append(reference) }
            case .negate(let operand), .not(let operand): walk(operand, inPrevious: inPrevious)
            case .binary(_, let left, let right):
                walk(left, inPrevious: inPrevious)
                walk(right, inPrevious: inPrevious)
            case .call(let function, let arguments):
                for argument in arguments { walk(argument, inPrevious: inPrevious || function == .prev) }
            }
        }
        walk(self, inPrevious: false)
        return found
    }

    func visit(_ body: (MeasureReference) -> Void) {
        switch kind {
        case .number: break
        case .measure(let reference): body(reference)
        case .negate(let operand), .not(let operand): operand.visit(body)
        case .binary(_, let left, let right):
            left.visit(body)
            right.visit(body)
        case .call(_, let arguments):
            for argument in arguments { argument.visit(body) }
        }
    }

    /// Every measure node with its column, for the static check.
    func measureNodes() -> [(reference: MeasureReference, column: Int)] {
        switch kind {
        case .number: return []
        case .measure(let reference): return [(reference, column)]
        case .negate(let operand), .not(let operand): return operand.measureNodes()
        case .binary(_, let left, let right): return left.measureNodes() + right.measureNodes()
        case .call(_, let arguments): return arguments.flatMap { $0.measureNodes() }
        }
    }
}
