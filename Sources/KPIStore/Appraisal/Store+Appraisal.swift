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
        for table in ["scorecard_measures", "scorecard_kpis", "scorecard_segment_kpis", "scorecard_segments", "scorecards", "bonus_shares"] {
            try database.prepare("DELETE FROM \(table) WHERE period = ?").run(key)
        }
        let run = (try appraisalPeriod(period)?.runs ?? 0) + 1
        let card = try database.prepare("""
            INSERT INTO scorecards (period, employee, role, department, total, raw_grade, grade, coefficient, run)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
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
            try card.run(who + [.text(scorecard.role), .text(scorecard.department), real(scorecard.total), text(scorecard.rawGrade),
                                text(scorecard.grade), real(scorecard.coefficient), .integer(Int64(run))])
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
        try database.prepare("UPDATE appraisal_periods SET runs = runs + 1, last_run_at = ? WHERE period = ?")
            .run([.text(Store.timestamp()), .text(period.description)])
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
            SELECT employee, role, department, total, raw_grade, grade, coefficient, run FROM scorecards
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
                               run: cards.isNull(7) ? nil : Int(cards.int(7)), segments: parts))
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

    /// Enters or replaces one rating; returns the score it replaced, if any.
    @discardableResult
    public func rate(period: Period, employee: String, kpi: String, score: Double, rater: String?, comment: String?) throws -> Double? {
        let previous = try database.prepare("SELECT score FROM ratings WHERE period = ?1 AND employee = ?2 AND kpi = ?3")
        try previous.bind([.text(period.description), .text(employee), .text(kpi)])
        let replaced = try previous.first { $0.double(0) }
        try database.prepare("""
            INSERT INTO ratings (period, employee, kpi, score, rater, comment) VALUES (?, ?, ?, ?, ?, ?)
            ON CONFLICT (period, employee, kpi) DO UPDATE SET score = excluded.score, rater = excluded.rater, comment = excluded.comment
            """).run([.text(period.description), .text(employee), .text(kpi), .real(score),
                      rater.map(Statement.Value.text) ?? .null, comment.map(Statement.Value.text) ?? .null])
        return replaced
    }
}
