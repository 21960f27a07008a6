extension Store {
    /// The period's lifecycle record, or nil when it was never opened.
    public func appraisalPeriod(_ period: Period) throws -> AppraisalPeriod? {
        try appraisalPeriods(where: "WHERE period = ?", [.text(period.description)]).first
    }

    /// Every period ever opened, latest first.
    public func appraisalPeriods() throws -> [AppraisalPeriod] {
        try appraisalPeriods(where: "", []).sorted { $0.period > $1.period }
    }

    private func appraisalPeriods(where clause: String, _ values: [Statement.Value]) throws -> [AppraisalPeriod] {
        var result: [AppraisalPeriod] = []
        try database.prepare("SELECT period, status, opened_at, last_run_at, runs, closed_at FROM appraisal_periods \(clause)")
            .forEach(values) { row in
                guard let period = Period(row.text(0)) else { return }
                result.append(AppraisalPeriod(period: period, status: row.text(1) == "closed" ? .closed : .open, openedAt: row.text(2),
                                              lastRunAt: row.optionalText(3), runs: Int(row.int(4)), closedAt: row.optionalText(5)))
            }
        return result
    }

    /// Opens a period that was never opened.
    public func openPeriod(_ period: Period) throws {
        try database.prepare("INSERT INTO appraisal_periods (period, status, opened_at) VALUES (?, 'open', ?)")
            .run([.text(period.description), .text(Store.timestamp())])
    }

    public func setStatus(_ period: Period, _ status: AppraisalPeriod.Status) throws {
        try database.prepare("UPDATE appraisal_periods SET status = ?, closed_at = ? WHERE period = ?")
            .run([.text(status.rawValue), status == .closed ? .text(Store.timestamp()) : .null, .text(period.description)])
    }

    /// The months that belong to a closed period (a closed quarter or year closes its months).
    public func closedMonths() throws -> Set<String> {
        Set(try appraisalPeriods().filter { $0.status == .closed }.flatMap { $0.period.months.map(\.description) })
    }

    /// Replaces the period's results with `scorecards`, in the caller's transaction.
    public func replaceResults(of period: Period, with scorecards: [Scorecard]) throws {
        let key: [Statement.Value] = [.text(period.description)]
        for table in ["scorecard_measures", "scorecard_kpis", "scorecards"] {
            try database.prepare("DELETE FROM \(table) WHERE period = ?").run(key)
        }
        let card = try database.prepare("""
            INSERT INTO scorecards (period, employee, role, department, total, raw_grade, grade, coefficient)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """)
        let line = try database.prepare("""
            INSERT INTO scorecard_kpis (period, employee, position, kpi, weight, scope, value, score, weighted, status, rater, comment)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        let measure = try database.prepare("INSERT INTO scorecard_measures (period, employee, kpi, measure, value) VALUES (?, ?, ?, ?, ?)")
        func real(_ value: Double?) -> Statement.Value { value.map(Statement.Value.real) ?? .null }
        func text(_ value: String?) -> Statement.Value { value.map(Statement.Value.text) ?? .null }
        for scorecard in scorecards {
            let who: [Statement.Value] = [.text(period.description), .text(scorecard.employee)]
            try card.run(who + [.text(scorecard.role), .text(scorecard.department), real(scorecard.total), text(scorecard.rawGrade),
                                text(scorecard.grade), real(scorecard.coefficient)])
            for (position, item) in scorecard.lines.enumerated() {
                try line.run(who + [.integer(Int64(position)), .text(item.kpi), .integer(Int64(item.weight)), .text(item.scope),
                                    real(item.value), real(item.score), real(item.weighted), .text(item.status.rawValue),
                                    text(item.rater), text(item.comment)])
                for value in item.measures {
                    try measure.run(who + [.text(item.kpi), .text(value.key), .real(value.value)])
                }
            }
        }
        try database.prepare("UPDATE appraisal_periods SET runs = runs + 1, last_run_at = ? WHERE period = ?")
            .run([.text(Store.timestamp()), .text(period.description)])
    }

    /// The stored scorecards of a period, all or those of `employees`, in employee order.
    public func scorecards(of period: Period, employees: Set<String>? = nil) throws -> [Scorecard] {
        let key: [Statement.Value] = [.text(period.description)]
        var measures: [String: [String: [MeasureValue]]] = [:]
        try database.prepare("SELECT employee, kpi, measure, value FROM scorecard_measures WHERE period = ? ORDER BY rowid")
            .forEach(key) { row in
                let employee = row.text(0)
                guard employees?.contains(employee) ?? true else { return }
                measures[employee, default: [:]][row.text(1), default: []].append(MeasureValue(key: row.text(2), value: row.double(3)))
            }
        var lines: [String: [Scorecard.Line]] = [:]
        try database.prepare("""
            SELECT employee, kpi, weight, scope, value, score, weighted, status, rater, comment
            FROM scorecard_kpis WHERE period = ? ORDER BY employee, position
            """).forEach(key) { row in
            let employee = row.text(0)
            guard employees?.contains(employee) ?? true else { return }
            let kpi = row.text(1)
            lines[employee, default: []].append(Scorecard.Line(
                kpi: kpi, weight: Int(row.int(2)), scope: row.text(3), value: row.isNull(4) ? nil : row.double(4),
                score: row.isNull(5) ? nil : row.double(5), weighted: row.isNull(6) ? nil : row.double(6),
                status: Scorecard.Line.Status(rawValue: row.text(7)) ?? .noData, measures: measures[employee]?[kpi] ?? [],
                rater: row.optionalText(8), comment: row.optionalText(9)))
        }
        var result: [Scorecard] = []
        try database.prepare("""
            SELECT employee, role, department, total, raw_grade, grade, coefficient FROM scorecards WHERE period = ? ORDER BY employee
            """).forEach(key) { row in
            let employee = row.text(0)
            guard employees?.contains(employee) ?? true else { return }
            result.append(Scorecard(period: period, employee: employee, role: row.text(1), department: row.text(2),
                                    lines: lines[employee] ?? [], total: row.isNull(3) ? nil : row.double(3),
                                    rawGrade: row.optionalText(4), grade: row.optionalText(5),
                                    coefficient: row.isNull(6) ? nil : row.double(6)))
        }
        return result
    }

    /// A rating as entered: the score, who rated, and their comment.
    public struct Rating: Equatable, Sendable {
        public let score: Double
        public let rater: String?
        public let comment: String?
    }

    /// The ratings of the months of `period`, by employee and KPI. For a quarter or a year the
    /// score is the mean of its months' ratings, and the last month's rater and comment stand.
    public func ratings(for period: Period) throws -> [String: [String: Rating]] {
        var collected: [String: [String: [Rating]]] = [:]
        let months = period.months
        try database.prepare("""
            SELECT employee, kpi, score, rater, comment FROM ratings WHERE period BETWEEN ? AND ? ORDER BY period
            """).forEach([.text(months.first?.description ?? ""), .text(months.last?.description ?? "")]) { row in
            collected[row.text(0), default: [:]][row.text(1), default: []]
                .append(Rating(score: row.double(2), rater: row.optionalText(3), comment: row.optionalText(4)))
        }
        return collected.mapValues { byKPI in
            byKPI.mapValues { list in
                Rating(score: list.map(\.score).reduce(0, +) / Double(list.count), rater: list.last?.rater, comment: list.last?.comment)
            }
        }
    }

    /// Enters or replaces one rating.
    public func rate(period: Period, employee: String, kpi: String, score: Double, rater: String?, comment: String?) throws {
        try database.prepare("""
            INSERT INTO ratings (period, employee, kpi, score, rater, comment) VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT (period, employee, kpi) DO UPDATE SET score = excluded.score, rater = excluded.rater, comment = excluded.comment
            """).run([.text(period.description), .text(employee), .text(kpi), .real(score),
                      rater.map(Statement.Value.text) ?? .null, comment.map(Statement.Value.text) ?? .null])
    }
}
