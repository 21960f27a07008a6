/// The operational measures formulas may name (docs/measures.md).
public struct MeasureCatalogue: Sendable {
    /// One measure: its name, whether it takes a text argument, and what it counts.
    public struct Definition: Sendable, Equatable {
        public enum Quantity: String, Sendable {
            /// A count of records, items or employees.
            case count
            /// A sum of money, in yuan.
            case amount
            /// A sum of quantities or scores (stock variance, satisfaction points).
            case sum
        }

        public let name: String
        /// `activity.quantity("凭证")`: the measure needs one quoted argument.
        public let takesArgument: Bool
        public let quantity: Quantity
        public let meaningZh: String
        public let meaningEn: String

        public var family: String { String(name.prefix { $0 != "." }) }
    }

    public let definitions: [Definition]
    private let byName: [String: Definition]

    public init(_ definitions: [Definition]) {
        self.definitions = definitions
        byName = Dictionary(definitions.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
    }

    public func definition(named name: String) -> Definition? { byName[name] }

    /// The problem with a reference, or nil when the catalogue knows it as written.
    func problem(with reference: MeasureReference) -> String? {
        guard let definition = byName[reference.name] else {
            if let suggestion = closestMatch(to: reference.name, among: definitions.map(\.name)) {
                return "unknown measure `\(reference.name)`; did you mean `\(suggestion)`?"
            }
            let family = String(reference.name.prefix { $0 != "." })
            let names = definitions.filter { $0.family == family }.map(\.name)
            if names.isEmpty {
                let families = Array(Set(definitions.map(\.family))).sorted().joined(separator: ", ")
                return "unknown measure `\(reference.name)`: there is no family `\(family)`; the families are \(families)"
            }
            return "unknown measure `\(reference.name)`; the \(family) measures are \(names.joined(separator: ", "))"
        }
        if definition.takesArgument, reference.argument == nil {
            return "`\(definition.name)` needs the activity kind as its argument, as in \(definition.name)(\"凭证\")"
        }
        if !definition.takesArgument, let argument = reference.argument {
            return "`\(definition.name)` takes no argument; remove (\"\(argument)\")"
        }
        return nil
    }
}

extension MeasureCatalogue {
    private static func count(_ name: String, _ zh: String, _ en: String) -> Definition {
        Definition(name: name, takesArgument: false, quantity: .count, meaningZh: zh, meaningEn: en)
    }

    private static func amount(_ name: String, _ zh: String, _ en: String) -> Definition {
        Definition(name: name, takesArgument: false, quantity: .amount, meaningZh: zh, meaningEn: en)
    }

    /// Every measure, with its meaning (docs/measures.md).
    public static let standard = MeasureCatalogue([
        count("project.milestones_due", "本期到期的里程碑数", "milestones due in the period"),
        count("project.milestones_on_time", "其中按期完成的里程碑数", "of those, done on or before the due date"),
        count("project.items_checked", "本期检查项数", "inspection items checked in the period"),
        count("project.items_failed", "本期不合格项数", "inspection items failed"),
        count("project.items_reworked", "本期返工项数", "inspection items reworked"),
        count("project.major_incidents", "本期重大施工事故数", "major incidents in the period"),
        count("project.minor_incidents", "本期一般事故数", "minor incidents in the period"),
        amount("project.budget_cost", "本期竣工项目的预算成本", "budget cost of projects finished in the period"),
        amount("project.actual_cost", "本期竣工项目的实际成本", "actual cost of projects finished in the period"),
        amount("sales.signed_amount", "本期签约合同额", "contract amount signed in the period"),
        amount("sales.target", "本期销售目标", "sales target for the period"),
        amount("billing.due", "本期到期应收款", "receivables due in the period"),
        amount("billing.collected_on_due", "本期到期应收款中期末前已回款", "of those, collected by the period end"),
        amount("billing.collected", "本期回款额", "collections dated in the period"),
        amount("billing.overdue", "期末逾期未收款", "outstanding at the period end on receivables already due"),
        count("warehouse.count_lines", "本期盘点行数", "stock-count lines in the period"),
        count("warehouse.count_lines_matched", "其中账实相符的行数", "of those, counted quantity equals book quantity"),
        Definition(name: "warehouse.count_variance", takesArgument: false, quantity: .sum,
                   meaningZh: "盘点差异数量合计", meaningEn: "sum of |counted − book| over those lines"),
        count("warehouse.movements", "本期出入库单数", "stock movements in the period"),
        count("warehouse.movements_documented", "其中有单据号的", "of those, with a document number"),
        count("purchasing.orders_received", "本期到货采购单数", "purchase orders received in the period"),
        count("purchasing.orders_on_time", "其中按承诺日期到货", "of those, received by the promised date"),
        count("purchasing.orders_conforming", "其中规格数量质量相符", "of those, conforming"),
        count("service.tickets", "本期售后工单数", "service tickets opened in the period"),
        count("service.responded_on_time", "其中按时响应", "of those, first answered within the response due time"),
        count("service.resolved", "其中已解决", "of those, resolved"),
        count("service.resolved_on_time", "其中按时解决", "of those, resolved within the resolution due time"),
        count("service.first_time_fixes", "其中一次修复", "of those, resolved, not reopened, at most one visit"),
        count("service.rated", "其中有满意度评价", "of those, with a satisfaction rating"),
        Definition(name: "service.satisfaction_total", takesArgument: false, quantity: .sum,
                   meaningZh: "满意度评分合计(1–5)", meaningEn: "sum of satisfaction ratings (1–5)"),
        count("service.reopened", "其中重开", "of those, reopened"),
        count("recruiting.positions_due", "本期需到岗人数", "positions needed by a date in the period"),
        count("recruiting.positions_filled_on_time", "其中按期到岗", "of those, filled on or before the needed-by date"),
        count("hr.headcount", "期末在职人数", "employees active on the last day"),
        count("hr.leavers", "本期离职人数", "employees who left in the period"),
        count("hr.hires", "本期入职人数", "employees hired in the period"),
        count("hr.probation_ended", "本期试用期满人数", "probations ending in the period"),
        count("hr.probation_passed", "其中转正人数", "of those, passed"),
        Definition(name: "activity.quantity", takesArgument: true, quantity: .sum,
                   meaningZh: "该类工作的完成数量", meaningEn: "work of that kind done"),
        Definition(name: "activity.defects", takesArgument: true, quantity: .sum,
                   meaningZh: "该类工作的差错数", meaningEn: "errors found in that work"),
        Definition(name: "activity.late", takesArgument: true, quantity: .sum,
                   meaningZh: "该类工作的延误数", meaningEn: "pieces of that work done late"),
    ])
}
