import KPIFormula

/// How a header cell names a column: by its id or its Chinese header, ignoring case, spaces,
/// underscores and hyphens, full-width forms, a unit in brackets (`金额(元)`, `金额（元）`) and
/// the `*` a template puts on a required column.
enum HeaderMatch {
    static func normalized(_ header: String) -> String {
        var text = ValueForms.halfWidth(header).lowercased()
        while text.hasSuffix("*") { text.removeLast() }
        text = text.trimmingCharacters(in: .whitespaces)
        for (open, close) in [("(", ")"), ("[", "]"), ("【", "】")] where text.hasSuffix(close) {
            if let start = text.range(of: open, options: .backwards)?.lowerBound, start > text.startIndex {
                text = String(text[..<start])
            }
        }
        return String(text.unicodeScalars.filter { !" \t_-".unicodeScalars.contains($0) }.map(Character.init))
    }

    /// For each normalized id and header of the kind's columns, the column's index.
    static func names(of kind: ImportKind) -> [String: Int] {
        var names: [String: Int] = [:]
        for (index, column) in kind.columns.enumerated() {
            names[normalized(column.name)] = index
            names[normalized(column.header)] = index
        }
        return names
    }

    /// The column nearest to an unknown header, as `id (中文)`, for a hint.
    static func closest(to header: String, in kind: ImportKind) -> String? {
        let candidates = kind.columns.flatMap { [$0.name, $0.header] }
        // Two short words can be near without sharing a letter (备注, 单位): such are no hint.
        guard let match = closestMatch(to: header, among: candidates), !Set(match.lowercased()).isDisjoint(with: header.lowercased()),
              let column = kind.columns.first(where: { $0.name == match || $0.header == match }) else { return nil }
        return "\(column.name) (\(column.header))"
    }
}
