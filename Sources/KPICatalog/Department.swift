/// A department of the company (`roles/departments.yaml`).
public struct Department: Sendable, Equatable {
    public let id: String
    public let name: String
    public let nameEn: String?
    /// The parent department's id; nil for a top-level department.
    public let parent: String?
    public let location: SourceLocation
}
