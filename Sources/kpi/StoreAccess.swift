import Foundation
import KPICatalog
import KPIFormula
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

extension Catalog {
    /// The org structure the measure roll-ups need: employees, their departments (from their
    /// roles) and the department tree.
    func organisation(of employees: [Employee]) -> Organisation {
        var parents: [String: String] = [:]
        for department in departments {
            if let parent = department.parent { parents[department.id] = parent }
        }
        return Organisation(employees: employees, department: { self.role($0)?.department }, departmentParent: parents)
    }

    /// The checks the importer makes against the catalog.
    func importContext(progress: ((Int) -> Void)?) -> ImportContext {
        var minutes: [String: (respond: Int, resolve: Int)] = [:]
        for (priority, level) in serviceLevels.levels {
            minutes[priority.rawValue] = (level.respondMinutes, level.resolveMinutes)
        }
        let roleIDs = roles.map(\.id)
        return ImportContext(
            checkRole: { id in
                guard self.roles.contains(where: { $0.id == id }) else {
                    if let role = self.role(id) { return "`role` must be a role id: `\(id)` is the role `\(role.id)`" }
                    let hint = closestMatch(to: id, among: roleIDs).map { "; did you mean `\($0)`?" } ?? "; `kpi roles list` shows the role ids"
                    return "unknown role `\(id)`\(hint)"
                }
                return nil
            },
            checkRatingKPI: { id in
                guard let kpi = self.kpis.first(where: { $0.id == id }) else {
                    let hint = closestMatch(to: id, among: self.kpis.map(\.id)).map { "; did you mean `\($0)`?" } ?? ""
                    return "unknown KPI `\(id)`\(hint)"
                }
                guard case .rating = kpi.scoring else {
                    return "KPI `\(id)` is computed from records (method \(kpi.scoring.method.rawValue)), not rated"
                }
                return nil
            },
            checkRatingScore: { id, score in
                guard case .rating(let rating) = self.kpi(id)?.scoring else { return nil }
                let lowest: Double = rating.scale == 100 ? 0 : 1
                guard score >= lowest, score <= rating.scale else {
                    return "`score` must be \(lowest.formulaText) to \(rating.scale.formulaText) for \(id), found \(score.formulaText)"
                }
                return nil
            },
            serviceMinutes: minutes, progress: progress)
    }
}
