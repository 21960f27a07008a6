import Foundation

/// Why the demo company was not built.
public enum DemoError: LocalizedError, Equatable {
    case foreignDatabase(path: String)
    /// A demo company someone else built: rebuilding it would wipe their audit log and hand
    /// their HR manager's login to whoever asked.
    case someoneElses(path: String, creator: String)
    case tooFewEmployees(minimum: Int)

    public var errorDescription: String? {
        switch self {
        case .foreignDatabase(let path):
            return "\(path) holds data that kpi demo did not create; pass another --db for the demo company"
        case .someoneElses(let path, let creator):
            return "\(path) is the demo company \(creator) built; only they may build it again. Pass another --db for your own"
        case .tooFewEmployees(let minimum):
            return "the demo company needs at least \(minimum) employees, one per role of the catalog"
        }
    }
}
