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
        var context = ImportContext(
            checkRole: { id in
                guard self.roles.contains(where: { $0.id == id }) else {
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
        context.roleByName = { name in self.role(name)?.id }
        context.departmentOfRole = { id in
            guard let department = self.role(id)?.department else { return nil }
            return self.departments.first { $0.id == department }?.name ?? department
        }
        let priorityNames = serviceLevels.levels.compactMap { priority, level in level.name.map { ($0, priority.rawValue) } }
        context.choiceNames["priority"] = Dictionary(uniqueKeysWithValues: priorityNames)
        return context
    }
}
