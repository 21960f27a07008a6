import Foundation
import KPIStore

extension GlobalOptions {
    /// The database, migrated when needed. Only `creating` commands (init, import) make a new
    /// one: anywhere else a mistyped `--db` is an error naming the path, not an empty company.
    func openStore(creating: Bool = false) throws -> Store {
        try Store(path: databasePath, creating: creating)
    }

    /// The operating-system login, or `KPI_USER` when set: who is acting.
    var actingLogin: String {
        let environment = ProcessInfo.processInfo.environment
        return environment["KPI_USER"].flatMap { $0.isEmpty ? nil : $0 } ?? NSUserName()
    }
}
