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
        var text = String(text)
        guard let time = text.withUTF8({ LocalTime(utf8: $0) }) else { return nil }
        self = time
    }

    /// Parses the UTF-8 bytes of `YYYY-MM-DDTHH:MM[:SS]`, optionally followed by `Z` or an offset.
    init?(utf8 bytes: UnsafeBufferPointer<UInt8>) {
        guard bytes.count >= 16, let day = Day(utf8: bytes, at: 0),
              bytes[10] == UInt8(ascii: "T") || bytes[10] == UInt8(ascii: " "), bytes[13] == UInt8(ascii: ":"),
              let hour = decimal(bytes, 11, 2), let minute = decimal(bytes, 14, 2), hour < 24, minute < 60
        else { return nil }
        var index = 16
        var second = 0
        if bytes.count >= 19, bytes[16] == UInt8(ascii: ":") {
            guard let value = decimal(bytes, 17, 2), value < 60 else { return nil }
            second = value
            index = 19
        }
        let wallClock = day.number * 86_400 + hour * 3600 + minute * 60 + second
        guard index < bytes.count else {
            seconds = wallClock
            return
        }
        let offsetSeconds: Int
        if bytes[index] == UInt8(ascii: "Z"), index + 1 == bytes.count {
            offsetSeconds = 0
        } else if bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") {
            let zone = bytes[(index + 1)...].filter { $0 != UInt8(ascii: ":") }.map { Int($0) - 48 }
            guard zone.count == 4, zone.allSatisfy((0...9).contains) else { return nil }
            let hours = zone[0] * 10 + zone[1], minutes = zone[2] * 10 + zone[3]
            guard hours <= 14, minutes < 60 else { return nil }
            offsetSeconds = (bytes[index] == UInt8(ascii: "-") ? -1 : 1) * (hours * 3600 + minutes * 60)
        } else {
            return nil
        }
        let utc = wallClock - offsetSeconds
        seconds = utc + TimeZone.current.secondsFromGMT(for: Date(timeIntervalSince1970: TimeInterval(utc)))
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

extension LocalTime {
    /// This moment on the machine's clock, in local time.
    public static var now: LocalTime {
        let date = Date()
        return LocalTime(seconds: Int(date.timeIntervalSince1970) + TimeZone.current.secondsFromGMT(for: date))
    }
}

extension Day {
    /// Today, in local time.
    public static var today: Day { LocalTime.now.day }
}
