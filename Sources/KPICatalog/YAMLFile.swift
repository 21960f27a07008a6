import Foundation
import Yams

/// Reads one YAML file of the catalog into a node tree, reporting non-UTF-8, empty and
/// malformed files as one diagnostic each.
enum YAMLFile {
    static func load(_ data: Data, shownAs path: String, log: DiagnosticLog) -> Node? {
        guard var text = String(data: data, encoding: .utf8) else {
            log.error(.file(path), "the file is not UTF-8 text; save it as UTF-8")
            return nil
        }
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        if text.allSatisfy({ $0.isWhitespace }) {
            log.error(.file(path), "the file is empty")
            return nil
        }
        if let problem = YAMLBounds.problem(in: text) {
            log.error(SourceLocation(file: path, line: problem.line, column: problem.column), problem.message)
            return nil
        }
        do {
            // The basic resolver tags every scalar as text: the loader reads numbers and flags
            // itself, and the default resolver's regular expressions were a fifth of a load.
            guard let node = try Yams.compose(yaml: text, .basic) else {
                log.error(.file(path), "the file holds no YAML document (only comments?)")
                return nil
            }
            return node
        } catch let error as YamlError {
            report(error, in: path, log: log)
        } catch {
            log.error(.file(path), "cannot parse YAML: \(error)")
        }
        return nil
    }

    private static func report(_ error: YamlError, in path: String, log: DiagnosticLog) {
        func at(_ mark: Mark) -> SourceLocation { SourceLocation(file: path, line: mark.line, column: mark.column) }
        func explain(_ problem: String, _ context: YamlError.Context?) -> String {
            guard let context else { return "YAML syntax error: \(problem)" }
            return "YAML syntax error: \(problem) (\(context.text) at line \(context.mark.line))"
        }
        switch error {
        case .scanner(let context, let problem, let mark, _),
             .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            if problem.contains("end of stream"), let context {
                // An unclosed quote or bracket: the useful place is where it was opened.
                log.error(at(context.mark), "YAML syntax error: \(problem) \(context.text) started here; close it")
            } else {
                log.error(at(mark), explain(problem, context))
            }
        case .duplicatedKeysInMapping(let duplicates, let context):
            log.error(at(context.mark), "duplicate key \(duplicates.map { "`\($0)`" }.joined(separator: ", ")) in this mapping; keep one")
        case .reader(let problem, _, _, _):
            log.error(.file(path), "cannot read the text: \(problem); save it as UTF-8")
        default:
            log.error(.file(path), "cannot parse YAML: \(error)")
        }
    }
}
