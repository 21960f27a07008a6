import ArgumentParser
import KPICatalog

/// A failure the CLI reports as lines on stderr and an exit code (SPEC §8).
struct CommandFailure: Error {
    enum Code: Int32 {
        case badData = 1, usage = 2, permissionDenied = 3, periodClosed = 4
    }

    let code: Code
    let lines: [String]

    static func catalog(_ error: CatalogError) -> CommandFailure {
        let count = error.diagnostics.count
        return CommandFailure(code: .badData, lines: error.diagnostics.map(\.description)
            + ["catalog check failed: \(count) problem\(count == 1 ? "" : "s")"])
    }

    static func usage(_ message: String) -> CommandFailure {
        CommandFailure(code: .usage, lines: [message])
    }
}
