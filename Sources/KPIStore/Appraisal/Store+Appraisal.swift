import KPIReaders

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

    /// Closes or reopens a period; closing seals its results with a digest that `kpi doctor`
    /// checks, reopening lifts the seal.
    public func setStatus(_ period: Period, _ status: AppraisalPeriod.Status) throws {
        let digest: Statement.Value = status == .closed ? .text(try resultsDigest(of: period)) : .null
        try database.prepare("UPDATE appraisal_periods SET status = ?, closed_at = ?, digest = ? WHERE period = ?")
            .run([.text(status.rawValue), status == .closed ? .text(Store.timestamp()) : .null, digest, .text(period.description)])
    }

    /// The closed periods (a closed quarter or year closes its months).
    public func closedPeriods() throws -> ClosedPeriods {
        ClosedPeriods(try appraisalPeriods().filter { $0.status == .closed }.map(\.period))
    }

    /// Replaces the period's results with `scorecards`, in the caller's transaction, and drops its
    /// bonus shares.
    public func replaceResults(of period: Period, with scorecards: [Scorecard]) throws {
        let key: [Statement.Value] = [.text(period.description)]
        // The bonus was shared by the grades being replaced: it is shared again from the new ones.
        for table in Self.resultTables + ["bonus_shares"] {
            try database.prepare("DELETE FROM \(table) WHERE period = ?").run(key)
        }
        let run = (try appraisalPeriod(period)?.runs ?? 0) + 1
        let now = Store.timestamp()
        try write(scorecards, of: period) { _ in (run, now) }
        try database.prepare("UPDATE appraisal_periods SET runs = runs + 1, last_run_at = ? WHERE period = ?")
            .run([.text(now), .text(period.description)])
    }

    /// Replaces the stored scorecards of these employees — computed again after a rating — in the
    /// caller's transaction; each keeps the run that first wrote it and says when it was computed.
    public func replaceScorecards(_ scorecards: [Scorecard], of period: Period) throws {
        for table in Self.resultTables {
            let delete = try database.prepare("DELETE FROM \(table) WHERE period = ? AND employee = ?")
            for card in scorecards { try delete.run([.text(period.description), .text(card.employee)]) }
        }
        let now = Store.timestamp()
        try write(scorecards, of: period) { card in (card.run ?? 1, now) }
    }

    /// Sets the grade and coefficient of stored scorecards, as a forced distribution moved them
    /// after someone else's card changed.
    public func setGrades(_ grades: [(employee: String, grade: String?, coefficient: Double?)], of period: Period) throws {
        let update = try database.prepare("UPDATE scorecards SET grade = ?, coefficient = ?, computed_at = ? WHERE period = ? AND employee = ?")
        let now = Store.timestamp()
        for entry in grades {
            try update.run([entry.grade.map(Statement.Value.text) ?? .null, entry.coefficient.map(Statement.Value.real) ?? .null,
                            .text(now), .text(period.description), .text(entry.employee)])
        }
    }

    /// Drops a period's bonus shares, they having been shared by grades that have since moved;
    /// whether there were any.
    public func dropBonusShares(of period: Period) throws -> Bool {
        let key: [Statement.Value] = [.text(period.description)]
        let counting = try database.prepare("SELECT count(*) FROM bonus_shares WHERE period = ?")
        try counting.bind(key)
        let count = try counting.first { $0.int(0) } ?? 0
        try database.prepare("DELETE FROM bonus_shares WHERE period = ?").run(key)
        return count > 0
    }

    /// The scores of `kpis` on a period's stored scorecards, by employee and KPI — the lowest of
    /// a KPI carried in two roles' days: what a veto is decided on.
    public func lineScores(of period: Period, kpis: Set<String>) throws -> [String: [String: Double]] {
        var scores: [String: [String: Double]] = [:]
        guard !kpis.isEmpty else { return scores }
        let named = kpis.sorted()
        let list = named.map { _ in "?" }.joined(separator: ", ")
        for table in ["scorecard_kpis", "scorecard_segment_kpis"] {
            try database.prepare("SELECT employee, kpi, score FROM \(table) WHERE period = ? AND kpi IN (\(list)) AND score IS NOT NULL")
                .forEach([.text(period.description)] + named.map(Statement.Value.text)) { row in
                    let (employee, kpi, score) = (row.text(0), row.text(1), row.double(2))
                    scores[employee, default: [:]][kpi] = min(score, scores[employee]?[kpi] ?? score)
                }
        }
        return scores
    }

    /// The tables that hold a period's results, by period and employee.
    private static let resultTables = ["scorecard_measures", "scorecard_kpis", "scorecard_segment_kpis", "scorecard_segments", "scorecards"]

    /// Writes `scorecards` with their lines, measures and segments; `stamp` gives each card's
    /// run and the time it was computed.
    private func write(_ scorecards: [Scorecard], of period: Period, stamp: (Scorecard) -> (run: Int, computedAt: String)) throws {
        let card = try database.prepare("""
            INSERT INTO scorecards (period, employee, role, department, total, raw_grade, grade, coefficient, run, computed_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        let line = try database.prepare("""
            INSERT INTO scorecard_kpis (period, employee, position, kpi, weight, scope, value, score, weighted, status, rater, comment)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        let measure = try database.prepare("INSERT INTO scorecard_measures (period, employee, kpi, measure, value) VALUES (?, ?, ?, ?, ?)")
        let segment = try database.prepare("""
            INSERT INTO scorecard_segments (period, employee, position, role, department, from_day, to_day, total) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            """)
        let segmentLine = try database.prepare("""
            INSERT INTO scorecard_segment_kpis (period, employee, segment, position, kpi, weight, scope, value, score, weighted, status, rater, comment)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """)
        func real(_ value: Double?) -> Statement.Value { value.map(Statement.Value.real) ?? .null }
        func text(_ value: String?) -> Statement.Value { value.map(Statement.Value.text) ?? .null }
        func lineValues(_ position: Int, _ item: Scorecard.Line) -> [Statement.Value] {
            [.integer(Int64(position)), .text(item.kpi), .integer(Int64(item.weight)), .text(item.scope), real(item.value), real(item.score),
             real(item.weighted), .text(item.status.rawValue), text(item.rater), text(item.comment)]
        }
        for scorecard in scorecards {
            let who: [Statement.Value] = [.text(period.description), .text(scorecard.employee)]
            let (run, computedAt) = stamp(scorecard)
            try card.run(who + [.text(scorecard.role), .text(scorecard.department), real(scorecard.total), text(scorecard.rawGrade),
                                text(scorecard.grade), real(scorecard.coefficient), .integer(Int64(run)), .text(computedAt)])
            var measured: Set<String> = []
            // The measures of a KPI are the period's, whichever role carried it: kept once, the last role's first.
            for item in scorecard.lines + scorecard.segments.reversed().flatMap(\.lines) {
                guard measured.insert(item.kpi).inserted else { continue }
                for value in item.measures { try measure.run(who + [.text(item.kpi), .text(value.key), .real(value.value)]) }
            }
            for (position, item) in scorecard.lines.enumerated() { try line.run(who + lineValues(position, item)) }
            for (index, part) in scorecard.segments.enumerated() {
                try segment.run(who + [.integer(Int64(index)), .text(part.role), .text(part.department), .integer(Int64(part.from.number)),
                                       .integer(Int64(part.to.number)), real(part.total)])
                for (position, item) in part.lines.enumerated() {
                    try segmentLine.run(who + [.integer(Int64(index))] + lineValues(position, item))
                }
            }
        }
    }

    /// The stored scorecards of a period, all or those of `employees`, in employee order.
    public func scorecards(of period: Period, employees: Set<String>? = nil, lines: Bool = true) throws -> [Scorecard] {
        var cards: [Scorecard] = []
        try forEachScorecard(of: period, employees: employees, lines: lines, measures: lines) { cards.append($0) }
        return cards
    }

    /// Calls `body` with each stored scorecard of a period in employee order, reading cards, lines
    /// and measures side by side, so that only one scorecard is in memory at a time.
    ///
    /// - Parameters:
    ///   - lines: whether to read the KPI lines (not needed for totals and grades alone).
    ///   - measures: whether to read the measure values of each line (not needed to show results).
    public func forEachScorecard(of period: Period, employees: Set<String>? = nil, lines withLines: Bool = true,
                                 measures withMeasures: Bool = true, _ body: (Scorecard) throws -> Void) throws {
        // Only the key range of the employees asked for is read: one person's card costs the same
        // in a company of fifty as of fifty thousand.
        let range: (first: String, last: String) = employees.flatMap { set in set.min().flatMap { first in set.max().map { (first, $0) } } }
            ?? ("", "\u{10FFFF}")
        let key: [Statement.Value] = [.text(period.description), .text(range.first), .text(range.last)]
        let cards = try database.prepare("""
            SELECT employee, role, department, total, raw_grade, grade, coefficient, run, computed_at FROM scorecards
            WHERE period = ?1 AND employee BETWEEN ?2 AND ?3 ORDER BY employee
            """)
        // In key order, so that rows stream from the index as they are read rather than after a
        // sort of the whole period; each card's lines are put in position order here.
        let lines = try database.prepare("""
            SELECT employee, kpi, weight, scope, value, score, weighted, status, rater, comment, position
            FROM scorecard_kpis WHERE period = ?1 AND employee BETWEEN ?2 AND ?3 ORDER BY employee, kpi
            """)
        let measures = try database.prepare("""
            SELECT employee, kpi, measure, value FROM scorecard_measures WHERE period = ?1 AND employee BETWEEN ?2 AND ?3 ORDER BY employee, rowid
            """)
        // Few people change role in a period: their segments are read first, each one's lines when its card comes.
        var segments: [String: [(role: String, department: String, from: Day, to: Day, total: Double?)]] = [:]
        try database.prepare("""
            SELECT employee, role, department, from_day, to_day, total FROM scorecard_segments
            WHERE period = ?1 AND employee BETWEEN ?2 AND ?3 ORDER BY employee, position
            """).forEach(key) { row in
            segments[row.text(0), default: []].append((row.text(1), row.text(2), Day(number: Int(row.int(3))), Day(number: Int(row.int(4))),
                                                       row.isNull(5) ? nil : row.double(5)))
        }
        let segmentLines = try database.prepare("""
            SELECT employee, kpi, weight, scope, value, score, weighted, status, rater, comment, segment
            FROM scorecard_segment_kpis WHERE period = ?1 AND employee = ?2 ORDER BY segment, position
            """)
        try cards.bind(key)
        try lines.bind(key)
        try measures.bind(key)
        var lineReady = withLines ? try lines.step() : false
        var measureReady = withLines && withMeasures ? try measures.step() : false
        while try cards.step() {
            let employee = cards.text(0)
            // Lines and measures of employees before this one have no card: skip them.
            while lineReady, lines.text(0) < employee { lineReady = try lines.step() }
            while measureReady, measures.text(0) < employee { measureReady = try measures.step() }
            var byKPI: [String: [MeasureValue]] = [:]
            while measureReady, measures.text(0) == employee {
                byKPI[measures.text(1), default: []].append(MeasureValue(key: measures.text(2), value: measures.double(3)))
                measureReady = try measures.step()
            }
            var items: [(position: Int64, line: Scorecard.Line)] = []
            while lineReady, lines.text(0) == employee {
                items.append((lines.int(10), Self.line(lines, measures: byKPI)))
                lineReady = try lines.step()
            }
            guard employees?.contains(employee) ?? true else { continue }
            var parts: [Scorecard.Segment] = []
            if let held = segments[employee] {
                var linesOf = Array(repeating: [Scorecard.Line](), count: held.count)
                if withLines {
                    try segmentLines.forEach([.text(period.description), .text(employee)]) { row in
                        let index = Int(row.int(10))
                        if linesOf.indices.contains(index) { linesOf[index].append(Self.line(row, measures: byKPI)) }
                    }
                }
                parts = zip(held, linesOf).map { part, lines in
                    Scorecard.Segment(role: part.role, department: part.department, from: part.from, to: part.to, total: part.total, lines: lines)
                }
            }
            try body(Scorecard(period: period, employee: employee, role: cards.text(1), department: cards.text(2),
                               lines: items.sorted { $0.position < $1.position }.map(\.line),
                               total: cards.isNull(3) ? nil : cards.double(3), rawGrade: cards.optionalText(4),
                               grade: cards.optionalText(5), coefficient: cards.isNull(6) ? nil : cards.double(6),
                               run: cards.isNull(7) ? nil : Int(cards.int(7)), segments: parts, computedAt: cards.optionalText(8)))
        }
    }

    /// A line from a row whose columns 1–9 are kpi, weight, scope, value, score, weighted,
    /// status, rater and comment, with the measures of its KPI.
    private static func line(_ row: Statement, measures: [String: [MeasureValue]]) -> Scorecard.Line {
        let kpi = row.text(1)
        return Scorecard.Line(kpi: kpi, weight: Int(row.int(2)), scope: row.text(3), value: row.isNull(4) ? nil : row.double(4),
                              score: row.isNull(5) ? nil : row.double(5), weighted: row.isNull(6) ? nil : row.double(6),
                              status: Scorecard.Line.Status(rawValue: row.text(7)) ?? .noData, measures: measures[kpi] ?? [],
                              rater: row.optionalText(8), comment: row.optionalText(9))
    }

    /// The sum and count of everyone's totals in each department for each of `months`: one
    /// aggregate over all of them, through the key.
    public func departmentTotals(of months: [Period]) throws -> [Period: [String: (sum: Double, count: Int)]] {
        guard !months.isEmpty else { return [:] }
        var totals: [Period: [String: (sum: Double, count: Int)]] = [:]
        let placeholders = months.map { _ in "?" }.joined(separator: ", ")
        try database.prepare("""
            SELECT period, department, sum(total), count(total) FROM scorecards
            WHERE period IN (\(placeholders)) AND total IS NOT NULL GROUP BY period, department
            """).forEach(months.map { .text($0.description) }) { row in
            if let month = Period(row.text(0)) { totals[month, default: [:]][row.text(1)] = (row.double(2), Int(row.int(3))) }
        }
        return totals
    }

    /// Reads a period's scorecards for an export, all from one state of the database: first every
    /// card without its lines (`summaries`, for ranks and department figures), then each card with
    /// its lines and without measure values (`body`), in employee order; the bonus shares of the
    /// same people come with the summaries. The reading is done a
    /// batch ahead on a thread and connection of its own, inside one read transaction; an
    /// in-memory database, one with a transaction open here, or one a second connection cannot
    /// open is read here, in one read transaction too.
    public func readScorecardsForExport(of period: Period, employees: Set<String>? = nil,
                                       summaries: ([Scorecard], [BonusShare]) throws -> Void, _ body: (Scorecard) throws -> Void) throws {
        @Sendable func summaryCards(_ store: Store) throws -> [Scorecard] {
            var cards: [Scorecard] = []
            try store.forEachScorecard(of: period, employees: employees, lines: false, measures: false) { cards.append($0) }
            return cards
        }
        func here() throws {
            try readingUnlessInTransaction {
                try summaries(try summaryCards(self), try bonusShares(of: period, employees: employees))
                try forEachScorecard(of: period, employees: employees, measures: false, body)
            }
        }
        let path = database.path
        guard database.canShareWithAnotherConnection else { return try here() }
        /// What the reading thread hands over: the summaries once, then batches of whole cards.
        enum Piece: Sendable {
            case summaries([Scorecard], [BonusShare])
            case cards([Scorecard])
        }
        struct Stopped: Error {}
        struct CannotOpen: Error {}
        do {
            try HandOff<Piece>.run(produce: { handOff in
                guard let reader = try? Store(secondConnectionTo: path) else { throw CannotOpen() }
                // Every page read is checked as it is read: damage in the results is found by the read.
                try reader.database.execute("PRAGMA cell_size_check = ON", context: "checking pages as they are read")
                try reader.reading {
                    guard handOff.put(.summaries(try summaryCards(reader), try reader.bonusShares(of: period, employees: employees))) else {
                        throw Stopped()
                    }
                    var batch: [Scorecard] = []
                    try reader.forEachScorecard(of: period, employees: employees, measures: false) { card in
                        batch.append(card)
                        if batch.count == 256 {
                            guard handOff.put(.cards(batch)) else { throw Stopped() }
                            batch = []
                        }
                    }
                    _ = handOff.put(.cards(batch))
                }
            }) { piece in
                switch piece {
                case .summaries(let cards, let bonus): try summaries(cards, bonus)
                case .cards(let batch): for card in batch { try body(card) }
                }
            }
        } catch is CannotOpen {
            // Thrown before anything was handed over: reading it all here misses nothing.
            try here()
        }
    }

    /// Runs `body` in a read transaction, or in the transaction already open on this connection.
    private func readingUnlessInTransaction<T>(_ body: () throws -> T) throws -> T {
        database.isInTransaction ? try body() : try reading(body)
    }

    /// A rating as entered: in which relation to the rated employee, the score, who rated,
    /// their comment and when.
    public struct Rating: Equatable, Sendable {
        /// `manager`, `department-head`, `hr` or `self`: the catalog's name for the relation.
        public let relation: String
        public let score: Double
        public let rater: String?
        public let comment: String?
        public let ratedAt: LocalTime

        public init(relation: String, score: Double, rater: String?, comment: String?, ratedAt: LocalTime) {
            self.relation = relation
            self.score = score
            self.rater = rater
            self.comment = comment
            self.ratedAt = ratedAt
        }
    }

    /// The ratings of the months of `period`, by employee and KPI: one per relation, in the
    /// order first rated. For a quarter or a year a relation's score is the mean of its months'
    /// ratings, and its last month's rater, comment and time stand.
    public func ratings(for period: Period) throws -> [String: [String: [Rating]]] {
        try ratings(of: Optional<String>.none, period: period)
    }

    /// One employee's ratings of `period` by KPI, read by key range.
    public func ratings(of employee: String, period: Period) throws -> [String: [Rating]] {
        try ratings(of: Optional(employee), period: period)[employee] ?? [:]
    }

    private func ratings(of employee: String?, period: Period) throws -> [String: [String: [Rating]]] {
        var collected: [String: [String: [Rating]]] = [:]
        let months = period.months
        let sql = "SELECT employee, kpi, relation, score, rater, comment, rated_at FROM ratings WHERE period BETWEEN ?1 AND ?2"
            + (employee == nil ? "" : " AND employee = ?3") + " ORDER BY period, rated_at"
        let bounds: [Statement.Value] = [.text(months.first?.description ?? ""), .text(months.last?.description ?? "")]
        try database.prepare(sql).forEach(bounds + (employee.map { [.text($0)] } ?? [])) { row in
            let rating = Rating(relation: row.text(2), score: row.double(3), rater: row.optionalText(4), comment: row.optionalText(5),
                                ratedAt: LocalTime(seconds: Int(row.int(6))))
            collected[row.text(0), default: [:]][row.text(1), default: []].append(rating)
        }
        // A quarter or a year: each relation's months become one rating.
        guard months.count > 1 else { return collected }
        return collected.mapValues { byKPI in
            byKPI.mapValues { list in
                var order: [String] = []
                let byRelation = Dictionary(grouping: list, by: \.relation)
                for rating in list where !order.contains(rating.relation) { order.append(rating.relation) }
                return order.compactMap { relation in
                    guard let months = byRelation[relation], let last = months.last else { return nil }
                    return Rating(relation: relation, score: months.map(\.score).reduce(0, +) / Double(months.count), rater: last.rater,
                                  comment: last.comment, ratedAt: last.ratedAt)
                }
            }
        }
    }

    /// Enters or replaces the rating of one relation; without a comment the comment given
    /// before stands. Returns the rating it replaced, if any.
    @discardableResult
    public func rate(period: Period, employee: String, kpi: String, relation: String, score: Double, rater: String?,
                     comment: String?) throws -> Rating? {
        let previous = try database.prepare("""
            SELECT score, rater, comment, rated_at FROM ratings WHERE period = ?1 AND employee = ?2 AND kpi = ?3 AND relation = ?4
            """)
        try previous.bind([.text(period.description), .text(employee), .text(kpi), .text(relation)])
        let replaced = try previous.first { row in
            Rating(relation: relation, score: row.double(0), rater: row.optionalText(1), comment: row.optionalText(2),
                   ratedAt: LocalTime(seconds: Int(row.int(3))))
        }
        try database.prepare("""
            INSERT INTO ratings (period, employee, kpi, relation, score, rater, comment, rated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (period, employee, kpi, relation) DO UPDATE SET score = excluded.score, rater = excluded.rater,
                comment = coalesce(excluded.comment, comment), rated_at = excluded.rated_at
            """).run([.text(period.description), .text(employee), .text(kpi), .text(relation), .real(score),
                      rater.map(Statement.Value.text) ?? .null, comment.map(Statement.Value.text) ?? .null, .integer(Int64(LocalTime.now.seconds))])
        return replaced
    }
}
