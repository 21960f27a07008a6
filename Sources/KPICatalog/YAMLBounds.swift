/// What a catalog file may not hold, found before the YAML is parsed: brackets nested deeper
/// than `maximumDepth`, lines indented past `maximumIndent`, and aliases (`*name`). The catalog
/// needs none of them, and each could exhaust the stack or the time of every command — every
/// command loads the catalog: composing nests recursively, and a few lines of aliases expand
/// to billions of nodes.
enum YAMLBounds {
    static let maximumDepth = 64
    static let maximumIndent = 128

    /// The first thing out of bounds, as a 1-based line and column and a message; nil when none is.
    static func problem(in text: String) -> (line: Int, column: Int, message: String)? {
        var line = 1, column = 0, depth = 0, indent = 0
        var quote: Character?
        var atLineStart = true
        /// The rest of the line is a comment, or the text of a block scalar: nothing to check.
        var skippingLine = false
        /// Whether the next character other than a space begins a value: at a line's start, after
        /// `: ` or a list's `- `, and after `[`, `{` or `,` inside brackets.
        var valueStarts = true
        /// A `:` or a list's `-` was just seen: a space after it begins a value.
        var markerPending = false
        /// Inside a block scalar (`|` or `>`): the indent of the line that opened it; deeper lines are text.
        var blockIndent: Int?
        var lineIndent = 0
        var previous: Character = "\n"
        for character in text {
            defer { previous = character }
            column += 1
            if character == "\n" {
                (line, column, skippingLine, indent) = (line + 1, 0, false, 0)
                atLineStart = quote == nil
                valueStarts = quote == nil
                markerPending = false
                continue
            }
            if skippingLine { continue }
            if atLineStart {
                if character == " " {
                    indent += 1
                    if indent > maximumIndent, blockIndent == nil {
                        return (line, column, "this line is indented more than \(maximumIndent) spaces; the catalog nests a few levels at most")
                    }
                    continue
                }
                atLineStart = false
                lineIndent = indent
                if let opened = blockIndent {
                    if indent > opened {
                        skippingLine = true
                        continue
                    }
                    blockIndent = nil
                }
            }
            if let open = quote {
                if character == open { quote = nil }
                continue
            }
            if character == " " {
                if markerPending { valueStarts = true }
                markerPending = false
                continue
            }
            let startsValue = valueStarts
            valueStarts = false
            markerPending = false
            switch character {
            case "#" where previous == " " || previous == "\n":
                skippingLine = true
            case "\"" where startsValue, "'" where startsValue:
                quote = character
            case "*" where startsValue:
                return (line, column, "YAML aliases (*name) are not used in the catalog; write the value out")
            case "-" where startsValue, ":":
                markerPending = true
            case "|" where startsValue, ">" where startsValue:
                blockIndent = lineIndent
            case "[", "{":
                depth += 1
                if depth > maximumDepth {
                    return (line, column, "brackets nest more than \(maximumDepth) deep; the catalog nests a few levels at most")
                }
                valueStarts = true
            case ",":
                valueStarts = depth > 0
            case "]", "}":
                depth = max(0, depth - 1)
            default:
                break
            }
        }
        return nil
    }
}
