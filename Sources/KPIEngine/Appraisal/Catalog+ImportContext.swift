import KPICatalog
import KPIFormula
import KPIStore

extension Catalog {
    /// The checks the importer makes against the catalog.
    public func importContext(progress: (@Sendable (Int) -> Void)?) -> ImportContext {
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
                guard rating.accepts(score) else {
                    return "`score` must be \(rating.lowest.formulaText) to \(rating.scale.formulaText) for \(id), found \(score.formulaText)"
                }
                return nil
            },
            serviceMinutes: minutes, progress: progress)
    }
}
