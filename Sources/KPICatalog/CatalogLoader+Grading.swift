import KPIFormula

extension CatalogLoader {
    /// The grading, nil when anything in it is wrong; its veto items with their locations
    /// either way, so that their KPIs are checked too.
    func loadGrading() -> (grading: Grading?, veto: [Located<Grading.Veto>]) {
        guard let (node, file) = document("kpi-definitions/grading.yaml"),
              let fields = Fields(node, file: file, log: log, what: "grading.yaml",
                                  allowed: ["grades", "forced_distribution", "veto", "confirm_within_days"])
        else { return (nil, []) }
        var valid = true
        var grades: [Grading.Grade] = []
        var gradeLocations: [SourceLocation] = []
        for entry in fields.list("grades") ?? [] {
            guard let item = Fields(entry, file: file, log: log, what: "a grade",
                                    allowed: ["grade", "min_score", "coefficient", "max_share"]),
                  let grade = item.string("grade"), let minScore = item.number("min_score"),
                  let coefficient = item.number("coefficient")
            else { valid = false; continue }
            let maxShare = item.number("max_share", required: false)
            if let maxShare, !(maxShare.value > 0 && maxShare.value <= 1) {
                log.error(maxShare.location, "`max_share` must be above 0 and at most 1, as in max_share: 0.10")
                valid = false
            }
            if coefficient.value < 0 {
                log.error(coefficient.location, "`coefficient` must not be negative")
                valid = false
            }
            if grades.contains(where: { $0.grade == grade.value }) {
                log.error(grade.location, "grade `\(grade.value)` is listed twice")
                valid = false
            }
            if let previous = grades.last, minScore.value >= previous.minScore {
                log.error(minScore.location, "grades are listed best first: min_score \(minScore.value.formulaText) must be below \(previous.minScore.formulaText) of grade \(previous.grade)")
                valid = false
            }
            grades.append(Grading.Grade(grade: grade.value, minScore: minScore.value,
                                        coefficient: coefficient.value, maxShare: maxShare?.value))
            gradeLocations.append(minScore.location)
        }
        if grades.isEmpty, fields.isWritten("grades") {
            log.error(fields.location("grades"), "`grades` lists no grade")
            valid = false
        }
        if let last = grades.last, last.minScore > 0, let location = gradeLocations.last {
            log.error(location, "the lowest grade \(last.grade) starts at \(last.minScore.formulaText); make it 0 so every total gets a grade")
            valid = false
        }
        let forced = fields.choice("forced_distribution", required: false, as: Grading.ForcedDistribution.self)
        var veto: [Located<Grading.Veto>] = []
        for entry in fields.list("veto", required: false) ?? [] {
            guard let item = Fields(entry, file: file, log: log, what: "a veto item", allowed: ["kpi", "max_grade"]),
                  let kpi = item.string("kpi"), let maxGrade = item.string("max_grade")
            else { valid = false; continue }
            if !grades.isEmpty, !grades.contains(where: { $0.grade == maxGrade.value }) {
                log.error(maxGrade.location, "unknown grade `\(maxGrade.value)`; the grades are \(grades.map(\.grade).joined(separator: ", "))")
                valid = false
            }
            veto.append(Located(Grading.Veto(kpi: kpi.value, maxGrade: maxGrade.value), at: kpi.location))
        }
        let confirmDays = fields.integer("confirm_within_days", required: false)
        if let confirmDays, confirmDays.value < 0 {
            log.error(confirmDays.location, "`confirm_within_days` must be 0 or more: the days after a period's end its people have to confirm")
            valid = false
        }
        guard valid, !grades.isEmpty else { return (nil, veto) }
        return (Grading(grades: grades, forcedDistribution: forced?.value ?? .none, veto: veto.map(\.value),
                        confirmWithinDays: confirmDays?.value), veto)
    }

    func loadServiceLevels() -> ServiceLevels? {
        guard let (node, file) = document("kpi-definitions/service-levels.yaml"),
              let fields = Fields(node, file: file, log: log, what: "service-levels.yaml", allowed: ["priorities"]),
              let prioritiesNode = fields.node("priorities", required: true),
              let priorities = Fields(prioritiesNode, file: file, log: log, what: "priorities",
                                      allowed: ServiceLevels.Priority.allCases.map(\.rawValue))
        else { return nil }
        var levels: [ServiceLevels.Priority: ServiceLevels.Level] = [:]
        for priority in ServiceLevels.Priority.allCases {
            guard let node = priorities.node(priority.rawValue, required: true),
                  let item = Fields(node, file: file, log: log, what: "priority \(priority.rawValue)",
                                    allowed: ["name", "respond_minutes", "resolve_minutes"]),
                  let respond = item.integer("respond_minutes"), let resolve = item.integer("resolve_minutes")
            else { continue }
            if respond.value <= 0 {
                log.error(respond.location, "`respond_minutes` must be above 0")
                continue
            }
            if resolve.value < respond.value {
                log.error(resolve.location, "`resolve_minutes` \(resolve.value) must not be below `respond_minutes` \(respond.value)")
                continue
            }
            let name = item.string("name", required: false)
            if let name, let other = levels.first(where: { $0.value.name == name.value })?.key {
                log.error(name.location, "`name` \(name.value) is also the name of \(other.rawValue); each name must say one priority")
                continue
            }
            levels[priority] = ServiceLevels.Level(name: name?.value,
                                                   respondMinutes: respond.value, resolveMinutes: resolve.value)
        }
        return levels.count == ServiceLevels.Priority.allCases.count ? ServiceLevels(levels: levels) : nil
    }
}
