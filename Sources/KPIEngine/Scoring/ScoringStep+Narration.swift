import Foundation
import KPICatalog

extension ScoringStep {
    /// The step written out for a person, in Chinese or English: which part of the rule
    /// applied, with the arithmetic. `number` writes a value of the KPI's unit.
    public func narration(chinese: Bool, number n: (Double) -> String) -> String {
        func pick(_ zh: String, _ en: String) -> String { chinese ? zh : en }
        func p(_ points: Double) -> String { trimmed(points, digits: 1) }
        let score = self.score.map { trimmed($0, digits: 1) } ?? "—"
        guard let value else {
            guard case .noData(let policy) = applied else { return "—" }
            switch policy {
            case .zero: return pick("无数据, 按规定记 0 分", "no data: scores 0 as the KPI says")
            case .target: return pick("无数据, 按目标记 \(score) 分", "no data: scores the target's \(score)")
            case .exclude where method == .rating: return pick("尚未评分, 不计入总分", "not rated yet: left out of the total")
            case .exclude: return pick("无数据 (如除数为 0), 不计入总分", "no data (a division by zero, say): left out of the total")
            }
        }
        let v = n(value)
        switch applied {
        case .belowThreshold(let threshold):
            return pick("\(v) 未达门槛 \(n(threshold.value)): 0 分", "\(v) does not reach the threshold \(n(threshold.value)): 0")
        case .between(let low, let high):
            return pick("\(v) 介于\(low.name.zh) \(n(low.value)) (\(p(low.points))分) 与\(high.name.zh) \(n(high.value)) (\(p(high.points))分) 之间: ",
                        "\(v) lies between \(low.name.rawValue) \(n(low.value)) (\(p(low.points))) and \(high.name.rawValue) \(n(high.value)) (\(p(high.points))): ")
                + "\(p(low.points)) + \(p(high.points - low.points)) × (\(v) − \(n(low.value))) ÷ (\(n(high.value)) − \(n(low.value))) = \(score)"
        case .reached(let anchor):
            return pick("\(v) 达到\(anchor.name.zh) \(n(anchor.value)): \(score) 分", "\(v) reaches the \(anchor.name.rawValue) \(n(anchor.value)): \(score)")
        case .deduction:
            guard case .deduction(let rule) = rule else { return score }
            return "max(\(p(rule.floor)), \(p(rule.base)) − \(trimmed(rule.perUnit, digits: 2)) × \(trimmed(value, digits: 4))) = \(score)"
        case .band(let index):
            guard case .bands(let rule) = rule, rule.bands.indices.contains(index) else { return score }
            let sign = rule.bound == .atLeast ? "≥" : "≤"
            return pick("\(v) \(sign) \(n(rule.bands[index].limit)): 第 \(index + 1) 档, \(score) 分",
                        "\(v) \(sign) \(n(rule.bands[index].limit)): band \(index + 1), \(score)")
        case .noBand:
            return pick("\(v) 未进入任何分档: \(score) 分", "\(v) reaches no band: \(score)")
        case .rating:
            guard case .rating(let rule) = rule else { return score }
            return "\(trimmed(value, digits: 2)) ÷ \(trimmed(rule.scale, digits: 2)) × 100 = \(score)"
        case .noData:
            return score
        }
    }

    /// Which part of the rule applied, in a few words (a workbook column).
    public func label(chinese: Bool) -> String {
        func pick(_ zh: String, _ en: String) -> String { chinese ? zh : en }
        switch applied {
        case .belowThreshold: return pick("未达门槛", "below threshold")
        case .between(let low, let high): return pick("\(low.name.zh)–\(high.name.zh)之间", "\(low.name.rawValue) to \(high.name.rawValue)")
        case .reached(let anchor): return pick("达到\(anchor.name.zh)", "reached \(anchor.name.rawValue)")
        case .deduction(_, let floored): return floored ? pick("扣至下限", "deducted to the floor") : pick("扣分", "deducted")
        case .band(let index): return pick("第 \(index + 1) 档", "band \(index + 1)")
        case .noBand: return pick("未进分档", "no band")
        case .rating: return pick("评分", "rated")
        case .noData(.exclude): return method == .rating ? pick("尚未评分", "not rated") : pick("无数据(不计)", "no data (excluded)")
        case .noData(.zero): return pick("无数据(记0分)", "no data (scored 0)")
        case .noData(.target): return pick("无数据(按目标)", "no data (target)")
        }
    }
}

extension ScoringStep.Anchor.Name {
    /// 门槛, 目标, 挑战.
    public var zh: String {
        switch self {
        case .threshold: return "门槛"
        case .target: return "目标"
        case .challenge: return "挑战"
        }
    }
}

/// `value` with at most `digits` decimals and no trailing zeros.
public func trimmed(_ value: Double, digits: Int) -> String {
    var text = String(format: "%.\(digits)f", value)
    if text.contains(".") {
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
    }
    return text == "-0" ? "0" : text
}

/// An amount with thousands separators and at most two decimals: 1,234,567.5.
public func grouped(_ value: Double) -> String {
    let text = trimmed(abs(value), digits: 2)
    let parts = text.split(separator: ".", maxSplits: 1)
    var integer = String(parts[0])
    var groups: [String] = []
    while integer.count > 3 {
        groups.insert(String(integer.suffix(3)), at: 0)
        integer.removeLast(3)
    }
    groups.insert(integer, at: 0)
    let sign = value < 0 ? "-" : ""
    return sign + groups.joined(separator: ",") + (parts.count > 1 ? "." + parts[1] : "")
}
