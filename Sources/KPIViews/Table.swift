import KPIFormula

/// A table of text cells, printed with columns aligned by display width, or as CSV.
public struct Table {
    public struct Column {
        public let header: String
        public var alignRight = false

        public init(header: String, alignRight: Bool = false) {
            self.header = header
            self.alignRight = alignRight
        }
    }

    public let columns: [Column]
    public var rows: [[String]] = []

    public init(_ columns: [Column]) {
        self.columns = columns
    }

    public init(headers: [String]) {
        columns = headers.map { Column(header: $0) }
    }

    public mutating func append(_ row: [String]) {
        rows.append(row)
    }

    /// Aligned text: a header, a rule, the rows; no trailing spaces.
    public func rendered() -> String {
        let widths = columns.indices.map { index in
            ([columns[index].header] + rows.map { index < $0.count ? $0[index] : "" }).map(displayWidth).max() ?? 0
        }
        func line(_ cells: [String]) -> String {
            columns.indices.map { index in
                pad(index < cells.count ? cells[index] : "", to: widths[index], right: columns[index].alignRight)
            }
            .joined(separator: "  ")
            .trimmingTrailingSpaces()
        }
        let rule = widths.map { String(repeating: "─", count: $0) }.joined(separator: "  ")
        return ([line(columns.map(\.header)), rule] + rows.map(line)).joined(separator: "\n")
    }

    /// RFC 4180 CSV with a header row.
    public func csv() -> String {
        ([columns.map(\.header)] + rows).map { $0.map(csvField).joined(separator: ",") }.joined(separator: "\n")
    }
}

public func csvField(_ text: String) -> String {
    guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
    return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
}

extension String {
    public func trimmingTrailingSpaces() -> String {
        var text = self
        while text.last == " " { text.removeLast() }
        return text
    }
}

/// `text` padded with spaces to `width` display columns.
public func pad(_ text: String, to width: Int, right: Bool = false) -> String {
    let fill = String(repeating: " ", count: max(0, width - displayWidth(text)))
    return right ? fill + text : text + fill
}
