import Foundation
import KPIStore

/// A JSON value whose objects keep their key order, so that output is stable and reads well.
public enum JSON: Sendable {
    case string(String)
    case number(Double)
    case integer(Int)
    /// Money: fen written as yuan with two decimals (`1234.50`), a JSON number.
    case fen(Int64)
    case bool(Bool)
    case null
    case array([JSON])
    case object([(String, JSON)])

    public static func string(_ value: String?) -> JSON { value.map(JSON.string) ?? .null }
    public static func number(_ value: Double?) -> JSON { value.map(JSON.number) ?? .null }
    public static func strings(_ values: [String]) -> JSON { .array(values.map(JSON.string)) }

    /// Compact text with full precision for numbers.
    public func text(indent: Int? = nil, level: Int = 0) -> String {
        let newline = indent == nil ? "" : "\n"
        let pad = { (depth: Int) in String(repeating: " ", count: (indent ?? 0) * depth) }
        switch self {
        case .string(let value): return JSON.quote(value)
        case .integer(let value): return String(value)
        case .fen(let value): return Money.yuan(value)
        case .number(let value):
            guard value.isFinite else { return "null" }
            if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
            return "\(value)"
        case .bool(let value): return value ? "true" : "false"
        case .null: return "null"
        case .array(let items):
            if items.isEmpty { return "[]" }
            let inner = items.map { pad(level + 1) + $0.text(indent: indent, level: level + 1) }
            return "[" + newline + inner.joined(separator: "," + newline) + newline + pad(level) + "]"
        case .object(let fields):
            if fields.isEmpty { return "{}" }
            let separator = indent == nil ? ":" : ": "
            let inner = fields.map { pad(level + 1) + JSON.quote($0.0) + separator + $0.1.text(indent: indent, level: level + 1) }
            return "{" + newline + inner.joined(separator: "," + newline) + newline + pad(level) + "}"
        }
    }

    private static func quote(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case _ where scalar.value < 0x20: result += String(format: "\\u%04x", scalar.value)
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }
}
