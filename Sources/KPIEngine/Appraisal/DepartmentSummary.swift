import KPICatalog
import KPIStore

/// One department's results for a period: headcount, mean, lowest and highest total, grades.
public struct DepartmentSummary: Equatable, Sendable {
    public let department: String
    public let headcount: Int
    public let mean: Double?
    public let lowest: Double?
    public let highest: Double?
    /// The number of people holding each grade, best grade first.
    public let grades: [(grade: String, count: Int)]

    public static func == (a: DepartmentSummary, b: DepartmentSummary) -> Bool {
        (a.department, a.headcount, a.mean, a.lowest, a.highest) == (b.department, b.headcount, b.mean, b.lowest, b.highest)
            && a.grades.map(\.grade) == b.grades.map(\.grade) && a.grades.map(\.count) == b.grades.map(\.count)
    }

    /// A scorecard's outcome, all a summary needs.
    public struct Result: Equatable, Sendable {
        public let employee: String
        public let department: String
        public let total: Double?
        public let grade: String?

        public init(_ card: Scorecard) {
            employee = card.employee
            department = card.department
            total = card.total
            grade = card.grade
        }
    }

    /// One summary per department with scorecards, in the catalog's department order.
    public static func summaries(of cards: [Result], catalog: Catalog) -> [DepartmentSummary] {
        let byDepartment = Dictionary(grouping: cards, by: \.department)
        return catalog.departments.compactMap { department in
            guard let members = byDepartment[department.id] else { return nil }
            let totals = members.compactMap(\.total)
            return DepartmentSummary(
                department: department.id, headcount: members.count,
                mean: totals.isEmpty ? nil : totals.reduce(0, +) / Double(totals.count), lowest: totals.min(), highest: totals.max(),
                grades: catalog.grading.grades.map { grade in (grade.grade, members.filter { $0.grade == grade.grade }.count) })
        }
    }
}
