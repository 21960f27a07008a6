import Foundation

/// Turns CSV text into stored values: day numbers, local seconds, cents, flags.
enum ValueParser {
    /// Cents of a decimal amount with at most two decimals (`1234.5`, `1,234.50`); nil when
    /// malformed. A comma must group thousands: `12,34` could be twelve point three four as
    /// Europe writes it, or a typo, and is refused rather than read as 1,234.
    static func cents(_ text: String) -> Int64? {
        let whole = text.prefix { $0 != "." }.drop { $0 == "-" }
        if whole.contains(",") {
            let groups = whole.split(separator: ",", omittingEmptySubsequences: false)
            guard (1...3).contains(groups[0].count), groups.dropFirst().allSatisfy({ $0.count == 3 }) else { return nil }
        }
        var digits = text.replacingOccurrences(of: ",", with: "")
        var negative = false
        if digits.hasPrefix("-") {
            negative = true
            digits.removeFirst()
        }
        let parts = digits.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, let whole = parts.first, !whole.isEmpty || parts.count == 2,
              whole.allSatisfy(\.isASCIIDigit), whole.count <= 15 else { return nil }
        var fraction = parts.count == 2 ? String(parts[1]) : ""
        guard fraction.count <= 2, fraction.allSatisfy(\.isASCIIDigit), !(parts.count == 2 && fraction.isEmpty && whole.isEmpty) else { return nil }
        while fraction.count < 2 { fraction += "0" }
        guard let units = Int64(whole.isEmpty ? "0" : String(whole)), let hundredths = Int64(fraction) else { return nil }
        let value = units * 100 + hundredths
        return negative ? -value : value
    }

    /// A whole number written in ASCII digits with an optional sign; nil when malformed or too large.
    static func integer(_ bytes: UnsafeBufferPointer<UInt8>) -> Int64? {
        var index = 0
        let negative = bytes.first == UInt8(ascii: "-")
        if negative || bytes.first == UInt8(ascii: "+") { index = 1 }
        guard index < bytes.count else { return nil }
        var value: Int64 = 0
        while index < bytes.count {
            let digit = Int64(bytes[index]) - 48
            guard (0...9).contains(digit) else { return nil }
            let (shifted, overflow) = value.multipliedReportingOverflow(by: 10)
            let (sum, carry) = shifted.addingReportingOverflow(negative ? -digit : digit)
            guard !overflow, !carry else { return nil }
            value = sum
            index += 1
        }
        return value
    }

    static func bool(_ text: String) -> Bool? {
        switch text.lowercased() {
        case "yes", "y", "true", "1", "是": return true
        case "no", "n", "false", "0", "否": return false
        default: return nil
        }
    }

    static func decimal(_ text: String) -> Double? {
        guard let value = Double(text), value.isFinite else { return nil }
        return value
    }
}

extension Character {
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
