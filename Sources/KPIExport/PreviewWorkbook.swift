import Foundation
import KPIEngine
import KPIStore

extension Appraisals {
    /// Writes a preview (`kpi appraisal preview --xlsx`) as a workbook: each employee's total and
    /// grade as stored and as the catalog would give them, the biggest movers first, and each
    /// department's grades before and after.
    public func writePreview(_ preview: Preview, english: Bool, to path: String) throws {
        func pick(_ zh: String, _ en: String) -> String { english ? en : zh }
        let workbook = try Workbook(path: path, constantMemory: false)
        let header = CellFormat(bold: true, background: 0xDDEBF7, border: true)
        let total = try workbook.format(CellFormat(numberFormat: "0.00"))
        let people = try workbook.addWorksheet(pick("对比", "Comparison"))
        let titles = [pick("工号", "Employee"), pick("姓名", "Name"), pick("部门", "Department"), pick("原总分", "Old total"),
                      pick("新总分", "New total"), pick("变化", "Change"), pick("原等级", "Old grade"), pick("新等级", "New grade")]
        for (column, title) in titles.enumerated() { try people.write(0, column, title, header) }
        for (index, row) in preview.rows.enumerated() {
            let line = index + 1
            try people.write(line, 0, row.employee)
            try people.write(line, 1, row.name)
            try people.write(line, 2, catalog.department(row.department)?.name ?? row.department)
            try people.write(line, 3, row.oldTotal, total)
            try people.write(line, 4, row.newTotal, total)
            try people.write(line, 5, row.oldTotal.flatMap { old in row.newTotal.map { $0 - old } }, total)
            try people.write(line, 6, row.oldGrade ?? "—")
            try people.write(line, 7, row.newGrade ?? "—")
        }
        try people.setColumn(0, 7, width: 12)
        people.freeze(rows: 1)
        let departments = try workbook.addWorksheet(pick("部门等级", "Department grades"))
        for (column, title) in [pick("部门", "Department"), pick("等级", "Grade"), pick("原人数", "Before"), pick("新人数", "After")].enumerated() {
            try departments.write(0, column, title, header)
        }
        for (index, count) in preview.grades.enumerated() {
            try departments.write(index + 1, 0, catalog.department(count.department)?.name ?? count.department)
            try departments.write(index + 1, 1, count.grade)
            try departments.write(index + 1, 2, Double(count.before))
            try departments.write(index + 1, 3, Double(count.after))
        }
        try departments.setColumn(0, 3, width: 14)
        departments.freeze(rows: 1)
        try workbook.close()
    }
}
