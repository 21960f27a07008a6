import KPICatalog

extension Grading {
    /// The first grade whose `min_score` the total reaches (docs/scoring.md, grades: step 1).
    public func rawGrade(for total: Double) -> Grade? {
        grades.first { total >= $0.minScore }
    }

    public func grade(named name: String) -> Grade? { grades.first { $0.grade == name } }

    /// The better of two grades is the one listed first.
    func rank(_ name: String) -> Int { grades.firstIndex { $0.grade == name } ?? grades.count }

    /// Caps `grade` at the veto items the role carries and scored 0 (step 2).
    public func applyVeto(to grade: String, scores: [String: Double]) -> String {
        var result = grade
        for item in veto where scores[item.kpi] == 0 && rank(item.maxGrade) > rank(result) {
            result = item.maxGrade
        }
        return result
    }

    /// One member of a forced-distribution group.
    public struct Candidate: Equatable, Sendable {
        public let employee: String
        public let total: Double
        /// The grade after veto.
        public let grade: String

        public init(employee: String, total: Double, grade: String) {
            self.employee = employee
            self.total = total
            self.grade = grade
        }
    }

    /// Forced distribution within one group (step 3): in order of total descending, then
    /// employee id, each takes its grade unless that grade already holds ⌊max_share · n⌋
    /// people; then the next lower grade with room, or one without a limit.
    public func distribute(_ group: [Candidate]) -> [String: String] {
        let ordered = group.sorted { ($0.total, $1.employee) > ($1.total, $0.employee) }
        let capacity = grades.map { grade in grade.maxShare.map { Int(($0 * Double(group.count)).rounded(.down)) } }
        var taken = [Int](repeating: 0, count: grades.count)
        var result: [String: String] = [:]
        for candidate in ordered {
            var index = rank(candidate.grade)
            while index < grades.count - 1, let limit = capacity[index], taken[index] >= limit {
                index += 1
            }
            taken[index] += 1
            result[candidate.employee] = grades[index].grade
        }
        return result
    }
}
