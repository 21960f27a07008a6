import Foundation

/// An appraisal period: a month `YYYY-MM`, a quarter `YYYY-Qn` or a year `YYYY`.
public struct Period: Hashable, Comparable, Sendable, CustomStringConvertible {
    public enum Length: Sendable, Hashable {
        case month, quarter, year
    }

    public let length: Length
    public let year: Int
    /// The month (1–12), the quarter (1–4), or 1 for a year.
    public let index: Int

    public init?(_ text: String) {
        // Stored periods have no spaces: trimmed only when there is something to trim.
        let trimmed = text.first?.isWhitespace == true || text.last?.isWhitespace == true ? text.trimmingCharacters(in: .whitespaces) : text
        let parts = trimmed.split(separator: "-", omittingEmptySubsequences: false)
        guard let first = parts.first, first.count == 4, let year = Int(first), year >= 1900, year <= 9999 else { return nil }
        switch parts.count {
        case 1:
            self.init(length: .year, year: year, index: 1)
        case 2 where parts[1].count == 2 && (parts[1].first == "Q" || parts[1].first == "q"):
            guard let quarter = Int(parts[1].dropFirst()), (1...4).contains(quarter) else { return nil }
            self.init(length: .quarter, year: year, index: quarter)
        case 2 where parts[1].count == 2:
            guard let month = Int(parts[1]), (1...12).contains(month) else { return nil }
            self.init(length: .month, year: year, index: month)
        default:
            return nil
        }
    }

    public init(length: Length, year: Int, index: Int) {
        self.length = length
        self.year = year
        self.index = index
    }

    /// The month a day falls in.
    public static func month(of day: Day) -> Period {
        let (year, month, _) = day.components
        return Period(length: .month, year: year, index: month)
    }

    private var firstMonth: Int {
        switch length {
        case .month: return index
        case .quarter: return (index - 1) * 3 + 1
        case .year: return 1
        }
    }

    private var monthCount: Int {
        switch length {
        case .month: return 1
        case .quarter: return 3
        case .year: return 12
        }
    }

    public var firstDay: Day { Day(year: year, month: firstMonth, day: 1) ?? Day(number: 0) }

    public var lastDay: Day {
        let month = firstMonth + monthCount - 1
        return Day(year: year, month: month, day: Day.daysIn(month: month, year: year)) ?? Day(number: 0)
    }

    /// The first moment of the period and the first moment after it.
    public var start: LocalTime { LocalTime(day: firstDay) }
    public var end: LocalTime { LocalTime(day: lastDay.adding(days: 1)) }

    /// The months the period covers, in order.
    public var months: [Period] {
        (0..<monthCount).map { Period(length: .month, year: year, index: firstMonth + $0) }
    }

    /// The period of the same length just before this one.
    public var previous: Period {
        switch length {
        case .month: return index == 1 ? Period(length: .month, year: year - 1, index: 12) : Period(length: .month, year: year, index: index - 1)
        case .quarter: return index == 1 ? Period(length: .quarter, year: year - 1, index: 4) : Period(length: .quarter, year: year, index: index - 1)
        case .year: return Period(length: .year, year: year - 1, index: 1)
        }
    }

    public func contains(_ day: Day) -> Bool { day >= firstDay && day <= lastDay }

    public var description: String {
        switch length {
        case .month: return "\(year)-\(index < 10 ? "0" : "")\(index)"
        case .quarter: return "\(year)-Q\(index)"
        case .year: return "\(year)"
        }
    }

    public static func < (a: Period, b: Period) -> Bool { (a.firstDay, a.lastDay) < (b.firstDay, b.lastDay) }
}
