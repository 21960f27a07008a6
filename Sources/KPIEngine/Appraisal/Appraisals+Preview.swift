import KPICatalog
import KPIStore

/// What the current catalog would do to a period's results: each employee's total and grade as
/// stored and as computed now, the biggest movers first, and each department's grades before
/// and after.
public struct Preview: Sendable {
    public struct Row: Sendable, Equatable {
        public let employee: String
        public let name: String
        public let department: String
        public let oldTotal: Double?
        public let newTotal: Double?
        public let oldGrade: String?
        public let newGrade: String?

        /// How far the total moved; a total appearing or disappearing counts as its size.
        public var movement: Double { abs((newTotal ?? 0) - (oldTotal ?? 0)) }
    }

    /// A department's count of one grade before and after.
    public struct GradeCount: Sendable, Equatable {
        public let department: String
        public let grade: String
        public let before: Int
        public let after: Int
    }

    public let period: Period
    public let rows: [Row]
    public let grades: [GradeCount]
}

extension Appraisals {
    /// Computes the period with the current catalog — a draft given with --catalog — and compares
    /// it with its stored results; writes nothing. Needs appraisal:admin under the rules the
    /// period was scored by, so that a draft catalog grants no right to see anyone's results.
    public func preview(_ period: Period) throws -> Preview {
        try requireResults(period)
        let kept = try rules(for: period)
        let me = try requireEmployee()
        guard kept.role(me.role)?.permissions.contains(.appraisalAdmin) == true else {
            throw AppraisalError.permissionDenied("previewing \(period) needs appraisal:admin")
        }
        let calculator = ScorecardCalculator(catalog: catalog)
        let organisation = try self.organisation
        let (cards, stored) = try store.reading {
            let sheet = try store.measureSheet(for: period, organisation: organisation)
            let looksBack = calculator.previousFamilies
            let previous = looksBack.isEmpty ? nil
                : try store.measureSheet(for: period.previous, organisation: organisation, families: looksBack)
            return (calculator.scorecards(period: period, organisation: organisation, sheet: sheet, previous: previous,
                                          ratings: try store.ratings(for: period)),
                    try store.scorecards(of: period, employees: nil, lines: false))
        }
        let before = Dictionary(stored.map { ($0.employee, $0) }) { first, _ in first }
        let after = Dictionary(cards.map { ($0.employee, $0) }) { first, _ in first }
        let rows = Set(before.keys).union(after.keys).map { id in
            let old = before[id], new = after[id]
            return Preview.Row(employee: id, name: organisation.employee(id)?.name ?? id, department: new?.department ?? old?.department ?? "",
                               oldTotal: old?.total, newTotal: new?.total, oldGrade: old?.grade, newGrade: new?.grade)
        }.sorted { ($1.movement, $0.employee) < ($0.movement, $1.employee) }
        var grades: [Preview.GradeCount] = []
        let gradeNames = (kept.grading.grades.map(\.grade) + catalog.grading.grades.map(\.grade)).reduce(into: [String]()) { names, grade in
            if !names.contains(grade) { names.append(grade) }
        }
        for department in Set(rows.map(\.department)).sorted() {
            let members = rows.filter { $0.department == department }
            for grade in gradeNames {
                let counts = (members.filter { $0.oldGrade == grade }.count, members.filter { $0.newGrade == grade }.count)
                if counts != (0, 0) {
                    grades.append(Preview.GradeCount(department: department, grade: grade, before: counts.0, after: counts.1))
                }
            }
        }
        return Preview(period: period, rows: rows, grades: grades)
    }
}
