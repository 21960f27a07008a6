import Foundation

/// A moment as local wall-clock seconds since 1970-01-01T00:00 (the company's local time, the
/// machine's time zone). Values written with an offset are converted to local time.
public struct LocalTime: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let seconds: Int

    public init(seconds: Int) {
        self.seconds = seconds
    }

    public init(day: Day, hour: Int = 0, minute: Int = 0, second: Int = 0) {
        seconds = day.number * 86_400 + hour * 3600 + minute * 60 + second
    }

    /// Parses `YYYY-MM-DDTHH:MM[:SS]` in local time, or with `Z` or an offset (`+08:00`, `+0800`).
    /// A space may stand for the `T`.
    public init?(iso text: some StringProtocol) {
        let text = String(text)
        guard text.count >= 16 else { return nil }
        let dateEnd = text.index(text.startIndex, offsetBy: 10)
        guard let day = Day(iso: text[..<dateEnd]), text[dateEnd] == "T" || text[dateEnd] == " " else { return nil }
        var rest = text[text.index(after: dateEnd)...]
        var offsetSeconds: Int?
        if rest.hasSuffix("Z") {
            offsetSeconds = 0
            rest = rest.dropLast()
        } else if let signIndex = rest.lastIndex(where: { $0 == "+" || $0 == "-" }) {
            let zone = rest[rest.index(after: signIndex)...].replacingOccurrences(of: ":", with: "")
            guard zone.count == 4, let hours = Int(zone.prefix(2)), let minutes = Int(zone.suffix(2)),
                  hours <= 14, minutes < 60 else { return nil }
            offsetSeconds = (rest[signIndex] == "-" ? -1 : 1) * (hours * 3600 + minutes * 60)
            rest = rest[..<signIndex]
        }
        let fields = rest.split(separator: ":", omittingEmptySubsequences: false)
        guard fields.count == 2 || fields.count == 3, fields.allSatisfy({ $0.count == 2 }),
              let hour = Int(fields[0]), let minute = Int(fields[1]), hour < 24, minute < 60
        else { return nil }
        let second = fields.count == 3 ? Int(fields[2]) : 0
        guard let second, second < 60 else { return nil }
        let wallClock = day.number * 86_400 + hour * 3600 + minute * 60 + second
        if let offsetSeconds {
            let utc = wallClock - offsetSeconds
            let local = TimeZone.current.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(utc)))
            seconds = utc + local
        } else {
            seconds = wallClock
        }
    }

    public var day: Day { Day(number: seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400) }

    public func adding(minutes: Int) -> LocalTime { LocalTime(seconds: seconds + minutes * 60) }

    /// `YYYY-MM-DDTHH:MM:SS`.
    public var iso: String {
        let within = seconds - day.number * 86_400
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(day.iso)T\(two(within / 3600)):\(two(within / 60 % 60)):\(two(within % 60))"
    }

    public var description: String { iso }

    public static func < (a: LocalTime, b: LocalTime) -> Bool { a.seconds < b.seconds }
}
