import KPICatalog
import KPIFormula
import KPIStore

extension Catalog {
    /// The checks the importer makes against the catalog, their problems told in Chinese or English.
    public func importContext(chinese: Bool, progress: (@Sendable (Int) -> Void)?) -> ImportContext {
        var minutes: [String: (respond: Int, resolve: Int)] = [:]
        for (priority, level) in serviceLevels.levels {
            minutes[priority.rawValue] = (level.respondMinutes, level.resolveMinutes)
        }
        let roleIDs = roles.map(\.id)
        @Sendable func say(_ zh: String, _ en: String) -> String { chinese ? zh : en }
        var context = ImportContext(
            checkRole: { id in
                guard self.roles.contains(where: { $0.id == id }) else {
                    let near = closestMatch(to: id, among: roleIDs)
                    return say("未知的岗位「\(id)」" + (near.map { "；是否想写 \($0)？" } ?? "；kpi roles list 列出所有岗位"),
                               "unknown role `\(id)`" + (near.map { "; did you mean `\($0)`?" } ?? "; `kpi roles list` shows the role ids"))
                }
                return nil
            },
            checkRatingKPI: { id in
                guard let kpi = self.kpis.first(where: { $0.id == id }) else {
                    let near = closestMatch(to: id, among: self.kpis.map(\.id))
                    return say("未知的指标「\(id)」" + (near.map { "；是否想写 \($0)？" } ?? ""), "unknown KPI `\(id)`" + (near.map { "; did you mean `\($0)`?" } ?? ""))
                }
                guard case .rating = kpi.scoring else {
                    return say("指标 \(id) 由记录计算（方法 \(kpi.scoring.method.rawValue)），不是评分项",
                               "KPI `\(id)` is computed from records (method \(kpi.scoring.method.rawValue)), not rated")
                }
                return nil
            },
            checkRatingScore: { id, score in
                guard case .rating(let rating) = self.kpi(id)?.scoring else { return nil }
                guard rating.accepts(score) else {
                    return say("\(id) 的评分应在 \(rating.lowest.formulaText) 到 \(rating.scale.formulaText) 之间，写的是 \(score.formulaText)",
                               "`score` must be \(rating.lowest.formulaText) to \(rating.scale.formulaText) for \(id), found \(score.formulaText)")
                }
                return nil
            },
            serviceMinutes: minutes, progress: progress)
        context.chinese = chinese
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
