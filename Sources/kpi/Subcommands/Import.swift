import ArgumentParser
import Foundation
import KPIEngine
import KPIStore

struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Load a CSV file of operational records into the database.",
        discussion: """
        KIND and its columns (* required; docs/formats.md says what each holds):
        \(kindList)

        The file is UTF-8 (with or without BOM) with a header row; columns are matched by name in any order. Dates are YYYY-MM-DD, date-times YYYY-MM-DDTHH:MM[:SS] (local time, or with an offset), amounts decimal with at most two decimals, booleans yes/no/true/false/1/0/是/否. Blank cells are empty. Referenced employees, projects, receivables and items must already be in the database (an employee's manager may also be in the same file).

        The whole file is one transaction: if any row is wrong nothing is written, and every bad row (up to 100) is reported as FILE:LINE:COLUMN: message (the header is line 1); exit 1. A row whose key exists replaces it, so importing the same file again changes nothing. --dry-run checks everything and writes nothing.

        Example:
          kpi import employees staff.csv
          kpi import tickets tickets-2026-10.csv --dry-run
        """)

    /// One line per kind with its columns, from the kinds' declarations.
    static var kindList: String {
        let width = ImportKind.all.map(\.id.count).max() ?? 0
        return ImportKind.all.map { kind in
            "  " + kind.id.padding(toLength: width + 2, withPad: " ", startingAt: 0)
                + kind.columns.map { $0.name + ($0.required ? "*" : "") }.joined(separator: ", ")
        }.joined(separator: "\n")
    }

    @OptionGroup var global: GlobalOptions

    @Argument(help: ArgumentHelp("The kind of records.", valueName: "kind"))
    var kind: String

    @Argument(help: ArgumentHelp("The CSV file.", valueName: "file"))
    var file: String

    @Flag(name: .long, help: "Check the file and report what it would do, without writing.")
    var dryRun = false

    func validate() throws {
        guard ImportKind.named(kind) != nil else {
            throw ValidationError("unknown kind `\(kind)`; the kinds are \(ImportKind.all.map(\.id).joined(separator: ", "))")
        }
    }

    func run() throws {
        guard let kind = ImportKind.named(kind) else { return }
        let appraisals = try global.appraisals(creatingDatabase: true)
        let interactive = isatty(STDERR_FILENO) != 0
        var progress: (@Sendable (Int) -> Void)?
        if interactive { progress = { rows in warnInPlace("\(rows) rows…") } }
        defer { if interactive { warnInPlace("") } }
        let summary = try appraisals.importCSV(kind, file: file, dryRun: dryRun, progress: progress)
        let language = global.language
        let verb = summary.dryRun ? language.pick("检查通过(未写入)", "checked, nothing written") : language.pick("已导入", "imported")
        emit(language.pick(
            "\(verb): \(kind.id) \(summary.rows) 行 — 新增 \(summary.added), 更新 \(summary.changed), 未变 \(summary.unchanged)",
            "\(verb): \(kind.id), \(summary.rows) rows — \(summary.added) added, \(summary.changed) changed, \(summary.unchanged) unchanged"))
    }
}
