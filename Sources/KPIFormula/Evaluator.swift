import Foundation

/// What a formula reads its values from: one employee's measures for one period and scope.
public protocol MeasureValues {
    /// The measure's value, or nil for *no data*.
    func value(of measure: MeasureReference) -> Double?
    /// `prev(expression)`: the same expression over the previous period of the same length,
    /// or nil for *no data*. The caller decides what the previous period is.
    func previous(_ expression: Expression) -> Double?
}

extension Formula {
    /// The formula's value; nil is *no data*. Never NaN or infinite.
    public func evaluate(with values: some MeasureValues) -> Double? {
        expression.evaluate(with: values)
    }
}

extension Expression {
    /// The expression's value; nil is *no data*. Never NaN or infinite.
    ///
    /// Any operand without data, a division by zero, or an overflow gives *no data*;
    /// `if` evaluates only the branch its condition picks.
    public func evaluate(with values: some MeasureValues) -> Double? {
        switch kind {
        case .number(let value):
            return value
        case .measure(let reference):
            return finite(values.value(of: reference))
        case .negate(let operand):
            return operand.evaluate(with: values).map { -$0 }
        case .not(let operand):
            return operand.evaluate(with: values).map { $0 == 0 ? 1 : 0 }
        case .binary(let op, let left, let right):
            guard let a = left.evaluate(with: values), let b = right.evaluate(with: values) else { return nil }
            return finite(op.apply(a, b))
        case .call(let function, let arguments):
            return function.apply(arguments, with: values)
        }
    }
}

private func finite(_ value: Double?) -> Double? {
    guard let value, value.isFinite else { return nil }
    return value
}

private func truth(_ condition: Bool) -> Double { condition ? 1 : 0 }

extension BinaryOperator {
    func apply(_ a: Double, _ b: Double) -> Double? {
        switch self {
        case .add: return a + b
        case .subtract: return a - b
        case .multiply: return a * b
        case .divide: return b == 0 ? nil : a / b
        case .less: return truth(a < b)
        case .lessOrEqual: return truth(a <= b)
        case .greater: return truth(a > b)
        case .greaterOrEqual: return truth(a >= b)
        case .equal: return truth(a == b)
        case .notEqual: return truth(a != b)
        case .and: return truth(a != 0 && b != 0)
        case .or: return truth(a != 0 || b != 0)
        }
    }
}

extension Function {
    func apply(_ arguments: [Expression], with values: some MeasureValues) -> Double? {
        func all() -> [Double]? {
            var result: [Double] = []
            for argument in arguments {
                guard let value = argument.evaluate(with: values) else { return nil }
                result.append(value)
            }
            return result
        }
        switch self {
        case .if:
            guard let condition = arguments[0].evaluate(with: values) else { return nil }
            return arguments[condition != 0 ? 1 : 2].evaluate(with: values)
        case .prev:
            return finite(values.previous(arguments[0]))
        case .min:
            return all()?.min()
        case .max:
            return all()?.max()
        case .abs:
            return all().map { Swift.abs($0[0]) }
        case .ratio:
            guard let operands = all(), operands[1] != 0 else { return nil }
            return finite(operands[0] / operands[1])
        case .round:
            guard let operands = all() else { return nil }
            let digits = Swift.max(-15, Swift.min(15, Int(operands[1].rounded())))
            let scale = pow(10, Double(digits))
            return finite((operands[0] * scale).rounded(.toNearestOrAwayFromZero) / scale)
        }
    }
}
