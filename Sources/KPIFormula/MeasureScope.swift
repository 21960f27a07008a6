/// Whose records a measure counts for an employee (docs/measures.md, scopes).
public enum MeasureScope: String, Sendable, CaseIterable, Codable {
    /// Records the employee owns.
    case `self`
    /// Records of the employee and everyone below them in the manager tree.
    case team
    /// Records of everyone in the employee's department and its sub-departments.
    case department
    /// All records.
    case company
}
