import Foundation
import KPIStore

extension GlobalOptions {
    /// The database, created and migrated when needed.
    func openStore() throws -> Store {
        try Store(path: databasePath)
    }

    /// The operating-system login, or `KPI_USER` when set: who is acting.
    var actingLogin: String {
        let environment = ProcessInfo.processInfo.environment
        return environment["KPI_USER"].flatMap { $0.isEmpty ? nil : $0 } ?? NSUserName()
    }
}
