import ArgumentParser
import Foundation
import KPIEngine
import KPIReaders
import KPIStore

struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Load operational records from a CSV file or an Excel/WPS workbook into the database.",
        discussion: """
        KIND and its columns, by id or Chinese header (* required; docs/formats.md says what each holds):
        \(kindList)

        FILE is an .xlsx workbook (its first sheet, or --sheet NAME) or a CSV/TSV file in UTF-8 (with or without BOM) or GB18030/GBK, as Chinese Excel and WPS save it (told apart by the bytes; --encoding overrides), any line ending. Headers match by id or Chinese header, ignoring case, spaces, full-width forms and a unit in brackets (金额(元)). A title and blank rows above the header are skipped; so are blank rows, a 合计/总计/小计 row without a key, and a template's example row. A column kpi does not know (备注) is ignored and named (--strict refuses it).

        Values as Excel writes them: dates 2026-10-05, 2026/10/5, 2026.10.05, 2026年10月5日 or date cells and serials, with a time 9:30 or 09:30:00; amounts 1,234.50 or ¥1,234.50; yes/no as 是/否, Y/N, TRUE/FALSE, 1/0; choices by value or Chinese name (渠道 电话/远程/上门, 优先级 as the catalog names them); a role by id or name; a person by 工号 or by a name only one active employee has. A form that could mean two things (05/10/2026, 12,34) is refused with the forms accepted.

        The whole file is one transaction: if any cell is wrong nothing is written, and every bad cell (up to 100 rows) is reported as FILE:LINE:COLUMN (CSV) or FILE:SHEET!CELL (workbook): message; exit 1. A row whose key exists replaces it, so importing the same file again changes nothing. --dry-run checks everything and writes nothing.

        --workbook FILE imports every sheet named after a kind (its id or Chinese name: 员工, 项目, 售后工单, …), in dependency order, in one transaction; a sheet it does not know is named and left alone. `kpi template` writes workbooks to fill in.

        Examples:
          kpi import employees 员工花名册.xlsx
          kpi import tickets 工单-2026-10.csv --dry-run
          kpi import --workbook 2026-10-月度数据.xlsx
        """)

    /// One line per kind with its columns, from the kinds' declarations.
    static var kindList: String {
        let width = ImportKind.all.map(\.id.count).max() ?? 0
        return ImportKind.all.map { kind in
            "  " + kind.id.padding(toLength: width + 2, withPad: " ", startingAt: 0)
                + kind.columns.map { "\($0.name) \($0.header)" + ($0.required ? "*" : "") }.joined(separator: ", ")
        }.joined(separator: "\n")
    }

    @OptionGroup var global: GlobalOptions

    @Argument(help: ArgumentHelp("The kind of records.", valueName: "kind"))
    var kind: String?

    @Argument(help: ArgumentHelp("The CSV, TSV or .xlsx file.", valueName: "file"))
    var file: String?

    @Option(name: .long, help: ArgumentHelp("Every sheet of this workbook named after a kind, in one transaction.", valueName: "file.xlsx"))
    var workbook: String?

    @Option(name: .long, help: ArgumentHelp("The sheet of the workbook to read (default: the first).", valueName: "name"))
    var sheet: String?

    @Option(name: .long, help: ArgumentHelp("The text file's encoding: utf-8 or gb18030 (gbk). Default: told by the bytes.", valueName: "encoding"))
    var encoding: String?

    @Flag(name: .long, help: "Refuse a column kpi does not know instead of ignoring it.")
    var strict = false

    @Flag(name: .long, help: "Check the file and report what it would do, without writing.")
    var dryRun = false

    func validate() throws {
        if workbook != nil {
            guard kind == nil, file == nil, sheet == nil, encoding == nil else {
                throw ValidationError("--workbook takes no KIND or FILE, --sheet or --encoding: each sheet's name says its kind")
            }
            return
        }
        guard let kind, file != nil else { throw ValidationError("give a KIND and a FILE, or --workbook FILE") }
        guard ImportKind.named(kind) != nil else {
            throw ValidationError("unknown kind `\(kind)`; the kinds are \(ImportKind.all.map(\.id).joined(separator: ", "))")
        }
        if let encoding, TextEncoding(name: encoding) == nil {
            throw ValidationError("unknown encoding `\(encoding)`; use utf-8 or gb18030 (which reads GBK and GB2312 too)")
        }
    }

    func run() throws {
        let appraisals = try global.appraisals(creatingDatabase: true)
        let interactive = isatty(STDERR_FILENO) != 0
        let language = global.language
        var options = Appraisals.ImportOptions(dryRun: dryRun, strict: strict, chinese: language == .zh)
        if interactive { options.progress = { rows in warnInPlace(language.pick("已读 \(rows) 行…", "\(rows) rows…")) } }
        defer { if interactive { warnInPlace("") } }
        if let workbook {
            let sheets = try appraisals.sheets(ofWorkbook: workbook, chinese: language == .zh)
            let summaries = try appraisals.importWorkbook(workbook, options)
            summaries.forEach(report)
            for sheet in sheets where sheet.kind == nil && !sheet.hidden {
                emit(language.pick("  表「\(sheet.name)」不是任何一种记录（表名应是 \(ImportKind.all.map(\.nameZh).joined(separator: "、")) 之一），未导入",
                                   "  sheet `\(sheet.name)` names no kind of records (a kind's id or Chinese name), not imported"))
            }
            if summaries.isEmpty {
                emit(language.pick("工作簿里没有以记录种类命名的表，未导入任何数据", "no sheet of the workbook names a kind of records; nothing imported"))
            }
            return
        }
        guard let kind = kind.flatMap(ImportKind.named), let file else { return }
        let source = ImportSource.file(file, sheet: sheet, encoding: encoding.flatMap(TextEncoding.init(name:)))
        report(try appraisals.importRecords(kind, from: source, options))
    }

    private func report(_ summary: ImportSummary) {
        let language = global.language
        let verb = summary.dryRun ? language.pick("检查通过(未写入)", "checked, nothing written") : language.pick("已导入", "imported")
        let origin = summary.sheet.map { language.pick("（表「\($0)」）", " (sheet \($0))") } ?? ""
        emit(language.pick(
            "\(verb): \(summary.kind.id)\(origin) \(summary.rows) 行 — 新增 \(summary.added), 更新 \(summary.changed), 未变 \(summary.unchanged)",
            "\(verb): \(summary.kind.id)\(origin), \(summary.rows) rows — \(summary.added) added, \(summary.changed) changed, \(summary.unchanged) unchanged"))
        for note in summary.notes { emit("  " + note) }
        if summary.rows == 0 {
            emit(language.pick("  文件里没有数据行", "  the file holds no rows of records"))
        }
    }
}
