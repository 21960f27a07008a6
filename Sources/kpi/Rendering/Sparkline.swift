/// A series as a terminal sparkline, ▁ for its lowest value and █ for its highest; a gap for a
/// missing value, a flat ▄ line when all are equal.
func sparkline(_ values: [Double?]) -> String {
    let blocks: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]
    let present = values.compactMap { $0 }
    guard let low = present.min(), let high = present.max() else { return String(repeating: " ", count: values.count) }
    return String(values.map { value -> Character in
        guard let value else { return " " }
        guard high > low else { return "▄" }
        return blocks[min(blocks.count - 1, Int((value - low) / (high - low) * Double(blocks.count - 1) + 0.5))]
    })
}

/// The change from one value to the next, signed, or — when either is missing.
func change(from old: Double?, to new: Double?) -> String {
    guard let old, let new else { return "—" }
    return String(format: "%+.2f", new - old)
}
