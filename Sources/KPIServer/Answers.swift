import Foundation
import Hummingbird
import KPIViews

/// The API's read answers, kept per account and request until the database moves: every write
/// is audited, so an answer read at one audit mark (and day) is the answer until the mark moves.
/// A read asked again — a scorecard reloaded, a team polled by a script — is then answered
/// without the engine; a request with `Cache-Control: no-cache` is rendered afresh. At most `limit` bytes are kept; an answer over a sixteenth of it is never
/// kept, and when the next would not fit, all are let go.
final class Answers: @unchecked Sendable {
    let limit: Int
    private let lock = NSLock()
    private var mark = ""
    private var kept: [String: Response] = [:]
    private var bytes = 0

    init(limit: Int = 32 << 20) {
        self.limit = limit
    }

    /// The answer kept for `key` at `mark` (unless `fresh`), else the text `make` renders, kept
    /// for the next time. A thrown error is answered as usual and not kept.
    func answer(_ key: String, mark: String, fresh: Bool, make: () throws -> (text: String, format: OutputFormat)) rethrows -> Response {
        if !fresh, let found = lock.withLock({ self.mark == mark ? kept[key] : nil }) { return found }
        let (text, format) = try make()
        let response = Reply.text(text, format: format)
        keep(response, key, size: text.utf8.count + key.utf8.count, mark: mark)
        return response
    }

    private func keep(_ answer: Response, _ key: String, size: Int, mark: String) {
        guard size <= limit / 16 else { return }
        lock.withLock {
            if self.mark != mark || bytes + size > limit {
                self.mark = mark
                kept.removeAll(keepingCapacity: true)
                bytes = 0
            }
            kept[key] = answer
            bytes += size
        }
    }
}
