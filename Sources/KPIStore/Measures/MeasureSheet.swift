import KPIFormula

/// Every measure of one period for everyone: each owner's own values, and their roll-ups to
/// team, department and company, computed once in memory over the org tree.
public struct MeasureSheet: Sendable {
    public let period: Period
    /// The measures held, in a fixed order: those of the catalogue, then one set per activity kind present.
    public let measures: [MeasureReference]
    /// Where each activity kind's record count is kept (after the measures), to tell which kinds a scope has.
    private let kindRecords: [(kind: String, slot: Int)]
    /// The activity kinds that have records in the period.
    public let activityKinds: [String]
    let catalogue: MeasureCatalogue
    let organisation: Organisation
    private let slot: [MeasureReference: Int]
    /// Slots holding money, kept in cents so that roll-ups add exactly; read out in yuan.
    private let amountSlots: Set<Int>
    private let own: [[Double]]
    private let team: [[Double]]
    private let departments: [String: [Double]]
    private let company: [Double]

    init(period: Period, measures: [MeasureReference], activityKinds: [String], own: [[Double]],
         organisation: Organisation, catalogue: MeasureCatalogue) {
        self.period = period
        self.measures = measures
        self.activityKinds = activityKinds
        self.catalogue = catalogue
        self.organisation = organisation
        self.own = own
        var slot: [MeasureReference: Int] = [:]
        for (offset, measure) in measures.enumerated() { slot[measure] = offset }
        self.slot = slot
        kindRecords = activityKinds.enumerated().map { ($0.element, measures.count + $0.offset) }
        amountSlots = Set(measures.indices.filter { catalogue.definition(named: measures[$0].name)?.quantity == .amount })
        let width = measures.count + activityKinds.count
        func add(_ a: inout [Double], _ b: [Double]) {
            for i in 0..<width { a[i] += b[i] }
        }
        // Team: each employee plus everyone below, summed children first (cycles are cut).
        var team = own
        var visited = [Bool](repeating: false, count: own.count)
        var order: [Int] = []
        let roots = organisation.employees.indices.filter { index in
            organisation.employees[index].manager.flatMap { organisation.index[$0] } == nil
        }
        for root in roots + Array(organisation.employees.indices) where !visited[root] {
            var stack = [root]
            visited[root] = true
            while let next = stack.popLast() {
                order.append(next)
                for child in organisation.reports[next] where !visited[child] {
                    visited[child] = true
                    stack.append(child)
                }
            }
        }
        var parentOf = [Int?](repeating: nil, count: own.count)
        for (boss, children) in organisation.reports.enumerated() {
            for child in children { parentOf[child] = boss }
        }
        for index in order.reversed() {
            if let boss = parentOf[index], boss != index { add(&team[boss], team[index]) }
        }
        self.team = team
        // Department: everyone whose role's department is it or below it.
        var direct: [String: [Double]] = [:]
        var total = [Double](repeating: 0, count: width)
        for (index, values) in own.enumerated() {
            add(&total, values)
            if let department = organisation.departmentOf[index] {
                add(&direct[department, default: [Double](repeating: 0, count: width)], values)
            }
        }
        var departments: [String: [Double]] = [:]
        for department in Set(direct.keys).union(organisation.departmentParent.keys) {
            var sum = [Double](repeating: 0, count: width)
            for member in organisation.departmentTree(containing: department) {
                if let values = direct[member] { add(&sum, values) }
            }
            departments[department] = sum
        }
        self.departments = departments
        company = total
    }

    /// The value of `measure` for `employee` over `scope`; 0 for a known measure with nothing
    /// to count; nil for an unknown employee or measure.
    public func value(_ measure: MeasureReference, for employee: String, scope: MeasureScope) -> Double? {
        guard let row = row(for: employee, scope: scope) else { return nil }
        if let position = slot[measure] { return yuan(row[position], at: position) }
        guard let definition = catalogue.definition(named: measure.name),
              definition.takesArgument == (measure.argument != nil) else { return nil }
        return 0
    }

    /// Every measure for `employee` over `scope`, in the sheet's order: those of the catalogue,
    /// and the activity measures of each kind that has records in the scope.
    public func values(for employee: String, scope: MeasureScope) -> [(measure: MeasureReference, value: Double)]? {
        guard let row = row(for: employee, scope: scope) else { return nil }
        let absent = Set(kindRecords.filter { row[$0.slot] == 0 }.map(\.kind))
        return measures.indices.filter { measures[$0].argument.map { !absent.contains($0) } ?? true }
            .map { (measures[$0], yuan(row[$0], at: $0)) }
    }

    private func yuan(_ value: Double, at position: Int) -> Double {
        amountSlots.contains(position) ? value / 100 : value
    }

    private func row(for employee: String, scope: MeasureScope) -> [Double]? {
        guard let index = organisation.index[employee] else { return nil }
        switch scope {
        case .self: return own[index]
        case .team: return team[index]
        case .department:
            return organisation.departmentOf[index].flatMap { departments[$0] } ?? [Double](repeating: 0, count: measures.count + kindRecords.count)
        case .company: return company
        }
    }
}

extension Store {
    /// Computes every measure of `period` for everyone in `organisation`: one aggregate per
    /// family, then the roll-ups in memory. Never a query per employee.
    ///
    /// - Parameter families: the measure families to read (`service`, `activity`, …); the
    ///   others stay 0. nil for all of them.
    public func measureSheet(for period: Period, organisation: Organisation, families: Set<String>? = nil) throws -> MeasureSheet {
        func wanted(_ measure: String) -> Bool { families?.contains(String(measure.prefix { $0 != "." })) ?? true }
        let queries = MeasureFamily.all.flatMap(\.queries)
        var fixed: [MeasureReference] = []
        for query in queries { fixed += query.measures.map { MeasureReference($0) } }
        fixed += MeasureFamily.hr.definitions.map { MeasureReference($0.name) }
        let months = period.months
        let parameters: [Statement.Value] = [
            .integer(Int64(period.firstDay.number)), .integer(Int64(period.lastDay.number)),
            .integer(Int64(period.start.seconds)), .integer(Int64(period.end.seconds)),
            .text(months.first?.description ?? ""), .text(months.last?.description ?? ""),
        ]
        let employees = organisation.employees
        var ownFixed = [[Double]](repeating: [Double](repeating: 0, count: fixed.count), count: employees.count)
        var offsets: [Int] = []
        var offset = 0
        for query in queries {
            offsets.append(offset)
            offset += query.measures.count
        }
        // Two connections run the family queries side by side, the ones reading the most rows first.
        let order = (queries.indices.filter { queries[$0].readsMost } + queries.indices.filter { !queries[$0].readsMost })
            .filter { queries[$0].measures.contains(where: wanted) }
        let results = try sideBySide(order) { store, number in
            let query = queries[number]
            var rows: [(owner: Int, values: [Double])] = []
            try store.database.prepare(query.sql).forEach(Array(parameters.prefix(upTo: Self.highestParameter(query.sql)))) { row in
                guard let owner = organisation.index[row.text(0)] else { return }
                rows.append((owner, query.measures.indices.map { row.double(Int32($0 + 1)) }))
            }
            return rows
        }
        for (number, rows) in zip(order, results) {
            for (owner, values) in rows {
                ownFixed[owner].replaceSubrange(offsets[number]..<(offsets[number] + values.count), with: values)
            }
        }
        for (index, employee) in employees.enumerated() {
            let hired = period.contains(employee.hireDate)
            let left = employee.leaveDate.map(period.contains) ?? false
            let probationEnded = employee.probationEnd.map(period.contains) ?? false
            let values = [employee.isActive(on: period.lastDay), left, hired, probationEnded,
                          probationEnded && employee.probationPassed == true]
            for (column, flag) in values.enumerated() where flag { ownFixed[index][offset + column] = 1 }
        }
        var kinds: [String: [Int: (Double, Double, Double, Double)]] = [:]
        if wanted("activity.quantity") {
            try database.prepare(MeasureFamily.activitiesByKind).forEach(Array(parameters.prefix(2))) { row in
                guard let owner = organisation.index[row.text(0)] else { return }
                kinds[row.text(1), default: [:]][owner] = (row.double(2), row.double(3), row.double(4), row.double(5))
            }
        }
        let activityKinds = kinds.keys.sorted()
        var measures = fixed
        for kind in activityKinds {
            measures += ["activity.quantity", "activity.defects", "activity.late"].map { MeasureReference($0, argument: kind) }
        }
        // Per kind: quantity, defects, late among the measures; the record count after all measures.
        var own = ownFixed
        if !activityKinds.isEmpty {
            for index in own.indices { own[index] += [Double](repeating: 0, count: activityKinds.count * 4) }
            let countsStart = fixed.count + activityKinds.count * 3
            for (position, kind) in activityKinds.enumerated() {
                for (owner, sums) in kinds[kind] ?? [:] {
                    let base = fixed.count + position * 3
                    own[owner][base] = sums.0
                    own[owner][base + 1] = sums.1
                    own[owner][base + 2] = sums.2
                    own[owner][countsStart + position] = sums.3
                }
            }
        }
        return MeasureSheet(period: period, measures: measures, activityKinds: activityKinds, own: own,
                            organisation: organisation, catalogue: MeasureFamily.catalogue)
    }

    /// The highest `?N` a query uses, so that it is bound exactly the parameters it names.
    private static func highestParameter(_ sql: String) -> Int {
        (1...6).last { sql.contains("?\($0)") } ?? 0
    }
}
