import Foundation
import KPIStore

extension GlobalOptions {
    /// The database, created and migrated when needed; failures are one line, exit 1.
    func openStore() throws -> Store {
        do {
            return try Store(path: databasePath)
        } catch {
            throw CommandFailure(code: .badData, lines: [error.localizedDescription])
        }
    }

    /// The operating-system login, or `KPI_USER` when set: who is acting.
    var actingLogin: String {
        let environment = ProcessInfo.processInfo.environment
        return environment["KPI_USER"].flatMap { $0.isEmpty ? nil : $0 } ?? NSUserName()
    }
}
