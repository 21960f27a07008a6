import KPICatalog
import KPIFormula
import KPIStore

/// The people of the demo company: how many hold each role, who reports to whom, who joins
/// and who leaves during the months covered.
struct Staffing {
    struct Person {
        let id: String
        let name: String
        var login: String?
        let role: Role
        let manager: Int?
        let hireDate: Day
        var leaveDate: Day?
        let probationEnd: Day?
        let probationPassed: Bool?
        /// How well this person works, around 0 (standard normal): drives on-time rates, errors, ratings.
        let skill: Double
    }

    var people: [Person] = []

    /// Share of the company's headcount in each leaf role of the shipped catalog; a leaf role
    /// of another catalog gets 1%.
    static let shares: [String: Double] = [
        "after-sales-engineer": 25, "onsite-ops-engineer": 8, "implementation-engineer": 20, "site-supervisor": 5,
        "salesperson": 7, "project-sales": 5, "presales-engineer": 5, "budget-estimator": 1.5, "bid-specialist": 1.5,
        "document-controller": 1.5, "pmo-specialist": 1.5, "warehouse-keeper": 2, "cashier": 1, "admin-specialist": 1,
        "hr-specialist": 1, "driver": 1, "system-integration-assistant": 0.5, "cost-manager": 0.2,
    ]

    /// How many people one holder of a role manages, by level.
    static func span(of level: Role.Level) -> Double {
        switch level {
        case .executive: return .infinity
        case .manager: return 40
        case .supervisor: return 10
        case .staff: return 4
        }
    }

    init(catalog: Catalog, employees total: Int, first: Day, last: Day, random: inout SeededRandom) {
        let counts = Self.headcounts(catalog: catalog, total: total)
        var holders: [String: [Int]] = [:]
        var sequence = 0
        func nextID() -> String {
            sequence += 1
            let digits = String(sequence)
            return "E" + String(repeating: "0", count: max(0, 5 - digits.count)) + digits
        }
        // Top-down, so that every manager exists before the people below.
        for role in Self.topDown(catalog) {
            let bosses = role.reportsTo.flatMap { holders[$0] } ?? []
            for index in 0..<(counts[role.id] ?? 0) {
                let manager = bosses.isEmpty ? nil : bosses[index % bosses.count]
                let hired = first.adding(days: -random.int(30...2900))
                let person = Person(id: nextID(), name: Self.name(&random), login: nil, role: role, manager: manager,
                                    hireDate: hired, leaveDate: nil, probationEnd: hired.adding(days: 90), probationPassed: true,
                                    skill: clamp(random.normal(), -2.5, 2.5))
                holders[role.id, default: []].append(people.count)
                people.append(person)
            }
        }
        for index in people.indices {
            people[index].login = people[index].id.lowercased()
        }
        // Turnover: about 1.2% of the staff in leaf roles leave each month and are replaced.
        let leaves = Set(catalog.roles.filter { catalog.subordinates(of: $0.id).isEmpty }.map(\.id))
        var month = Period.month(of: first)
        while month.firstDay <= last {
            let candidates = people.indices.filter { leaves.contains(people[$0].role.id) && people[$0].leaveDate == nil }
            for index in candidates where random.chance(0.012 - 0.004 * people[index].skill) {
                // Someone hired late last month may leave this month, but not before their first day.
                let earliest = max(month.firstDay.number, people[index].hireDate.number + 1)
                guard earliest <= month.lastDay.number else { continue }
                let left = Day(number: random.int(earliest...month.lastDay.number))
                people[index].leaveDate = left
                let hired = min(last, left.adding(days: random.int(0...20)))
                let probationEnd = hired.adding(days: 90)
                let skill = clamp(random.normal(), -2.5, 2.5)
                let id = nextID()
                people.append(Person(id: id, name: Self.name(&random), login: id.lowercased(), role: people[index].role,
                                     manager: people[index].manager, hireDate: hired, leaveDate: nil, probationEnd: probationEnd,
                                     probationPassed: probationEnd <= last ? random.chance(0.82 + 0.08 * skill) : nil, skill: skill))
            }
            month = Period(length: .month, year: month.index == 12 ? month.year + 1 : month.year, index: month.index % 12 + 1)
        }
    }

    /// Headcount per role: leaf roles by share of `total`, managers by span of control, one top role.
    static func headcounts(catalog: Catalog, total: Int) -> [String: Int] {
        let leaves = catalog.roles.filter { catalog.subordinates(of: $0.id).isEmpty }
        let managers = catalog.roles.count - leaves.count
        let weights = leaves.map { shares[$0.id] ?? 1 }
        let available = Double(max(leaves.count, total - managers - total / 25))
        var counts: [String: Int] = [:]
        for (role, weight) in zip(leaves, weights) {
            counts[role.id] = max(1, Int((available * weight / weights.reduce(0, +)).rounded()))
        }
        for role in topDown(catalog).reversed() where !leaves.contains(where: { $0.id == role.id }) {
            let below = catalog.subordinates(of: role.id).reduce(0) { $0 + (counts[$1.id] ?? 0) }
            counts[role.id] = role.reportsTo == nil ? 1 : max(1, Int((Double(below) / span(of: role.level)).rounded(.up)))
        }
        // Make the total exact by adjusting the largest leaf role.
        if let largest = leaves.max(by: { (counts[$0.id] ?? 0) < (counts[$1.id] ?? 0) }) {
            let difference = total - counts.values.reduce(0, +)
            counts[largest.id] = max(1, (counts[largest.id] ?? 0) + difference)
        }
        return counts
    }

    /// Roles ordered so that each comes after the role it reports to.
    static func topDown(_ catalog: Catalog) -> [Role] {
        var ordered: [Role] = []
        var frontier = catalog.topRole.map { [$0] } ?? []
        while !frontier.isEmpty {
            ordered += frontier
            frontier = frontier.flatMap { catalog.subordinates(of: $0.id) }
        }
        return ordered
    }

    private static let surnames = Array("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤")
    private static let given = Array("伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红鹏辉建国志文斌宇浩凯鑫健帅婷雪琳晨博俊峰海波宁欣怡思佳子涵一诺")

    static func name(_ random: inout SeededRandom) -> String {
        var text = String(random.pick(surnames)) + String(random.pick(given))
        if random.chance(0.7) { text += String(random.pick(given)) }
        return text
    }
}
