import KPIStore

/// What was built.
public struct DemoSummary: Sendable {
    public let path: String
    public let employees: Int
    public let first: Period
    public let last: Period
    public let rows: [(kind: ImportKind, count: Int)]
    public let hrManager: (id: String, name: String, login: String)?
}
