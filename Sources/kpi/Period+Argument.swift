import ArgumentParser
import KPIStore

/// A period on the command line: `2026-10`, `2026-Q4` or `2026`.
extension Period: ExpressibleByArgument {
    public init?(argument: String) {
        self.init(argument)
    }
}
