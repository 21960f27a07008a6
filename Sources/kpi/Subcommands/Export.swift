import ArgumentParser
import Foundation
import KPIEngine
import KPIExport
import KPIStore

struct Export: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a period's scorecards to an XLSX workbook.",
        discussion: """
        The workbook has the sheets 汇总 Summary (one row per employee: total, raw and final grade, coefficient, rank in the department), 明细 Details (one row per employee and KPI: formula, value, threshold, target, challenge, weight, score), 部门 Departments (headcount, mean, lowest and highest total, grades, with a grade-distribution and a mean-total chart), and — for a department or one employee — one sheet per employee with the KPI table, comments and a radar chart of the scores. Sheet and header language follows --lang.

        HR (appraisal:admin) exports anything; a department head their department; everyone their own.

        Example:
          kpi export --period 2026-10
          kpi export --period 2026-10 --department after-sales --out 售后运维部-2026-10.xlsx
          kpi export --period 2026-10 --employee E00100
        """)
    @OptionGroup var global: GlobalOptions
    @Option(help: ArgumentHelp("YYYY-MM, YYYY-Qn or YYYY.", valueName: "period")) var period: String
    @Option(help: ArgumentHelp("A department id or name (sub-departments included).", valueName: "department")) var department: String?
    @Option(help: ArgumentHelp("One employee id.", valueName: "employee")) var employee: String?
    @Option(help: ArgumentHelp("Where to write (default exports/<period>-<scope>.xlsx).", valueName: "file")) var out: String?

    func validate() throws {
        if department != nil, employee != nil { throw ValidationError("give --department or --employee, not both") }
    }

    func run() throws {
        let period = try parsePeriod(period)
        let appraisals = try global.appraisals()
        let path = out ?? "exports/\(period)-\(employee ?? department.flatMap { appraisals.catalog.department($0)?.id } ?? "company").xlsx"
        let written = try Self.write(appraisals: appraisals, period: period, department: department, employee: employee,
                                     path: path, english: global.language == .en)
        emit(global.language.pick("已导出 \(written) 份考核表: \(path)", "exported \(written) scorecard\(written == 1 ? "" : "s"): \(path)"))
    }

    /// Writes the workbook; returns how many scorecards it holds.
    static func write(appraisals: Appraisals, period: Period, department: String?, employee: String?,
                      path: String, english: Bool) throws -> Int {
        let cards = try engine { try appraisals.scorecardsForExport(period: period, department: department, employee: employee) }
        let folder = (path as NSString).deletingLastPathComponent
        if !folder.isEmpty { try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true) }
        let names = Dictionary(appraisals.organisation.employees.map { ($0.id, $0.name) }) { first, _ in first }
        let status = (try? appraisals.store.appraisalPeriod(period))??.status.rawValue ?? "open"
        let scope = employee ?? department ?? (english ? "company" : "全公司")
        let workbook = ScorecardWorkbook(catalog: appraisals.catalog, period: period, status: status,
                                         cards: cards, names: names,
                                         english: english, employeeSheets: employee != nil || department != nil,
                                         title: english ? "Performance appraisal \(period), \(scope)" : "绩效考核 \(period) \(scope)")
        do {
            return try workbook.write(to: path)
        } catch {
            throw CommandFailure(code: .badData, lines: [error.localizedDescription])
        }
    }
}
