import KPIFormula

/// A table of text cells, printed with columns aligned by display width, or as CSV.
struct Table {
    struct Column {
        let header: String
        var alignRight = false
    }

    let columns: [Column]
    var rows: [[String]] = []

    init(_ columns: [Column]) {
        self.columns = columns
    }

    init(headers: [String]) {
        columns = headers.map { Column(header: $0) }
    }

    mutating func append(_ row: [String]) {
        rows.append(row)
    }

    /// Aligned text: a header, a rule, the rows; no trailing spaces.
    func rendered() -> String {
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
    func csv() -> String {
        ([columns.map(\.header)] + rows).map { $0.map(csvField).joined(separator: ",") }.joined(separator: "\n")
    }
}

func csvField(_ text: String) -> String {
    guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
    return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
}

extension String {
    func trimmingTrailingSpaces() -> String {
        var text = self
        while text.last == " " { text.removeLast() }
        return text
    }
}

/// `text` padded with spaces to `width` display columns.
func pad(_ text: String, to width: Int, right: Bool = false) -> String {
    let fill = String(repeating: " ", count: max(0, width - displayWidth(text)))
    return right ? fill + text : text + fill
}
