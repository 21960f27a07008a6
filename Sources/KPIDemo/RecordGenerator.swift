import KPICatalog
import KPIFormula
import KPIStore

/// Generates every table's records month by month and writes them as it goes, so that memory
/// stays flat whatever the size of the company.
struct RecordGenerator {
    typealias Value = Statement.Value

    let catalog: Catalog
    let store: Store
    private(set) var staffing: Staffing
    let months: [Period]
    let horizon: Day
    var random: SeededRandom

    /// Who owns which records: the holders of roles whose own (`self`) KPIs read that family.
    let ticketOwners: [Int]
    let projectManagers: [Int]
    let salesPeople: [Int]
    let keepers: [Int]
    let buyers: [Int]
    let recruiters: [Int]

    private var writers: [ImportKind: RecordWriter] = [:]
    private var sequence: [String: Int] = [:]
    private var skus: [String] = []
    /// Projects still being built, per project manager: id and planned end.
    private var activeProjects: [Int: [(id: String, end: Day)]] = [:]
    /// Project groups each engineer was lent to: the project's manager and the days.
    private var assigned: [Int: [(manager: Int, from: Day, to: Day)]] = [:]

    init(catalog: Catalog, store: Store, staffing: Staffing, first: Period, last: Period, random: SeededRandom) throws {
        self.catalog = catalog
        self.store = store
        self.staffing = staffing
        var months: [Period] = []
        var month = first
        while month <= last {
            months.append(month)
            month = Period(length: .month, year: month.index == 12 ? month.year + 1 : month.year, index: month.index % 12 + 1)
        }
        self.months = months
        horizon = last.lastDay
        self.random = random
        func holders(_ family: String) -> [Int] {
            staffing.people.indices.filter { index in
                staffing.people[index].role.kpis.contains { assignment in
                    assignment.scope == .self && (catalog.kpi(assignment.kpi)?.formula?.measures.contains { $0.name.hasPrefix(family + ".") } ?? false)
                }
            }
        }
        ticketOwners = holders("service")
        projectManagers = holders("project")
        salesPeople = holders("sales")
        keepers = holders("warehouse")
        buyers = holders("purchasing")
        recruiters = holders("recruiting")
        for kind in ImportKind.all { writers[kind] = try RecordWriter(store: store, kind: kind) }
    }

    mutating func setLogin(of index: Int, to login: String) {
        for other in staffing.people.indices where staffing.people[other].login == login { staffing.people[other].login = nil }
        staffing.people[index].login = login
    }

    mutating func writeAll(progress: ((String) -> Void)?) throws {
        try writeEmployees()
        try writeItems()
        for month in months {
            progress?(month.description)
            try writeProjects(in: month)
            try writeAssignments(in: month)
            try writeInspections(in: month)
            try writeSalesTargets(in: month)
            try writeTickets(in: month)
            try writeWarehouse(in: month)
            try writePurchases(in: month)
            try writeRequisitions(in: month)
            try writeActivities(in: month)
            try writeRatings(in: month)
        }
        try writeRoleChanges()
    }

    // MARK: - Helpers

    private mutating func nextID(_ prefix: String, digits: Int = 7) -> String {
        let number = (sequence[prefix] ?? 0) + 1
        sequence[prefix] = number
        let text = String(number)
        return prefix + String(repeating: "0", count: max(0, digits - text.count)) + text
    }

    private func write(_ kind: ImportKind, _ values: [Value]) throws {
        try writers[kind]?.write(values)
    }

    private func day(_ day: Day) -> Value { .integer(Int64(day.number)) }
    private func day(_ day: Day?) -> Value { day.map { .integer(Int64($0.number)) } ?? .null }
    private func time(_ time: LocalTime?) -> Value { time.map { .integer(Int64($0.seconds)) } ?? .null }
    private func cents(_ yuan: Double) -> Value { .integer(Int64((yuan * 100).rounded())) }
    private func text(_ text: String?) -> Value { text.map(Value.text) ?? .null }

    /// The days of `month` the person worked (and that have happened), or nil.
    private func workingDays(_ index: Int, in month: Period) -> ClosedRange<Int>? {
        let person = staffing.people[index]
        let from = max(person.hireDate, month.firstDay).number
        var to = min(month.lastDay, horizon).number
        if let left = person.leaveDate { to = min(to, left.number - 1) }
        return from <= to ? from...to : nil
    }

    private mutating func someDay(_ days: ClosedRange<Int>) -> Day { Day(number: random.int(days)) }

    // MARK: - People and items

    private mutating func writeEmployees() throws {
        for person in staffing.people {
            try write(.employees, [
                .text(person.id), .text(person.name), text(person.login), .text(person.role.id),
                text(person.manager.map { staffing.people[$0].id }), day(person.hireDate), day(person.leaveDate),
                day(person.probationEnd), person.probationPassed.map { .integer($0 ? 1 : 0) } ?? .null,
                .null, // bonus base: 1 for everyone
            ])
        }
    }

    /// Moves between peer roles of one department, one person each, on the 16th of the last
    /// month: that month is scored for each role over its own days.
    private static let moves = [("after-sales-engineer", "onsite-ops-engineer"), ("implementation-engineer", "site-supervisor"),
                                ("salesperson", "project-sales")]

    private mutating func writeRoleChanges() throws {
        guard let last = months.last, let day = Day(year: last.year, month: last.index, day: 16) else { return }
        for (from, to) in Self.moves where catalog.role(to) != nil {
            let candidates = staffing.people.filter { $0.role.id == from && $0.hireDate < last.firstDay && $0.leaveDate == nil }
            guard !candidates.isEmpty else { continue }
            let person = candidates[random.int(0...(candidates.count - 1))]
            try write(.roleChanges, [.text(person.id), .text(to), self.day(day)])
        }
    }

    private static let products = ["网络摄像机", "硬盘录像机", "交换机", "光纤收发器", "门禁控制器", "读卡器", "网线", "光缆", "机柜",
                                   "UPS电源", "显示屏", "会议终端", "服务器", "路由器", "防火墙", "烟感探测器", "广播音箱", "对讲主机"]

    private mutating func writeItems() throws {
        let count = max(50, min(3000, staffing.people.count / 4))
        for _ in 0..<count {
            let sku = nextID("SKU", digits: 5)
            skus.append(sku)
            try write(.items, [.text(sku), .text(random.pick(Self.products) + "-" + String(random.int(100...999))),
                               .text(random.pick(["台", "箱", "米", "套", "个"]))])
        }
    }

    // MARK: - Projects, milestones, inspections, incidents, receivables, collections

    private static let customers = ["市第一人民医院", "高新区管委会", "实验中学", "万达广场", "科技园", "市公安局", "地铁三号线",
                                    "国际机场", "滨江花园小区", "工商银行分行", "市图书馆", "经济开发区", "大学城", "电力公司"]

    private mutating func writeProjects(in month: Period) throws {
        // Engineering projects: started by project managers, with milestones and progress payments.
        for manager in projectManagers {
            guard let days = workingDays(manager, in: month), random.chance(0.3) else { continue }
            let signed = someDay(days)
            let amount = (random.double(300_000...5_000_000) / 1000).rounded() * 1000
            let sales = salesPeople.isEmpty ? manager : random.pick(salesPeople)
            try writeProject(manager: manager, sales: sales, signed: signed, amount: amount, big: true)
        }
        // Equipment and small system orders signed by the salespeople, delivered by a project manager.
        for sales in salesPeople {
            guard let days = workingDays(sales, in: month), !projectManagers.isEmpty else { continue }
            let skill = staffing.people[sales].skill
            for _ in 0..<random.count(around: max(1.5, 4 + 0.8 * skill)) {
                let amount = (random.double(20_000...300_000) / 100).rounded() * 100
                try writeProject(manager: random.pick(projectManagers), sales: sales, signed: someDay(days), amount: amount, big: false)
            }
        }
    }

    /// About a quarter of the implementation engineers are lent to a running project's group
    /// each month, for one to three weeks: its manager co-manages and rates them meanwhile.
    private mutating func writeAssignments(in month: Period) throws {
        let running = activeProjects.flatMap { manager, projects in
            projects.filter { $0.end >= month.firstDay }.map { (manager: manager, id: $0.id) }
        }.sorted { $0.id < $1.id }
        guard !running.isEmpty else { return }
        for index in staffing.people.indices where staffing.people[index].role.id == "implementation-engineer" {
            guard let days = workingDays(index, in: month), random.chance(0.25) else { continue }
            let project = random.pick(running)
            guard project.manager != index else { continue }
            let from = someDay(days)
            let to = min(from.adding(days: random.int(6...20)), horizon)
            assigned[index, default: []].append((project.manager, from, to))
            try write(.assignments, [.text(nextID("AS")), .text(staffing.people[index].id), .text(project.id), day(from), day(to),
                                     .text(random.pick(["现场工程师", "调试工程师", "布线施工"]))])
        }
    }

    private mutating func writeProject(manager: Int, sales: Int, signed: Day, amount: Double, big: Bool) throws {
        let id = nextID("PJ", digits: 6)
        let pm = staffing.people[manager]
        let start = signed.adding(days: random.int(3...20))
        let duration = big ? random.int(60...240) : random.int(15...45)
        let plannedEnd = start.adding(days: duration)
        let slip = max(0, Int(random.normal() * 12 - pm.skill * 8 + (big ? 6 : 0)))
        let actualEnd = plannedEnd.adding(days: slip)
        let budget = amount * random.double(0.72...0.8)
        let overrun = clamp(1.0 + random.normal() * 0.05 - pm.skill * 0.03 + (big ? 0.02 : 0), 0.85, 1.35)
        let finished = actualEnd <= horizon
        try write(.projects, [
            .text(id), .text((big ? "" : "设备供货-") + random.pick(Self.customers) + (big ? "智能化系统工程" : "")),
            .text(random.pick(Self.customers)), .text(pm.id), .text(staffing.people[sales].id), cents(amount), day(signed),
            cents(budget), finished ? cents(budget * overrun) : .null, day(start), day(plannedEnd), finished ? day(actualEnd) : .null,
        ])
        if big {
            activeProjects[manager, default: []].append((id, actualEnd))
            let names = ["深化设计", "设备到货", "管线敷设", "设备安装", "系统调试", "竣工验收"]
            for (step, name) in names.enumerated() {
                let due = start.adding(days: duration * (step + 1) / names.count)
                guard due <= horizon else { break }
                let onTime = random.chance(clamp(0.86 + 0.06 * pm.skill, 0.5, 0.99))
                let done: Day? = onTime ? due.adding(days: -random.int(0...5)) : (random.chance(0.85) ? due.adding(days: random.int(1...25)) : nil)
                try write(.milestones, [.text(nextID("MS")), .text(id), .text(name), day(due), day(done.flatMap { $0 <= horizon ? $0 : nil })])
            }
        }
        // Payment tranches: advance, progress (the project manager's), completion, retention.
        let tranches: [(share: Double, due: Day, owner: Int)] = big
            ? [(0.3, signed.adding(days: 15), sales), (0.4, start.adding(days: duration / 2), manager),
               (0.25, plannedEnd.adding(days: 30), sales), (0.05, plannedEnd.adding(days: 365), sales)]
            : [(0.5, start.adding(days: 7), sales), (0.5, plannedEnd.adding(days: 30), sales)]
        for tranche in tranches {
            try writeReceivable(project: id, owner: tranche.owner, due: tranche.due, amount: (amount * tranche.share).rounded())
        }
    }

    private mutating func writeReceivable(project: String?, owner: Int, due: Day, amount: Double) throws {
        let id = nextID("AR")
        try write(.receivables, [.text(id), text(project), .text(random.pick(Self.customers)), .text(staffing.people[owner].id),
                                 day(due), cents(amount)])
        // Customers pay on time, late, in part, or not at all; the owner's follow-up helps.
        let skill = staffing.people[owner].skill
        let roll = random.unit()
        let onTime = clamp(0.8 + 0.07 * skill, 0.5, 0.97)
        var payments: [(Day, Double)] = []
        if roll < onTime {
            payments = [(due.adding(days: -random.int(0...10)), amount)]
        } else if roll < onTime + 0.12 {
            payments = [(due.adding(days: random.int(5...75)), amount)]
        } else if roll < onTime + 0.17 {
            let part = (amount * random.double(0.4...0.9)).rounded()
            payments = [(due.adding(days: random.int(-5...20)), part)]
            if random.chance(0.6) { payments.append((due.adding(days: random.int(40...120)), amount - part)) }
        }
        for (date, paid) in payments where date <= horizon && paid > 0 {
            try write(.collections, [.text(nextID("CL")), .text(id), day(date), cents(paid)])
        }
    }

    private mutating func writeInspections(in month: Period) throws {
        for manager in projectManagers {
            guard let days = workingDays(manager, in: month) else { continue }
            let projects = (activeProjects[manager] ?? []).filter { $0.end >= month.firstDay }
            activeProjects[manager] = projects
            guard !projects.isEmpty else { continue }
            let skill = staffing.people[manager].skill
            for _ in 0..<random.count(around: 17) {
                let project = random.pick(projects).id
                let date = someDay(days)
                let checked = random.int(20...80)
                let failRate = clamp(0.035 - 0.012 * skill + random.normal() * 0.01, 0, 0.3)
                let failed = min(checked, Int((Double(checked) * failRate).rounded()))
                let reworked = failed == 0 ? 0 : random.int(max(0, failed - 2)...failed)
                let inspector = staffing.people[manager].manager.map { staffing.people[$0].id }
                try write(.inspections, [.text(nextID("IN")), .text(project), day(date), text(inspector),
                                         .integer(Int64(checked)), .integer(Int64(failed)), .integer(Int64(reworked))])
                if random.chance(0.012) {
                    try write(.incidents, [.text(nextID("IC")), .text(project), day(date), .text("minor"),
                                           .text(random.pick(["线缆被划伤", "设备跌落损坏", "高处作业未系安全带", "吊顶板破损"]))])
                }
                if random.chance(0.0006 - 0.0002 * skill) {
                    try write(.incidents, [.text(nextID("IC")), .text(project), day(date), .text("major"),
                                           .text(random.pick(["脚手架坍塌致人受伤", "施工导致客户机房断电", "高处坠落"]))])
                }
            }
        }
    }

    private mutating func writeSalesTargets(in month: Period) throws {
        for sales in salesPeople where workingDays(sales, in: month) != nil {
            let target = (random.double(700_000...950_000) / 10_000).rounded() * 10_000
            try write(.salesTargets, [.text(staffing.people[sales].id), .text(month.description), cents(target)])
        }
    }

    // MARK: - Service tickets

    private mutating func writeTickets(in month: Period) throws {
        let levels = catalog.serviceLevels
        for engineer in ticketOwners {
            guard let days = workingDays(engineer, in: month) else { continue }
            let person = staffing.people[engineer]
            let mean = 66.0 * Double(days.count) / Double(month.lastDay.number - month.firstDay.number + 1)
            for _ in 0..<random.count(around: mean) {
                let priorityRoll = random.unit()
                let priority: ServiceLevels.Priority = priorityRoll < 0.1 ? .p1 : priorityRoll < 0.45 ? .p2 : .p3
                guard let level = levels.level(for: priority) else { continue }
                let hour = random.chance(0.9) ? random.int(8...18) : random.pick([0, 1, 5, 6, 20, 21, 22, 23])
                let opened = LocalTime(day: someDay(days), hour: hour, minute: random.int(0...59))
                let responseDue = opened.adding(minutes: level.respondMinutes)
                let resolutionDue = opened.adding(minutes: level.resolveMinutes)
                var firstResponse: LocalTime?
                if !random.chance(0.01) {
                    let fast = random.chance(clamp(0.9 + 0.05 * person.skill, 0.55, 0.995))
                    let minutes = fast ? random.int(1...level.respondMinutes) : level.respondMinutes + random.int(5...(level.respondMinutes * 3))
                    firstResponse = opened.adding(minutes: minutes)
                }
                let channel = random.chance(0.45) ? "onsite" : random.pick(["phone", "remote"])
                var resolved: LocalTime?
                if let firstResponse, random.chance(0.96) {
                    let inTime = random.chance(clamp(0.87 + 0.06 * person.skill, 0.5, 0.99))
                    let total = level.resolveMinutes
                    resolved = inTime ? max(firstResponse, opened.adding(minutes: random.int((total / 10)...total)))
                        : resolutionDue.adding(minutes: random.int(30...(total * 2)))
                }
                let horizonEnd = LocalTime(day: horizon.adding(days: 1))
                if let answered = firstResponse, answered >= horizonEnd { firstResponse = nil; resolved = nil }
                if let done = resolved, done >= horizonEnd { resolved = nil }
                let visits = channel == "onsite" ? (random.chance(clamp(0.14 - 0.05 * person.skill, 0.02, 0.4)) ? 2 : 1) : 0
                let reopened = resolved != nil && random.chance(clamp(0.05 - 0.02 * person.skill, 0.005, 0.2))
                let satisfaction: Value = resolved != nil && random.chance(0.6)
                    ? .integer(Int64(clamp((4.4 + 0.35 * person.skill + random.normal() * 0.6).rounded(), 1, 5))) : .null
                let id = nextID("TK", digits: 8)
                try write(.tickets, [
                    .text(id), .text(random.pick(Self.customers)), .null, .text(priority.rawValue), time(opened), time(responseDue),
                    time(resolutionDue), time(firstResponse), time(resolved), .text(person.id), .text(channel),
                    .integer(Int64(visits)), satisfaction, .integer(reopened ? 1 : 0),
                ])
                // Out-of-warranty repairs are billed; the engineer follows up the payment.
                if resolved != nil, random.chance(0.25) {
                    try writeReceivable(project: nil, owner: engineer, due: opened.day.adding(days: 30),
                                        amount: (random.double(300...8000) / 10).rounded() * 10)
                }
            }
        }
    }

    // MARK: - Warehouse and purchasing

    private mutating func writeWarehouse(in month: Period) throws {
        guard !skus.isEmpty else { return }
        for keeper in keepers {
            guard let days = workingDays(keeper, in: month) else { continue }
            let skill = staffing.people[keeper].skill
            for _ in 0..<random.count(around: 60) {
                let undocumented = random.chance(clamp(0.04 - 0.015 * skill, 0.002, 0.2))
                try write(.stockMovements, [
                    .text(nextID("SM")), day(someDay(days)), .text(random.pick(skus)), .text(random.pick(["in", "out", "out", "return"])),
                    .real(Double(random.int(1...50))), undocumented ? .null : .text(nextID("DOC")), .null, .text(staffing.people[keeper].id),
                ])
            }
            let countDays = (0..<3).map { _ in someDay(days) }
            for _ in 0..<random.count(around: 500) {
                let book = Double(random.int(0...200))
                let mismatch = random.chance(clamp(0.025 - 0.01 * skill, 0.002, 0.1))
                let counted = mismatch ? max(0, book + Double(random.pick([-5, -3, -2, -1, 1, 2]))) : book
                try write(.stockCounts, [.text(nextID("SC", digits: 8)), day(random.pick(countDays)), .text(random.pick(skus)),
                                         .real(book), .real(counted), .text(staffing.people[keeper].id)])
            }
        }
    }

    private static let suppliers = ["海康威视", "大华股份", "华为", "锐捷网络", "中兴通讯", "霍尼韦尔", "宇视科技", "施耐德"]

    private mutating func writePurchases(in month: Period) throws {
        for buyer in buyers {
            guard let days = workingDays(buyer, in: month) else { continue }
            let skill = staffing.people[buyer].skill
            for _ in 0..<random.count(around: 60) {
                let ordered = someDay(days)
                let promised = ordered.adding(days: random.int(3...20))
                let late = random.chance(clamp(0.1 - 0.04 * skill, 0.01, 0.4))
                let received = promised.adding(days: late ? random.int(1...15) : -random.int(0...2))
                let conforming = random.chance(clamp(0.965 + 0.015 * skill, 0.8, 0.999))
                try write(.purchaseOrders, [.text(nextID("PO")), .text(random.pick(Self.suppliers)), .text(staffing.people[buyer].id),
                                            day(ordered), day(promised), received <= horizon ? day(received) : .null,
                                            received <= horizon ? .integer(conforming ? 1 : 0) : .null])
            }
        }
    }

    // MARK: - Recruiting, activities, ratings

    private mutating func writeRequisitions(in month: Period) throws {
        let departments = catalog.departments.map(\.id)
        for recruiter in recruiters {
            guard let days = workingDays(recruiter, in: month) else { continue }
            let skill = staffing.people[recruiter].skill
            for _ in 0..<random.count(around: 3) {
                let needed = someDay(days)
                let positions = random.int(1...3)
                let onTime = random.chance(clamp(0.72 + 0.1 * skill, 0.3, 0.97))
                let filled = onTime ? positions : random.int(0...positions)
                let filledDate: Day? = filled == 0 ? nil : needed.adding(days: onTime ? -random.int(0...20) : random.int(1...30))
                try write(.requisitions, [.text(nextID("RQ")), .text(random.pick(departments)), .text(staffing.people[recruiter].id),
                                          .integer(Int64(positions)), day(needed), .integer(Int64(filled)),
                                          day(filledDate.flatMap { $0 <= horizon ? $0 : nil })])
            }
        }
    }

    /// Monthly volume of each kind of counted work, for one person.
    private static let volumes: [String: Double] = [
        "凭证": 300, "凭证归档": 290, "日记账": 400, "收付款": 250, "发票": 120, "核算": 20, "账簿登记": 150, "报税": 6,
        "文件": 120, "会议纪要": 10, "标书": 5, "方案": 8, "图纸": 25, "预算": 6, "报价": 30, "合同": 12,
        "资料": 60, "资料签章": 40, "档案": 10, "项目表单": 50, "施工任务": 40, "施工日志": 22, "分段验收": 6,
        "巡检": 20, "工程量变更": 8, "工程量核量": 10, "人事档案": 25, "入离职手续": 12, "薪酬考核": 200,
        "后勤支持": 60, "员工活动": 1, "出车": 45, "车辆保养": 2,
    ]

    private mutating func writeActivities(in month: Period) throws {
        var wideKindsLogged: Set<String> = []
        for index in staffing.people.indices {
            guard let days = workingDays(index, in: month) else { continue }
            let person = staffing.people[index]
            for assignment in person.role.kpis {
                guard let formula = catalog.kpi(assignment.kpi)?.formula else { continue }
                for kind in Set(formula.measures.filter { $0.name.hasPrefix("activity.") }.compactMap(\.argument)).sorted() {
                    if assignment.scope != .self {
                        // Work logged company-wide (safety accidents): one record a month, usually none.
                        guard wideKindsLogged.insert(kind).inserted else { continue }
                        let count = random.chance(0.12) ? 1.0 : 0.0
                        if count > 0 {
                            try write(.activities, [.text(nextID("AC")), .text(person.id), day(someDay(days)), .text(kind), .real(count), .real(0), .real(0)])
                        }
                        continue
                    }
                    try writeActivity(person: person, kind: kind, days: days)
                }
            }
        }
    }

    private mutating func writeActivity(person: Staffing.Person, kind: String, days: ClosedRange<Int>) throws {
        let volume = Self.volumes[kind] ?? 20
        if ["违章", "安全事故"].contains(kind) {
            let count = random.chance(clamp(0.15 - 0.06 * person.skill, 0.01, 0.5)) ? 1.0 : 0.0
            try write(.activities, [.text(nextID("AC")), .text(person.id), day(someDay(days)), .text(kind), .real(count), .real(0), .real(0)])
            return
        }
        let quantity = Double(max(1, random.count(around: volume)))
        let defectRate = clamp(0.015 - 0.008 * person.skill + random.normal() * 0.006, 0, 0.2)
        let lateRate = clamp(0.05 - 0.025 * person.skill + random.normal() * 0.02, 0, 0.5)
        let defects = min(quantity, (quantity * defectRate).rounded())
        let late = min(quantity, (quantity * lateRate).rounded())
        try write(.activities, [.text(nextID("AC")), .text(person.id), day(someDay(days)), .text(kind), .real(quantity),
                                .real(defects), .real(late)])
    }

    private mutating func writeRatings(in month: Period) throws {
        let isLast = month == months.last
        let heads = departmentHeads()
        let hr = staffing.people.indices.first { staffing.people[$0].role.permissions.contains(.appraisalAdmin) }
        let ratedAt = LocalTime(day: month.lastDay, hour: 17)
        for index in staffing.people.indices {
            guard workingDays(index, in: month) != nil else { continue }
            let person = staffing.people[index]
            for assignment in person.role.kpis {
                guard case .rating(let rule) = assignment.scoring else { continue }
                for rater in rule.raters {
                    let by: Int?
                    switch rater.relation {
                    case .manager: by = person.manager
                    case .projectManager:
                        by = assigned[index]?.last { $0.from <= month.lastDay && $0.to >= month.firstDay }?.manager
                    case .departmentHead: by = head(of: index, heads)
                    case .hr: by = hr
                    case .oneself: by = random.chance(0.6) ? index : nil
                    }
                    guard let by else { continue }
                    // The open month is still being rated: about a third of its ratings are missing.
                    if isLast, random.chance(0.35) { continue }
                    let lean = rater.relation == .oneself ? 0.4 : 0
                    let score: Double = rule.scale == 100
                        ? clamp((75 + 10 * person.skill + random.normal() * 6).rounded(), 0, 100)
                        : clamp((3.4 + lean + 0.7 * person.skill + random.normal() * 0.5).rounded(), 1, rule.scale)
                    let comment = score >= rule.scale * 0.9 ? "表现突出" : score <= rule.scale * 0.5 ? "需要改进" : nil
                    try write(.ratings, [.text(month.description), .text(person.id), .text(assignment.kpi), .text(rater.relation.rawValue),
                                         .real(score), .text(staffing.people[by].id), text(comment), time(ratedAt)])
                }
            }
        }
    }

    /// Each department's head as the engine finds it: the first person, by id, of the department
    /// whose role sees the whole department.
    private func departmentHeads() -> [String: Int] {
        var heads: [String: Int] = [:]
        for index in staffing.people.indices {
            let person = staffing.people[index]
            guard person.leaveDate == nil, person.role.permissions.contains(.viewDepartment) || person.role.permissions.contains(.viewCompany) else { continue }
            if heads[person.role.department].map({ person.id < staffing.people[$0].id }) ?? true { heads[person.role.department] = index }
        }
        return heads
    }

    /// The head of the person's department, or of the nearest department above it with another head.
    private func head(of index: Int, _ heads: [String: Int]) -> Int? {
        var department: String? = staffing.people[index].role.department
        while let current = department {
            if let head = heads[current], head != index { return head }
            department = catalog.department(current)?.parent
        }
        return nil
    }
}
