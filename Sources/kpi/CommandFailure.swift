import KPIViews
import ArgumentParser
import Foundation
import KPICatalog
import KPIDemo
import KPIEngine
import KPIExport
import KPIStore

/// What the CLI reports for a failure: lines on stderr and an exit code.
struct CommandFailure: Error {
    enum Code: Int32 {
        case badData = 1, usage = 2, permissionDenied = 3, periodClosed = 4, busy = 5
    }

    let code: Code
    let lines: [String]

    static func usage(_ message: String) -> CommandFailure {
        CommandFailure(code: .usage, lines: [message])
    }

    /// The one mapping from an error of the libraries to what the user reads and the exit
    /// code: refusals 3, closed periods 4, argument mistakes 2, a database another process held
    /// locked past the wait 5, everything else — bad data, a catalog with problems, a database or
    /// workbook that cannot be read or written — 1. nil for the argument parser's own errors and
    /// requests (help, version), which it reports itself.
    static func from(_ error: any Error, language: Language) -> CommandFailure? {
        switch error {
        case let failure as CommandFailure:
            return failure
        case let error as AppraisalError:
            switch error {
            case .permissionDenied: return CommandFailure(code: .permissionDenied, lines: [error.localizedDescription])
            case .periodClosed: return CommandFailure(code: .periodClosed, lines: [error.localizedDescription])
            case .invalid: return CommandFailure(code: .badData, lines: [error.localizedDescription])
            case .usage: return CommandFailure(code: .usage, lines: [error.localizedDescription])
            }
        case let error as ImportError:
            return CommandFailure(code: error.closedPeriod ? .periodClosed : .badData, lines: problemLines(error, language: language) + [
                language.pick("导入被拒绝: \(error.badRows) 行有误, 未写入任何数据",
                              "import refused: \(error.badRows) bad row\(error.badRows == 1 ? "" : "s"), nothing written"),
            ])
        case let refusals as ImportRefusals:
            let bad = refusals.errors.map(\.badRows).reduce(0, +)
            return CommandFailure(code: refusals.closedPeriod ? .periodClosed : .badData,
                                  lines: refusals.errors.flatMap { problemLines($0, language: language) } + [
                language.pick("工作簿导入被拒绝: \(refusals.errors.count) 张表共 \(bad) 行有误, 未写入任何数据",
                              "workbook refused: \(bad) bad row\(bad == 1 ? "" : "s") in \(refusals.errors.count) sheet\(refusals.errors.count == 1 ? "" : "s"), nothing written"),
            ])
        case let error as CatalogError:
            let count = error.diagnostics.count
            return CommandFailure(code: .badData, lines: error.diagnostics.map(\.description)
                + ["catalog check failed: \(count) problem\(count == 1 ? "" : "s")"])
        case let error as StoreError where error.isBusy:
            return CommandFailure(code: .busy, lines: [
                language.pick("数据库正被另一个 kpi 写入, 请稍后再试", "busy: another kpi is writing to the database; try again in a moment"),
                error.localizedDescription,
            ])
        case is StoreError, is XlsxError, is DemoError:
            return CommandFailure(code: .badData, lines: [error.localizedDescription])
        default:
            return nil
        }
    }

    /// An import's problems, one a line, and how many more there were beyond the hundred shown.
    private static func problemLines(_ error: ImportError, language: Language) -> [String] {
        error.lines + (error.badRows > 100 ? [language.pick("…另有 \(error.badRows - 100) 行有误", "… and \(error.badRows - 100) more bad rows")] : [])
    }
}
