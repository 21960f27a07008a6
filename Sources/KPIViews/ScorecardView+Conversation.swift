import KPICatalog
import KPIEngine
import KPIStore

/// How the appraisal's conversation reads: a rating and what it changed, the chase list.
extension ScorecardView {
    /// A relation as people name it: 直接上级, 部门负责人, 人力资源部, 本人自评.
    public func relationName(_ relation: ScoringRule.Relation) -> String {
        language.pick(relation.nameZh, relation.rawValue)
    }

    /// A rater by name and id; HR when the relation is HR's.
    public func raterName(_ rater: String?, _ relation: ScoringRule.Relation) -> String {
        guard let rater else { return relation == .hr ? language.pick("人力资源部", "HR") : language.pick("(无人担任)", "(nobody)") }
        return "\(name(rater)) (\(rater))"
    }

    /// One rater of a rated KPI as `explain` shows it: the relation and its weight, then the
    /// score, who gave it, when and their comment — or who has not rated yet.
    public func raterLine(_ rater: Explanation.RaterLine) -> String {
        let weight = rater.rater.weight > 0 ? language.pick("权重 \(trimmed(rater.rater.weight, digits: 2))", "weight \(trimmed(rater.rater.weight, digits: 2))")
            : language.pick("不计分", "not counted")
        let given = rater.rating.map { rating in
            "\(trimmed(rating.score, digits: 2)) — \(raterName(rating.rater, rater.rater.relation)) · \(rating.ratedAt.iso.replacingOccurrences(of: "T", with: " ").prefix(16))"
                + (rating.comment.map { " — \($0)" } ?? "")
        } ?? language.pick("尚未评分 — 应由 \(raterName(rater.expected, rater.rater.relation))", "not rated yet — by \(raterName(rater.expected, rater.rater.relation))")
        return "\(relationName(rater.rater.relation)) (\(weight)): \(given)"
    }

    /// `kpi rate` and `kpi self` as answered: the score, the one it replaced, and the scorecard
    /// computed again.
    public func text(_ outcome: RatingOutcome, period: Period, comment: String?, format: OutputFormat) -> String {
        switch format {
        case .json: return json(outcome, period: period, comment: comment).text(indent: 2)
        case .csv, .table: break
        }
        let score = trimmed(outcome.score, digits: 2)
        let change = outcome.replaced.map { "\(trimmed($0.score, digits: 2)) → \(score)" } ?? score
        var lines = [language.pick("已评分: \(outcome.employee) \(name(outcome.employee)) · \(outcome.kpi) = \(change) (\(relationName(outcome.relation)), \(period))",
                                   "rated: \(outcome.employee) \(name(outcome.employee)) · \(outcome.kpi) = \(change) (\(relationName(outcome.relation)), \(period))")]
        if comment == nil, let kept = outcome.replaced?.comment {
            lines.append(language.pick("评语沿用: \(kept)", "comment kept: \(kept)"))
        }
        guard let done = outcome.recomputed else {
            lines.append(language.pick("\(period) 尚未计算; 运行考核时计入", "\(period) has not been run yet; the rating counts when it is"))
            return lines.joined(separator: "\n")
        }
        lines.append(language.pick("已重新计算: 总分 \(total(done.before.total)) → \(total(done.after.total)) · 等级 \(done.before.grade ?? "—") → \(done.after.grade ?? "—")",
                                   "computed again: total \(total(done.before.total)) → \(total(done.after.total)) · grade \(done.before.grade ?? "—") → \(done.after.grade ?? "—")"))
        if !done.moved.isEmpty {
            let moved = done.moved.map { "\($0.employee) \(name($0.employee)) \($0.from ?? "—") → \($0.to ?? "—")" }.joined(separator: language.pick("，", ", "))
            lines.append(language.pick("强制分布使 \(done.moved.count) 人的等级随之变动: ", "the forced distribution moved \(done.moved.count) other grade\(done.moved.count == 1 ? "" : "s"): ") + moved)
        }
        if done.bonusDropped {
            lines.append(language.pick("等级变动, \(period) 的奖金分配已作废; 重新分配: kpi bonus \(period) --pool …",
                                       "grades moved, so \(period)'s bonus shares were dropped; share again: kpi bonus \(period) --pool …"))
        }
        return lines.joined(separator: "\n")
    }

    public func json(_ outcome: RatingOutcome, period: Period, comment: String?) -> JSON {
        let replaced: JSON = outcome.replaced.map { old in
            .object([("score", .number(old.score)), ("rater", .string(old.rater)), ("comment", .string(old.comment))])
        } ?? .null
        let recomputed: JSON = outcome.recomputed.map { done in
            .object([("total_before", .number(done.before.total)), ("total", .number(done.after.total)),
                     ("grade_before", .string(done.before.grade)), ("grade", .string(done.after.grade)),
                     ("computed_at", .string(done.after.computedAt)),
                     ("moved", .array(done.moved.map { .object([("employee", .string($0.employee)), ("from", .string($0.from)), ("to", .string($0.to))]) })),
                     ("bonus_dropped", .bool(done.bonusDropped))])
        } ?? .null
        return .object([("employee", .string(outcome.employee)), ("kpi", .string(outcome.kpi)), ("relation", .string(outcome.relation.rawValue)),
                        ("score", .number(outcome.score)), ("period", .string(period.description)), ("comment", .string(comment)),
                        ("replaced", replaced), ("recomputed", recomputed)])
    }

    /// `kpi appraisal status P`: per department, then every missing rating; CSV is the missing
    /// ratings alone, to mail round.
    public func text(_ chase: ChaseList, format: OutputFormat) -> String {
        if format == .json { return json(chase).text(indent: 2) }
        var missing = Table([.init(header: language.pick("评分人", "rater")), .init(header: language.pick("评分关系", "as")),
                             .init(header: language.pick("被评人", "employee")), .init(header: language.pick("部门", "department")),
                             .init(header: language.pick("指标", "KPI"))])
        for item in chase.missing {
            missing.append([raterName(item.rater, item.relation), relationName(item.relation), "\(name(item.employee)) (\(item.employee))",
                            text.departmentName(item.department, in: appraisals.catalog),
                            rules.kpi(item.kpi).map { language.pick($0.name, $0.nameEn ?? $0.name) } ?? item.kpi])
        }
        if format == .csv { return missing.csv() }
        var departments = Table([.init(header: language.pick("部门", "department")), .init(header: language.pick("人数", "people"), alignRight: true),
                                 .init(header: language.pick("已计算", "computed"), alignRight: true),
                                 .init(header: language.pick("缺评分", "ratings missing"), alignRight: true),
                                 .init(header: language.pick("自评", "self-assessed"), alignRight: true),
                                 .init(header: language.pick("已确认", "confirmed"), alignRight: true),
                                 .init(header: language.pick("申诉", "objections"), alignRight: true)])
        for row in chase.departments {
            departments.append([text.departmentName(row.department, in: appraisals.catalog), String(row.people), String(row.scorecards),
                                String(row.missingRatings), row.selfAssessmentsInvited == 0 ? "—" : "\(row.selfAssessments)/\(row.selfAssessmentsInvited)",
                                "\(row.confirmed)/\(row.scorecards)", String(row.objectionsOpen)])
        }
        let state = chase.state.map { language.pick($0.status == .open ? "开启" : "已关闭", $0.status.rawValue) + language.pick(" · 已计算 \($0.runs) 次", " · run \($0.runs) time\($0.runs == 1 ? "" : "s")") }
            ?? language.pick("未开启", "not open")
        var lines = ["\(chase.period) · \(state)", departments.rendered()]
        lines.append("")
        if chase.missing.isEmpty {
            lines.append(language.pick("所有评分均已给出", "every rating has been given"))
        } else {
            lines.append(language.pick("尚缺 \(chase.missing.count) 项评分 (谁该给谁评哪项):", "\(chase.missing.count) rating\(chase.missing.count == 1 ? "" : "s") not given yet (who must rate whom, on what):"))
            lines.append(missing.rendered())
        }
        let deadline = chase.deadline.map { language.pick(" (截止 \($0.iso), 逾期视为已确认)", " (until \($0.iso); after it they count as confirmed)") } ?? ""
        if !chase.unconfirmed.isEmpty {
            lines.append("")
            lines.append(language.pick("待本人确认 \(chase.unconfirmed.count) 份", "\(chase.unconfirmed.count) scorecard\(chase.unconfirmed.count == 1 ? "" : "s") awaiting confirmation") + deadline + ": "
                         + chase.unconfirmed.prefix(20).map { "\(name($0)) (\($0))" }.joined(separator: language.pick("，", ", ")) + (chase.unconfirmed.count > 20 ? " …" : ""))
        }
        if !chase.objections.isEmpty {
            lines.append("")
            lines.append(language.pick("未处理的申诉 \(chase.objections.count) 项 (kpi objections resolve ID):", "\(chase.objections.count) objection\(chase.objections.count == 1 ? "" : "s") open (kpi objections resolve ID):"))
            lines.append(objectionsTable(chase.objections).rendered())
        }
        return lines.joined(separator: "\n")
    }

    public func json(_ chase: ChaseList) -> JSON {
        var fields: [(String, JSON)] = [("period", .string(chase.period.description)), ("status", .string(chase.state?.status.rawValue)),
                                        ("runs", .integer(chase.state?.runs ?? 0))]
        fields.append(("departments", .array(chase.departments.map { row in
            .object([("department", .string(row.department)), ("people", .integer(row.people)), ("scorecards", .integer(row.scorecards)),
                     ("missing_ratings", .integer(row.missingRatings)), ("self_assessments", .integer(row.selfAssessments)),
                     ("self_assessments_invited", .integer(row.selfAssessmentsInvited)), ("confirmed", .integer(row.confirmed)),
                     ("objections_open", .integer(row.objectionsOpen))])
        })))
        fields.append(("confirm_by", .string(chase.deadline?.iso)))
        fields.append(("unconfirmed", .strings(chase.unconfirmed)))
        fields.append(("objections_open", .array(chase.objections.map(json))))
        fields.append(("missing_ratings", .array(chase.missing.map { item in
            .object([("rater", .string(item.rater ?? (item.relation == .hr ? "hr" : nil))), ("relation", .string(item.relation.rawValue)),
                     ("employee", .string(item.employee)), ("kpi", .string(item.kpi))])
        })))
        return .object(fields)
    }

    // MARK: Objections, confirmation, calibration

    public func statusName(_ status: Store.Objection.Status) -> String {
        switch status {
        case .open: return language.pick("待处理", "open")
        case .accepted: return language.pick("已采纳", "accepted")
        case .rejected: return language.pick("已驳回", "rejected")
        }
    }

    public func objectionsTable(_ objections: [Store.Objection]) -> Table {
        var table = Table([.init(header: "#", alignRight: true), .init(header: language.pick("期间", "period")),
                           .init(header: language.pick("员工", "employee")), .init(header: language.pick("指标", "KPI")),
                           .init(header: language.pick("理由", "reason")), .init(header: language.pick("状态", "status")),
                           .init(header: language.pick("处理意见", "outcome"))])
        for item in objections {
            table.append([String(item.id), item.period.description, "\(name(item.employee)) (\(item.employee))",
                          rules.kpi(item.kpi).map { language.pick($0.name, $0.nameEn ?? $0.name) } ?? item.kpi, item.reason, statusName(item.status),
                          item.resolution.map { "\($0) — \(item.resolvedBy.map(name) ?? "")" } ?? "—"])
        }
        return table
    }

    /// `kpi objections`: each objection with its outcome.
    public func text(_ objections: [Store.Objection], format: OutputFormat) -> String {
        switch format {
        case .json: return JSON.array(objections.map(json)).text(indent: 2)
        case .csv: return objectionsTable(objections).csv()
        case .table:
            return objections.isEmpty ? language.pick("没有申诉", "no objection") : objectionsTable(objections).rendered()
        }
    }

    public func json(_ objection: Store.Objection) -> JSON {
        .object([("id", .integer(objection.id)), ("period", .string(objection.period.description)), ("employee", .string(objection.employee)),
                 ("kpi", .string(objection.kpi)), ("reason", .string(objection.reason)), ("raised_at", .string(objection.raisedAt)),
                 ("status", .string(objection.status.rawValue)), ("resolution", .string(objection.resolution)),
                 ("resolved_by", .string(objection.resolvedBy)), ("resolved_at", .string(objection.resolvedAt))])
    }

    /// Where a scorecard stands with its employee, in words.
    public func confirmationText(_ state: Confirmation) -> String {
        switch state {
        case .confirmed(let at): return language.pick("本人已确认 (\(at.replacingOccurrences(of: "T", with: " ")))", "confirmed (\(at.replacingOccurrences(of: "T", with: " ")))")
        case .objected: return language.pick("本人申诉中", "objected to; the objection is open")
        case .awaiting(let until):
            return until.map { language.pick("待本人确认, 截止 \($0.iso): kpi confirm 或 kpi object", "awaiting confirmation until \($0.iso): kpi confirm, or kpi object") }
                ?? language.pick("待本人确认: kpi confirm 或 kpi object", "awaiting confirmation: kpi confirm, or kpi object")
        case .deemed(let since): return language.pick("逾期未确认, 自 \(since.iso) 起视为已确认", "not confirmed by the deadline: counted as confirmed since \(since.iso)")
        }
    }

    public func json(_ state: Confirmation) -> JSON {
        switch state {
        case .confirmed(let at): return .object([("state", .string("confirmed")), ("at", .string(at))])
        case .objected: return .object([("state", .string("objected"))])
        case .awaiting(let until): return .object([("state", .string("awaiting")), ("until", .string(until?.iso))])
        case .deemed(let since): return .object([("state", .string("deemed")), ("since", .string(since.iso))])
        }
    }

    /// A calibration, in words: `校准 B → A: 理由 — 孙人事`.
    public func calibrationText(_ calibration: Store.Calibration) -> String {
        language.pick("校准 \(calibration.fromGrade ?? "—") → \(calibration.grade): \(calibration.reason)",
                      "calibrated \(calibration.fromGrade ?? "—") → \(calibration.grade): \(calibration.reason)")
    }

    public func json(_ calibration: Store.Calibration) -> JSON {
        .object([("from", .string(calibration.fromGrade)), ("grade", .string(calibration.grade)), ("reason", .string(calibration.reason)),
                 ("by", .string(calibration.calibratedBy)), ("at", .string(calibration.calibratedAt))])
    }
}
