import KPICatalog
import KPIEngine
import KPIFormula
import KPIStore

/// How scorecards read: as a sheet, a table row, JSON (docs/cli.md) or CSV — the same for the
/// command line and the server.
public struct ScorecardView {
    public let appraisals: Appraisals
    public let language: Language
    /// The rules the period was scored by: its KPIs' names and units, how each line was scored.
    public let rules: Catalog
    /// A note when the period and its months were scored by different rules, or nil.
    public let rulesNote: String?
    /// The view's period and its status.
    private let shownPeriod: (period: Period, status: String)

    public init(appraisals: Appraisals, language: Language, period: Period) throws {
        self.appraisals = appraisals
        self.language = language
        rules = try appraisals.rules(for: period)
        shownPeriod = (period, try appraisals.periodStatus(period)?.rawValue ?? "open")
        let spanned = try appraisals.ruleSetsSpanned(by: period)
        let sets = spanned.map { "\($0.period) \(language.pick("按", "by")) \($0.hash.prefix(8))" }.joined(separator: language.pick("，", ", "))
        rulesNote = spanned.isEmpty ? nil
            : language.pick("注意: \(period) 及其各月按不同的规则计算（\(sets)）；kpi catalog diff --period P 可查看差别",
                            "note: \(period) and its months were scored by different rules (\(sets)); kpi catalog diff --period P shows how they differ")
    }

    public var text: CatalogText { CatalogText(language: language) }

    /// The employee's name, else their id: the acting employee's is known at once; anyone else's
    /// reads the organisation, and a database that fails that read shows the id (the command's
    /// own reads of it fail loudly).
    public func name(_ employee: String) -> String { ((try? appraisals.employee(employee)) ?? nil)?.name ?? employee }

    public func roleName(_ id: String) -> String { rules.role(id).map(text.roleName) ?? id }

    /// The period's status, read once for the view's own period (a team's JSON names it on every card).
    public func status(_ period: Period) -> String {
        if period == shownPeriod.period { return shownPeriod.status }
        return (try? appraisals.periodStatus(period))??.rawValue ?? "open"
    }

    public func score(_ value: Double?) -> String { value.map { trimmed($0, digits: 1) } ?? "—" }

    public func total(_ value: Double?) -> String { value.map { String(format: "%.2f", $0) } ?? "—" }

    public func value(_ value: Double?, kpi: KPIDefinition?) -> String {
        guard let value else { return language.pick("无数据", "no data") }
        guard let kpi else { return trimmed(value, digits: 4) }
        return text.number(value, unit: kpi.unit)
    }

    public func lineStatus(_ status: Scorecard.Line.Status) -> String {
        switch status {
        case .ok: return "ok"
        case .noData: return language.pick("无数据(不计)", "no data (excluded)")
        case .noDataZero: return language.pick("无数据(记0分)", "no data (scored 0)")
        case .noDataTarget: return language.pick("无数据(按目标)", "no data (target)")
        }
    }

    /// The scorecard JSON object (docs/cli.md); `kpis` only when `withKPIs`, each with the
    /// `step` the engine scored it by.
    public func json(_ card: Scorecard, withKPIs: Bool = true) -> JSON {
        var fields: [(String, JSON)] = [
            ("employee", .string(card.employee)), ("name", .string(name(card.employee))), ("role", .string(card.role)),
            ("department", .string(card.department)), ("period", .string(card.period.description)),
            ("status", .string(status(card.period))), ("run", card.run.map { .integer($0) } ?? .null),
            ("computed_at", .string(card.computedAt)), ("total", .number(card.total)), ("raw_grade", .string(card.rawGrade)),
            ("grade", .string(card.grade)), ("coefficient", .number(card.coefficient)),
        ]
        if !card.segments.isEmpty {
            fields.append(("segments", .array(card.segments.map { segment in
                var item: [(String, JSON)] = [
                    ("role", .string(segment.role)), ("from", .string(segment.from.iso)), ("to", .string(segment.to.iso)),
                    ("days", .integer(segment.days)), ("total", .number(segment.total)),
                ]
                if withKPIs { item.append(("kpis", kpisJSON(segment.lines, appraisals.steps(of: segment, by: rules)))) }
                return .object(item)
            })))
        }
        if withKPIs {
            fields.append(("kpis", kpisJSON(card.lines, appraisals.steps(of: card, by: rules))))
            if let conversation = try? appraisals.conversation(of: card.employee, period: card.period) {
                fields.append(("confirmation", json(conversation.confirmation)))
                fields.append(("calibration", conversation.calibration.map(json) ?? .null))
                fields.append(("objections", .array(conversation.objections.map(json))))
            }
        }
        return .object(fields)
    }

    /// The scorecard JSON with the person's shares of the period's bonus pools (`kpi me`).
    public func json(_ card: Scorecard, bonus: [BonusShare]) -> JSON {
        let object = json(card)
        guard case .object(let fields) = object else { return object }
        return .object(fields + [("bonus", .array(bonus.map { .object([("pool", .string($0.pool)), ("amount", .fen($0.amount))]) }))])
    }

    /// Lines as JSON, each with the step that scored it.
    private func kpisJSON(_ lines: [Scorecard.Line], _ steps: [ScoringStep?]) -> JSON {
        .array(zip(lines, steps).map { line, step in
            var item: [(String, JSON)] = [
                ("kpi", .string(line.kpi)), ("weight", .integer(line.weight)), ("value", .number(line.value)),
                ("score", .number(line.score)), ("weighted", .number(line.weighted)), ("status", .string(line.status.rawValue)),
                ("measures", .object(line.measures.map { ($0.key, .number($0.value)) })),
            ]
            if line.rater != nil || line.comment != nil {
                item += [("rater", .string(line.rater)), ("comment", .string(line.comment))]
            }
            if let step { item.append(("step", stepJSON(step))) }
            return .object(item)
        })
    }

    /// A scoring step as JSON: the method, its numbers, what applied, the score and the weights.
    public func stepJSON(_ step: ScoringStep) -> JSON {
        var fields = step.rule.jsonFields
        fields.insert(("value", .number(step.value)), at: 1)
        let applied: JSON
        switch step.applied {
        case .belowThreshold: applied = .object([("rule", .string("below_threshold"))])
        case .between(let low, let high):
            applied = .object([("rule", .string("between")), ("from", .string(low.name.rawValue)), ("to", .string(high.name.rawValue))])
        case .reached(let anchor): applied = .object([("rule", .string("reached")), ("anchor", .string(anchor.name.rawValue))])
        case .deduction(let deducted, let floored):
            applied = .object([("rule", .string("deduction")), ("deducted", .number(deducted)), ("floored", .bool(floored))])
        case .band(let index): applied = .object([("rule", .string("band")), ("band", .integer(index + 1))])
        case .noBand: applied = .object([("rule", .string("no_band"))])
        case .rating: applied = .object([("rule", .string("rating"))])
        case .noData(let policy): applied = .object([("rule", .string("no_data")), ("when_no_data", .string(policy.rawValue))])
        }
        fields += [("applied", applied), ("score", .number(step.score)), ("weight", .integer(step.weight)),
                   ("effective_weight", .number(step.effectiveWeight))]
        return .object(fields)
    }

    public func kpiTable(_ card: Scorecard) -> Table { kpiTable(card.lines) }

    public func kpiTable(_ lines: [Scorecard.Line]) -> Table {
        var table = Table([
            .init(header: "KPI"), .init(header: language.pick("名称", "name")), .init(header: language.pick("实际值", "value"), alignRight: true),
            .init(header: language.pick("得分", "score"), alignRight: true), .init(header: language.pick("权重", "weight"), alignRight: true),
            .init(header: language.pick("加权得分", "weighted"), alignRight: true), .init(header: language.pick("状态", "status")),
        ])
        for line in lines {
            let kpi = rules.kpi(line.kpi)
            table.append([line.kpi, kpi.map(text.kpiName) ?? line.kpi, value(line.value, kpi: kpi), score(line.score),
                          String(line.weight), line.weighted.map { trimmed($0, digits: 2) } ?? "—", lineStatus(line.status)])
        }
        return table
    }

    /// The scorecard as a person reads it.
    public func sheet(_ card: Scorecard) -> String {
        var lines = ["\(card.employee) \(name(card.employee)) · \(roleName(card.role)) · \(text.departmentName(card.department, in: appraisals.catalog)) · \(card.period) (\(status(card.period)))"]
        lines.append("")
        for segment in card.segments {
            lines.append(segmentHeading(segment))
            lines += kpiTable(segment.lines).rendered().split(separator: "\n").map(String.init)
            lines.append("")
        }
        if card.segments.isEmpty {
            lines += kpiTable(card).rendered().split(separator: "\n").map(String.init)
            lines.append("")
        } else {
            let scored = card.segments.filter { $0.total != nil }
            let terms = scored.map { "\($0.days) × \(total($0.total))" }.joined(separator: " + ")
            let days = scored.reduce(0) { $0 + $1.days }
            lines.append(language.pick("总分按各岗位天数合并: (\(terms)) / \(days)", "total combined by the days in each role: (\(terms)) / \(days)"))
        }
        let grades = card.rawGrade == card.grade || card.grade == nil
            ? language.pick("等级 \(card.grade ?? "—")", "grade \(card.grade ?? "—")")
            : language.pick("原始等级 \(card.rawGrade ?? "—") → 最终等级 \(card.grade ?? "—")", "raw grade \(card.rawGrade ?? "—") → grade \(card.grade ?? "—")")
        lines.append(language.pick("总分 \(total(card.total)) · ", "total \(total(card.total)) · ") + grades
                     + language.pick(" · 绩效系数 \(card.coefficient.map { trimmed($0, digits: 2) } ?? "—")",
                                     " · coefficient \(card.coefficient.map { trimmed($0, digits: 2) } ?? "—")"))
        if let conversation = try? appraisals.conversation(of: card.employee, period: card.period) {
            if let calibration = conversation.calibration { lines.append(calibrationText(calibration)) }
            for objection in conversation.objections {
                lines.append(language.pick("申诉 #\(objection.id) \(objection.kpi): \(objection.reason) — \(statusName(objection.status))",
                                           "objection #\(objection.id) \(objection.kpi): \(objection.reason) — \(statusName(objection.status))")
                             + (objection.resolution.map { ": \($0)" } ?? ""))
            }
            if status(card.period) == "open" { lines.append(confirmationText(conversation.confirmation)) }
        }
        let comments = card.lines.compactMap { line in line.comment.map { "  \(line.kpi): \($0)" + (line.rater.map { " — \(name($0))" } ?? "") } }
        if !comments.isEmpty {
            lines.append(language.pick("评语:", "Comments:"))
            lines += comments
        }
        if let computedAt = card.computedAt {
            lines.append(language.pick("计算于 \(computedAt.replacingOccurrences(of: "T", with: " "))",
                                       "computed at \(computedAt.replacingOccurrences(of: "T", with: " "))"))
        }
        lines.append(language.pick("每项得分的来历: kpi explain \(card.employee) KPI --period \(card.period)",
                                   "How a score was reached: kpi explain \(card.employee) KPI --period \(card.period)"))
        return lines.joined(separator: "\n")
    }

    /// A role segment's heading: the role, its days and its total.
    public func segmentHeading(_ segment: Scorecard.Segment) -> String {
        language.pick("岗位 \(roleName(segment.role)) · \(segment.from.iso) 至 \(segment.to.iso) · \(segment.days) 天 · 小计 \(total(segment.total))",
                      "as \(roleName(segment.role)) · \(segment.from.iso) to \(segment.to.iso) · \(segment.days) day\(segment.days == 1 ? "" : "s") · total \(total(segment.total))")
    }

    /// `kpi explain --format json` (docs/cli.md).
    public func json(_ explanation: Explanation) -> JSON {
        let line = explanation.line
        return .object([
            ("employee", .string(explanation.scorecard.employee)), ("period", .string(explanation.scorecard.period.description)),
            ("kpi", .string(explanation.kpi.id)), ("formula", .string(explanation.kpi.formula?.source)), ("scope", .string(line.scope)),
            ("measures", .object(line.measures.map { ($0.key, .number($0.value)) })), ("value", .number(line.value)),
            ("score", .number(line.score)), ("weight", .integer(line.weight)), ("weighted", .number(line.weighted)),
            ("status", .string(line.status.rawValue)), ("step", stepJSON(explanation.step)),
            ("ratings", .array(explanation.raters.map { rater in
                .object([("relation", .string(rater.rater.relation.rawValue)), ("weight", .number(rater.rater.weight)),
                         ("counted", .bool(rater.rater.weight > 0 && rater.rating != nil)), ("score", .number(rater.rating?.score)),
                         ("rater", .string(rater.rating?.rater ?? rater.expected)), ("comment", .string(rater.rating?.comment)),
                         ("rated_at", .string(rater.rating?.ratedAt.iso))])
            })),
            ("segments", .array(explanation.segments.map { part in
                .object([("role", .string(part.segment.role)), ("from", .string(part.segment.from.iso)), ("to", .string(part.segment.to.iso)),
                         ("days", .integer(part.segment.days)), ("total", .number(part.segment.total)), ("score", .number(part.line.score)),
                         ("weight", .integer(part.line.weight)), ("step", stepJSON(part.step))])
            })),
            ("narration", .string(explanation.step.narration(chinese: language == .zh) { CatalogText(language: language).number($0, unit: explanation.kpi.unit) })),
            ("records", .array(explanation.records.map { list in
                .object([("title", .string(list.title)), ("total", .integer(list.total)),
                         ("rows", .array(list.rows.map { row in .object(zip(list.columns, row).map { ($0, .string($1)) }) }))])
            })),
        ])
    }

    /// A scorecard as a command shows it; with `bonus`, the person's shares of the period's bonus
    /// pools too (`kpi me`).
    public func text(_ card: Scorecard, format: OutputFormat, bonus: [BonusShare]? = nil) -> String {
        switch format {
        case .json: return (bonus.map { json(card, bonus: $0) } ?? json(card)).text(indent: 2)
        case .csv: return kpiTable(card).csv()
        case .table:
            return ([sheet(card)] + (bonus ?? []).map { share in
                language.pick("奖金（\(share.pool)）: \(Money.yuan(share.amount)) 元", "bonus (\(share.pool)): \(Money.yuan(share.amount)) yuan")
                    + (share.reason.map { language.pick("（无: \($0.chinese)）", " (nothing: \($0.english))") } ?? "")
            }).joined(separator: "\n")
        }
    }

    /// The scorecards of a team as `kpi team` shows them: ranked (`ranked`), with the count of each grade.
    public func teamText(_ cards: [Scorecard], period: Period, format: OutputFormat) -> String {
        var table = Table([
            .init(header: language.pick("排名", "rank"), alignRight: true), .init(header: language.pick("工号", "id")),
            .init(header: language.pick("姓名", "name")), .init(header: language.pick("岗位", "role")),
            .init(header: language.pick("部门", "department")), .init(header: language.pick("总分", "total"), alignRight: true),
            .init(header: language.pick("原始等级", "raw")), .init(header: language.pick("等级", "grade")),
            .init(header: language.pick("系数", "coef."), alignRight: true),
        ])
        for (index, card) in cards.enumerated() {
            table.append([card.total == nil ? "—" : String(index + 1), card.employee, name(card.employee), roleName(card.role),
                          text.departmentName(card.department, in: appraisals.catalog), total(card.total),
                          card.rawGrade ?? "—", card.grade ?? "—", card.coefficient.map { trimmed($0, digits: 2) } ?? "—"])
        }
        switch format {
        case .json: return JSON.array(cards.map { json($0, withKPIs: false) }).text(indent: 2)
        case .csv: return table.csv()
        case .table:
            let counts = rules.grading.grades.map { grade in "\(grade.grade) \(cards.filter { $0.grade == grade.grade }.count)" }
            return ["\(period) (\(status(period))) · " + language.pick("\(cards.count) 人", "\(cards.count) people"), table.rendered(),
                    language.pick("等级分布: ", "grades: ") + counts.joined(separator: " · ")].joined(separator: "\n")
        }
    }

    /// `kpi explain` as shown: the table for people, the records as CSV, or the JSON.
    public func text(_ explanation: Explanation, format: OutputFormat) -> String {
        switch format {
        case .json: return json(explanation).text(indent: 2)
        case .csv:
            return explanation.records.map { list in
                var table = Table(headers: list.columns)
                list.rows.forEach { table.append($0) }
                return "# \(list.title) (\(list.total))\n" + table.csv()
            }.joined(separator: "\n")
        case .table: return text(explanation)
        }
    }

    private func text(_ explanation: Explanation) -> String {
        let catalogText = text
        let line = explanation.line
        let kpi = explanation.kpi
        var lines = ["\(explanation.scorecard.employee) \(name(explanation.scorecard.employee)) · \(kpi.name) \(kpi.nameEn ?? "") [\(kpi.id)] · \(explanation.scorecard.period) (\(status(explanation.scorecard.period)))"]
        lines.append("")
        func field(_ zh: String, _ en: String, _ value: String) { lines.append(pad(language.pick(zh, en), to: 10) + value) }
        let scope = MeasureScope(rawValue: line.scope).map(catalogText.scope) ?? line.scope
        if let formula = kpi.formula {
            let people = language.pick("\(explanation.ownerCount) 人", explanation.ownerCount == 1 ? "1 person" : "\(explanation.ownerCount) people")
            field("公式", "formula", formula.source + "   (" + language.pick("范围", "scope") + ": \(scope), \(people))")
            for measure in line.measures {
                let name = String(measure.key.prefix { $0 != "(" })
                let definition = appraisals.catalog.measures.definition(named: name)
                let shown = definition?.quantity == .amount ? grouped(measure.value) : trimmed(measure.value, digits: 4)
                lines.append("          " + pad(measure.key, to: 34) + pad(shown, to: 14, right: true) + "  " + (definition.map { language.pick($0.meaningZh, $0.meaningEn) } ?? ""))
            }
        } else {
            for (index, rater) in explanation.raters.enumerated() {
                let text = raterLine(rater)
                if index == 0 { field("评分", "ratings", text) } else { lines.append(String(repeating: " ", count: 10) + text) }
            }
        }
        field("实际值", "value", value(line.value, kpi: kpi))
        let step = explanation.step
        field("计分", "scoring", step.narration(chinese: language == .zh) { catalogText.number($0, unit: kpi.unit) })
        let share = step.effectiveWeight.flatMap { share in
            abs(share - Double(step.weight)) < 1e-9 ? nil : language.pick(" (有分项权重中占 \(trimmed(share, digits: 1))%)", " (\(trimmed(share, digits: 1))% of the weights scored)")
        } ?? ""
        field("权重", "weight", "\(line.weight)\(share) → " + language.pick("加权得分 ", "weighted ") + (line.weighted.map { trimmed($0, digits: 2) } ?? language.pick("不计入总分", "left out of the total")))
        if !explanation.segments.isEmpty {
            lines.append("")
            lines.append(language.pick("本期岗位有变动，各岗位按其天数计分:", "The role changed in the period; each role scores its own days:"))
            for part in explanation.segments {
                lines.append("  " + segmentHeading(part.segment))
                lines.append("    " + part.step.narration(chinese: language == .zh) { catalogText.number($0, unit: kpi.unit) }
                             + language.pick(" · 权重 \(part.line.weight)", " · weight \(part.line.weight)"))
            }
        }
        for list in explanation.records {
            lines.append("")
            lines.append("\(list.title): \(list.total)" + (list.total > list.rows.count ? language.pick(" (列出前 \(list.rows.count) 条)", " (first \(list.rows.count) shown)") : ""))
            guard !list.rows.isEmpty else { continue }
            var table = Table(headers: list.columns)
            list.rows.forEach { table.append($0) }
            lines += table.rendered().split(separator: "\n").map { "  " + $0 }
        }
        return lines.joined(separator: "\n")
    }
}

extension Array where Element == Scorecard {
    /// Best total first, then by employee id; those without a total last.
    public var ranked: [Scorecard] {
        sorted { ($0.total ?? -1, $1.employee) > ($1.total ?? -1, $0.employee) }
    }
}
