import Foundation

/// Why the demo company was not built.
public enum DemoError: LocalizedError, Equatable {
    case foreignDatabase(path: String)
    case tooFewEmployees(minimum: Int)

    public var errorDescription: String? {
        switch self {
        case .foreignDatabase(let path):
            return "\(path) holds data that kpi demo did not create; pass another --db for the demo company"
        case .tooFewEmployees(let minimum):
            return "the demo company needs at least \(minimum) employees, one per role of the catalog"
        }
    }
}
