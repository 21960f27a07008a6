import Foundation
import KPICatalog
import KPIEngine
import KPIFormula

/// How catalog values read in tables and descriptions, in either language.
public struct CatalogText {
    public let language: Language

    public init(language: Language) {
        self.language = language
    }

    public func number(_ value: Double, unit: KPIDefinition.Unit) -> String {
        switch unit {
        case .percent: return trimmed(value * 100, digits: 2) + "%"
        case .amount: return "¥" + grouped(value)
        case .days: return trimmed(value, digits: 1) + language.pick(" 天", " days")
        case .ratio, .count, .score: return trimmed(value, digits: 4)
        }
    }

    public func points(_ value: Double) -> String { trimmed(value, digits: 1) + language.pick("分", " pts") }

    public func method(_ method: ScoringRule.Method) -> String {
        switch method {
        case .linear: return language.pick("线性", "linear")
        case .deduction: return language.pick("扣分制", "deduction")
        case .bands: return language.pick("分档", "bands")
        case .rating: return language.pick("评分", "rating")
        }
    }

    public func unit(_ unit: KPIDefinition.Unit) -> String {
        switch unit {
        case .percent: return language.pick("百分比", "percent")
        case .ratio: return language.pick("比值", "ratio")
        case .count: return language.pick("次数", "count")
        case .amount: return language.pick("金额", "amount")
        case .days: return language.pick("天数", "days")
        case .score: return language.pick("分值", "score")
        }
    }

    public func direction(_ direction: KPIDefinition.Direction) -> String {
        direction == .higher ? language.pick("越高越好", "higher is better") : language.pick("越低越好", "lower is better")
    }

    public func scope(_ scope: Scope) -> String {
        switch scope {
        case .self: return language.pick("本人", "self")
        case .team: return language.pick("团队", "team")
        case .department: return language.pick("部门", "department")
        case .company: return language.pick("公司", "company")
        }
    }

    public func level(_ level: Role.Level) -> String { language.pick(level.nameZh, level.rawValue) }

    public func noData(_ policy: KPIDefinition.NoDataPolicy) -> String {
        switch policy {
        case .exclude: return language.pick("不计入(权重移出总分)", "excluded (its weight leaves the total)")
        case .zero: return language.pick("记 0 分", "scores 0")
        case .target: return language.pick("按目标值记分", "scores the target's points")
        }
    }

    /// The scoring rule in one line, e.g. `线性: 门槛 80% → 60分; 目标 95% → 100分; 挑战 100% → 120分`.
    public func rule(_ rule: ScoringRule, unit: KPIDefinition.Unit) -> String {
        let method = self.method(rule.method)
        switch rule {
        case .linear(let linear):
            var steps = [
                language.pick("门槛", "threshold") + " \(number(linear.threshold, unit: unit)) → \(points(linear.points.threshold))",
                language.pick("目标", "target") + " \(number(linear.target, unit: unit)) → \(points(linear.points.target))",
            ]
            if let challenge = linear.challenge {
                steps.append(language.pick("挑战", "challenge") + " \(number(challenge, unit: unit)) → \(points(linear.points.challenge))")
            }
            return "\(method): " + steps.joined(separator: "; ")
        case .deduction(let deduction):
            return "\(method): " + language.pick(
                "\(trimmed(deduction.base, digits: 1)) − \(trimmed(deduction.perUnit, digits: 2)) × 值, 最低 \(points(deduction.floor))",
                "\(trimmed(deduction.base, digits: 1)) − \(trimmed(deduction.perUnit, digits: 2)) × value, at least \(points(deduction.floor))")
        case .bands(let bands):
            let sign = bands.bound == .atLeast ? "≥" : "≤"
            let steps = bands.bands.map { "\(sign) \(number($0.limit, unit: unit)) → \(points($0.score))" }
            return "\(method): " + (steps + [language.pick("否则", "otherwise") + " \(points(bands.otherwise))"]).joined(separator: "; ")
        case .rating(let rating):
            if rating.scale == 100 { return language.pick("评分: 上级直接打分 0–100", "rating: the rater's score, 0–100") }
            let scale = trimmed(rating.scale, digits: 2)
            return language.pick("评分: 1–\(scale) 分制, 得分 = 评分 ÷ \(scale) × 100",
                                 "rating: 1–\(scale) scale, score = rating ÷ \(scale) × 100")
        }
    }

    public func departmentName(_ id: String, in catalog: Catalog) -> String {
        guard let department = catalog.department(id) else { return id }
        return language == .zh ? department.name : (department.nameEn ?? department.name)
    }

    public func roleName(_ role: Role) -> String {
        language == .zh ? role.name : (role.nameEn ?? role.name)
    }

    public func kpiName(_ kpi: KPIDefinition) -> String {
        language == .zh ? kpi.name : (kpi.nameEn ?? kpi.name)
    }
}

extension CatalogText {
    /// Rule changes as a table: role, KPI, field, before, after.
    public func changeTable(_ changes: [CatalogChange]) -> Table {
        var table = Table(headers: [language.pick("岗位", "role"), "KPI", language.pick("项目", "field"),
                                    language.pick("原规则", "old"), language.pick("新规则", "new")])
        for change in changes {
            table.append([change.role ?? "—", change.kpi ?? "—", change.field, change.old ?? "—", change.new ?? "—"])
        }
        return table
    }

    /// Rule changes as JSON: `[{"role", "kpi", "field", "old", "new"}]`.
    public func changeJSON(_ changes: [CatalogChange]) -> JSON {
        .array(changes.map { change in
            .object([("role", .string(change.role)), ("kpi", .string(change.kpi)), ("field", .string(change.field)),
                     ("old", .string(change.old)), ("new", .string(change.new))])
        })
    }
}
