import Foundation
import KPIEngine
import KPIStore

extension Appraisals {
    /// Writes the period's workbook (`kpi export`) of the scorecards the principal may export:
    /// the company's, a department's or one employee's. Returns how many scorecards it holds.
    public func exportWorkbook(period: Period, department: String?, employee: String?, to path: String, english: Bool) throws -> Int {
        let cards = try scorecardsForExport(period: period, department: department, employee: employee)
        let trend = try trend(of: cards)
        let names = Dictionary(try organisation.employees.map { ($0.id, $0.name) }) { first, _ in first }
        let status = try periodStatus(period)?.rawValue ?? "open"
        let scope = employee ?? department ?? (english ? "company" : "全公司")
        let workbook = ScorecardWorkbook(catalog: try rules(for: period), period: period, status: status, cards: cards, names: names,
                                         english: english, employeeSheets: employee != nil || department != nil,
                                         title: english ? "Performance appraisal \(period), \(scope)" : "绩效考核 \(period) \(scope)",
                                         trend: trend)
        return try workbook.write(to: path)
    }
}
