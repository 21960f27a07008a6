import KPIFormula
import Yams

/// Reads the fields of one YAML mapping, reporting wrong types, missing fields and unknown
/// keys (with a "did you mean") at their line and column.
struct Fields {
    let file: String
    let log: DiagnosticLog
    let location: SourceLocation
    private let values: [String: Node]

    /// Nil, with a diagnostic, when `node` is not a mapping.
    init?(_ node: Node, file: String, log: DiagnosticLog, what: String, allowed: [String]) {
        self.file = file
        self.log = log
        location = Fields.location(of: node, in: file)
        guard let mapping = node.mapping else {
            log.error(location, "\(what) must be a mapping of `key: value` fields")
            return nil
        }
        var values: [String: Node] = [:]
        for (key, value) in mapping {
            let name = key.string ?? ""
            guard allowed.contains(name) else {
                let keyLocation = Fields.location(of: key, in: file)
                if let suggestion = closestMatch(to: name, among: allowed) {
                    log.error(keyLocation, "unknown field `\(name)` in \(what); did you mean `\(suggestion)`?")
                } else {
                    log.error(keyLocation, "unknown field `\(name)` in \(what); the fields are \(allowed.joined(separator: ", "))")
                }
                continue
            }
            values[name] = value
        }
        self.values = values
    }

    static func location(of node: Node, in file: String) -> SourceLocation {
        guard let mark = node.mark else { return .file(file) }
        return SourceLocation(file: file, line: mark.line, column: mark.column)
    }

    func location(of node: Node) -> SourceLocation { Fields.location(of: node, in: file) }

    /// Where `key`'s value is written, or the mapping itself when it is absent.
    func location(_ key: String) -> SourceLocation {
        values[key].map(location(of:)) ?? location
    }

    /// Whether `key` is written at all, even as null.
    func isWritten(_ key: String) -> Bool { values[key] != nil }

    /// The value node of `key`; nil when absent or null, reporting a missing required field.
    func node(_ key: String, required: Bool) -> Node? {
        guard let node = values[key], !isNull(node) else {
            if required { log.error(location, "missing field `\(key)`") }
            return nil
        }
        return node
    }

    func string(_ key: String, required: Bool = true) -> Located<String>? {
        guard let node = node(key, required: required) else { return nil }
        return text(node, key: key)
    }

    func text(_ node: Node, key: String) -> Located<String>? {
        guard let scalar = node.scalar else {
            log.error(location(of: node), "`\(key)` must be text, not a \(node.sequence != nil ? "list" : "mapping")")
            return nil
        }
        return Located(scalar.string.trimmingCharacters(in: .whitespacesAndNewlines), at: location(of: node))
    }

    func number(_ key: String, required: Bool = true) -> Located<Double>? {
        guard let node = node(key, required: required) else { return nil }
        return number(node, key: key)
    }

    /// A number, written plainly (`0.95`, `1e3`) or as a percentage (`95%`).
    func number(_ node: Node, key: String) -> Located<Double>? {
        guard let scalar = node.scalar, let value = Fields.parseNumber(scalar.string) else {
            log.error(location(of: node), "`\(key)` must be a number, found `\(node.scalar?.string ?? "a list or mapping")`")
            return nil
        }
        return Located(value, at: location(of: node))
    }

    static func parseNumber(_ text: String) -> Double? {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.hasSuffix("%") {
            return Double(trimmed.dropLast()).map { $0 / 100 }.flatMap { $0.isFinite ? $0 : nil }
        }
        return Double(trimmed).flatMap { $0.isFinite ? $0 : nil }
    }

    func integer(_ key: String, required: Bool = true) -> Located<Int>? {
        guard let node = node(key, required: required), let number = number(node, key: key) else { return nil }
        guard number.value == number.value.rounded(), abs(number.value) < 1e12 else {
            log.error(number.location, "`\(key)` must be a whole number, found \(node.scalar?.string ?? "")")
            return nil
        }
        return Located(Int(number.value), at: number.location)
    }

    /// A list of texts; a single text is accepted as a list of one.
    func strings(_ key: String, required: Bool = false) -> [Located<String>] {
        guard let node = node(key, required: required) else { return [] }
        if node.scalar != nil { return text(node, key: key).map { [$0] } ?? [] }
        return list(node, key: key).compactMap { text($0, key: key) }
    }

    func list(_ key: String, required: Bool = true) -> [Node]? {
        guard let node = node(key, required: required) else { return nil }
        return list(node, key: key)
    }

    func list(_ node: Node, key: String) -> [Node] {
        guard let sequence = node.sequence else {
            log.error(location(of: node), "`\(key)` must be a list")
            return []
        }
        return Array(sequence)
    }

    func choice<Choice: RawRepresentable & CaseIterable>(
        _ key: String, required: Bool = true, as type: Choice.Type = Choice.self
    ) -> Located<Choice>? where Choice.RawValue == String {
        guard let value = string(key, required: required) else { return nil }
        guard let choice = Choice(rawValue: value.value) else {
            let names = Choice.allCases.map(\.rawValue)
            let hint = closestMatch(to: value.value, among: names).map { "; did you mean `\($0)`?" } ?? ""
            log.error(value.location, "`\(key)` must be one of \(names.joined(separator: ", ")), found `\(value.value)`\(hint)")
            return nil
        }
        return Located(choice, at: value.location)
    }

    private func isNull(_ node: Node) -> Bool {
        guard let scalar = node.scalar, scalar.style == .plain else { return false }
        return ["", "~", "null", "Null", "NULL"].contains(scalar.string)
    }
}
