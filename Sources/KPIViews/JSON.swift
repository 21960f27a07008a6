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

    /// Compact text with full precision for numbers; with `indent`, one value a line.
    public func text(indent: Int? = nil) -> String {
        var text = ""
        write(to: &text, indent: indent, level: 0)
        return text
    }

    /// Runs of spaces by width, for indentation.
    private static let spaces = (0..<64).map { String(repeating: " ", count: $0) }

    /// Appends the text to `out`: one buffer for the whole value.
    private func write(to out: inout String, indent: Int?, level: Int) {
        func newline(_ depth: Int) {
            guard let indent else { return }
            out.append("\n")
            let width = indent * depth
            out.append(width < JSON.spaces.count ? JSON.spaces[width] : String(repeating: " ", count: width))
        }
        switch self {
        case .string(let value): JSON.quote(value, to: &out)
        case .integer(let value): out.append(String(value))
        case .fen(let value): out.append(Money.yuan(value))
        case .number(let value):
            if !value.isFinite {
                out.append("null")
            } else if value == value.rounded(), abs(value) < 1e15 {
                out.append(String(Int64(value)))
            } else {
                out.append("\(value)")
            }
        case .bool(let value): out.append(value ? "true" : "false")
        case .null: out.append("null")
        case .array(let items):
            guard !items.isEmpty else { return out.append("[]") }
            out.append("[")
            for (index, item) in items.enumerated() {
                if index > 0 { out.append(",") }
                newline(level + 1)
                item.write(to: &out, indent: indent, level: level + 1)
            }
            newline(level)
            out.append("]")
        case .object(let fields):
            guard !fields.isEmpty else { return out.append("{}") }
            out.append("{")
            for (index, field) in fields.enumerated() {
                if index > 0 { out.append(",") }
                newline(level + 1)
                JSON.quote(field.0, to: &out)
                out.append(indent == nil ? ":" : ": ")
                field.1.write(to: &out, indent: indent, level: level + 1)
            }
            newline(level)
            out.append("}")
        }
    }

    private static func quote(_ text: String, to out: inout String) {
        out.append("\"")
        defer { out.append("\"") }
        // Most text needs no escape: appended whole.
        guard text.utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) else {
            return out.append(text)
        }
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out.append("\\\"")
            case "\\": out.append("\\\\")
            case "\n": out.append("\\n")
            case "\r": out.append("\\r")
            case "\t": out.append("\\t")
            case _ where scalar.value < 0x20: out.append(String(format: "\\u%04x", scalar.value))
            default: out.unicodeScalars.append(scalar)
            }
        }
    }
}
