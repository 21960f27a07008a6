import ArgumentParser
import Foundation
import KPIEngine
import KPIExport
import KPIStore

struct Template: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write an Excel template to fill in for kpi import.",
        discussion: """
        One sheet per kind, named in the chosen language: the header row (* marks a required column), a note on each header with what the column holds, its form and an example, dropdowns where the values are known (priorities, channels, directions, yes/no, roles, departments, active employees, projects, items, rated KPIs), date and amount formats, a frozen header, and one example row in grey italics that the import skips. A filled sheet imports as it is; `all` writes every kind into one workbook for kpi import --workbook.

        Whoever may import a kind may have its template (it lists the company's active employees).

        Example:
          kpi template tickets
          kpi template all --lang zh -o 2026-10-月度数据.xlsx
        """)

    @OptionGroup var global: GlobalOptions

    @Argument(help: ArgumentHelp("A kind of records (kpi import --help lists them), or all.", valueName: "kind"))
    var kind: String

    @Option(name: [.short, .customLong("out")], help: ArgumentHelp("Where to write (default exports/模板-<kind>.xlsx, or exports/template-<kind>.xlsx in English).", valueName: "file"))
    var out: String?

    func validate() throws {
        guard kind == "all" || ImportKind.named(kind) != nil else {
            throw ValidationError("unknown kind `\(kind)`; the kinds are all, \(ImportKind.all.map(\.id).joined(separator: ", "))")
        }
    }

    func run() throws {
        let kinds = kind == "all" ? ImportKind.all : ImportKind.named(kind).map { [$0] } ?? []
        let language = global.language
        let name = kind == "all" ? language.pick("全部", "all") : language.pick(kinds[0].nameZh, kinds[0].id)
        let path = out ?? language.pick("exports/模板-\(name).xlsx", "exports/template-\(name).xlsx")
        let appraisals = try global.appraisals()
        let sheets = try appraisals.writeTemplate(of: kinds, english: language == .en, to: path)
        emit(language.pick("已写入模板: \(path)（\(sheets) 张表）", "template written: \(path) (\(sheets) sheet\(sheets == 1 ? "" : "s"))"))
    }
}
