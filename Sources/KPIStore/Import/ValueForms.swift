import Foundation

/// The forms in which Excel, WPS and people write values, beyond the plain ones the importer
/// reads fastest: dates with slashes, dots or 年月日, Excel serials, amounts with ¥ and
/// full-width digits. A form that could mean two things (`05/10/2026`) is refused, never guessed.
enum ValueForms {
    /// What a text says as a date or a moment.
    enum Moment: Equatable {
        /// A day, and the seconds into it when a time was written.
        case moment(Day, seconds: Int?)
        /// Day and month in an order that cannot be told (`05/10/2026`).
        case ambiguous
        case invalid
    }

    /// The forms a date may take, for messages.
    static func dateForms(chinese: Bool) -> String {
        chinese ? "2026-10-05、2026/10/5、2026.10.05 或 2026年10月5日" : "2026-10-05, 2026/10/5, 2026.10.05 or 2026年10月5日"
    }

    static func momentForms(chinese: Bool) -> String {
        chinese ? "2026-10-05 09:30、2026/10/5 9:30 或 2026年10月5日 9:30:00" : "2026-10-05 09:30, 2026/10/5 9:30 or 2026年10月5日 9:30:00"
    }

    /// Reads `2026-10-05`, `2026/10/5`, `2026.10.05`, `2026年10月5日`, each optionally followed by a
    /// time `9:30` or `09:30:00` (after a space or `T`); an Excel serial (`45935`, `45935.375`)
    /// of at least five digits — a small number is more likely a mistake than a day of 1900.
    static func moment(_ written: String) -> Moment {
        let text = halfWidth(written).trimmingCharacters(in: .whitespaces)
        if let serial = Double(text), serial >= 10_000, serial < 2_958_466, text.allSatisfy({ $0.isASCIIDigit || $0 == "." }) {
            return excelSerial(serial)
        }
        let scalars = Array(text.unicodeScalars)
        var index = 0
        func number(maxDigits: Int) -> Int? {
            var value = 0, digits = 0
            while index < scalars.count, digits < maxDigits, (48...57).contains(scalars[index].value) {
                value = value * 10 + Int(scalars[index].value - 48)
                digits += 1
                index += 1
            }
            return digits > 0 ? value : nil
        }
        func skip(_ separators: String) -> Unicode.Scalar? {
            guard index < scalars.count, separators.unicodeScalars.contains(scalars[index]) else { return nil }
            index += 1
            return scalars[index - 1]
        }
        let firstStart = index
        guard let first = number(maxDigits: 4) else { return .invalid }
        let firstDigits = index - firstStart
        guard let separator = skip("-/.年") else { return .invalid }
        guard let middle = number(maxDigits: 2) else { return .invalid }
        guard skip(separator == "年" ? "月" : String(separator)) != nil else { return .invalid }
        let thirdStart = index
        guard let third = number(maxDigits: 4) else { return .invalid }
        let thirdDigits = index - thirdStart
        if separator == "年" { _ = skip("日号") }
        let year: Int, month: Int, day: Int
        if firstDigits == 4, thirdDigits <= 2 {
            (year, month, day) = (first, middle, third)
        } else if firstDigits <= 2, thirdDigits == 4, separator != "年" {
            // 05/10/2026: 5 October or May 10 — unless one of them cannot be a month.
            return .ambiguous
        } else {
            return .invalid
        }
        guard let date = Day(year: year, month: month, day: day) else { return .invalid }
        guard index < scalars.count else { return .moment(date, seconds: nil) }
        guard skip(" T") != nil else { return .invalid }
        while skip(" ") != nil {}
        guard let hour = number(maxDigits: 2), hour < 24, skip(":") != nil else { return .invalid }
        let minuteStart = index
        guard let minute = number(maxDigits: 2), index - minuteStart == 2, minute < 60 else { return .invalid }
        var second = 0
        if skip(":") != nil {
            let secondStart = index
            guard let value = number(maxDigits: 2), index - secondStart == 2, value < 60 else { return .invalid }
            second = value
            if skip(".") != nil { _ = number(maxDigits: 9) }
        }
        guard index == scalars.count else { return .invalid }
        return .moment(date, seconds: hour * 3600 + minute * 60 + second)
    }

    /// The number a sheet stores (`45935.375`), read from its bytes without making a string;
    /// other forms (an exponent) through `Double`.
    static func number(_ bytes: UnsafeBufferPointer<UInt8>) -> Double? {
        var whole = 0, fraction = 0, scale = 1, index = 0
        while index < bytes.count, (48...57).contains(bytes[index]), index < 15 {
            whole = whole * 10 + Int(bytes[index] - 48)
            index += 1
        }
        if index < bytes.count, bytes[index] == UInt8(ascii: "."), index > 0 {
            index += 1
            while index < bytes.count, (48...57).contains(bytes[index]), scale < 1_000_000_000_000_000 {
                fraction = fraction * 10 + Int(bytes[index] - 48)
                scale *= 10
                index += 1
            }
            while index < bytes.count, (48...57).contains(bytes[index]) { index += 1 }
        }
        guard index == bytes.count, index > 0 else { return Double(String(decoding: bytes, as: UTF8.self)) }
        return Double(whole) + Double(fraction) / Double(scale)
    }

    /// An Excel serial of the 1900 system: day 1 is 1900-01-01, Excel's nonexistent 1900-02-29
    /// counted before March 1900; the fraction is the time of day, to the second.
    static func excelSerial(_ serial: Double) -> Moment {
        guard serial >= 1, serial < 2_958_466 else { return .invalid }
        let total = Int((serial * 86_400).rounded())
        var days = total / 86_400
        let seconds = total % 86_400
        if days < 61 { days += 1 }
        let date = Day(number: days - 25_569)
        return .moment(date, seconds: seconds == 0 && serial == serial.rounded(.down) ? nil : seconds)
    }

    /// Cents of an amount as a file gives it: a number cell to the fen, text in the plain form
    /// (read fastest) or as people write it.
    static func cents(_ text: String, numberCell: Bool) -> Int64? {
        numberCell ? cents(ofNumber: text) : ValueParser.cents(text) ?? cents(text)
    }

    /// Cents of an amount as people write it: `1,234.50`, `¥1,234.50`, `￥1234.5元`, full-width
    /// digits. The comma rule of `ValueParser.cents` holds.
    static func cents(_ written: String) -> Int64? {
        var text = halfWidth(written).trimmingCharacters(in: .whitespaces)
        if text.hasPrefix("¥") { text.removeFirst() }
        if text.hasSuffix("元") { text.removeLast() }
        return ValueParser.cents(text.trimmingCharacters(in: .whitespaces))
    }

    /// Cents of a number cell (`1234.5`, `1234.4999999999998`): the nearest fen, when the
    /// number is that fen up to a float's error; nil when it has more than two decimals.
    static func cents(ofNumber text: String) -> Int64? {
        guard let value = Double(text), value.isFinite, abs(value) < 1e13 else { return nil }
        let cents = (value * 100).rounded()
        guard abs(value * 100 - cents) < 1e-6 * max(1, abs(cents)) else { return nil }
        return Int64(cents)
    }

    /// A month: `2026-10`, `2026/10`, `2026.10`, `2026年10月`.
    static func month(_ written: String) -> Period? {
        var text = halfWidth(written).trimmingCharacters(in: .whitespaces)
        if text.hasSuffix("月") { text.removeLast() }
        for separator in ["/", ".", "年"] { text = text.replacingOccurrences(of: separator, with: "-") }
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 4, (1...2).contains(parts[1].count), let month = Int(parts[1]) else { return nil }
        return Period(String(parts[0]) + "-" + (month < 10 ? "0" : "") + String(month))
    }

    /// Full-width letters, digits and signs as their ASCII forms (`２０２６／１０` → `2026/10`), an
    /// ideographic space as a space, `￥` as `¥`.
    static func halfWidth(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { $0.value >= 0x3000 }) else { return text }
        return String(String.UnicodeScalarView(text.unicodeScalars.map { scalar in
            switch scalar.value {
            case 0xFF01...0xFF5E: return Unicode.Scalar(scalar.value - 0xFEE0)!
            case 0x3000: return " "
            case 0xFFE5: return "¥"
            default: return scalar
            }
        }))
    }
}
