import KPIStore

/// What `kpi demo` builds.
public struct DemoOptions: Sendable {
    public var employees: Int
    public var months: Int
    /// The last month with records; the company's "now" is its last day.
    public var end: Period
    public var seed: UInt64
    /// The login given to the HR manager, so that whoever runs the demo can explore everything.
    public var hrLogin: String

    public init(employees: Int, months: Int, end: Period, seed: UInt64, hrLogin: String) {
        self.employees = employees
        self.months = months
        self.end = end
        self.seed = seed
        self.hrLogin = hrLogin
    }
}
