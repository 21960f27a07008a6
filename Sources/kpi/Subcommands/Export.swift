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
    @Option(help: ArgumentHelp("YYYY-MM, YYYY-Qn or YYYY.", valueName: "period")) var period: Period
    @Option(help: ArgumentHelp("A department id or name (sub-departments included).", valueName: "department")) var department: String?
    @Option(help: ArgumentHelp("One employee: their 工号, login or name.", valueName: "employee")) var employee: String?
    @Option(help: ArgumentHelp("Where to write (default exports/<period>-<scope>.xlsx).", valueName: "file")) var out: String?

    func validate() throws {
        if department != nil, employee != nil { throw ValidationError("give --department or --employee, not both") }
    }

    func run() throws {
        let appraisals = try global.appraisals()
        let employee = try self.employee.map(appraisals.employeeID(named:))
        let path = out ?? "exports/\(period)-\(employee ?? department.flatMap { appraisals.catalog.department($0)?.id } ?? "company").xlsx"
        let written = try appraisals.exportWorkbook(period: period, department: department, employee: employee,
                                                    to: path, english: global.language == .en)
        emit(global.language.pick("已导出 \(written) 份考核表: \(path)", "exported \(written) scorecard\(written == 1 ? "" : "s"): \(path)"))
    }
}
