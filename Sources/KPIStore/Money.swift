/// Amounts of money in fen, as people write them and as kpi prints them.
public enum Money {
    /// The fen of an amount as the import reads it (`1234.5`, `1,234.50`, `¥1,234.50`); nil when
    /// the text is not one.
    public static func fen(_ text: String) -> Int64? {
        ValueForms.cents(text, numberCell: false)
    }

    /// Fen as yuan with two decimals: `1234.50`.
    public static func yuan(_ fen: Int64) -> String {
        let sign = fen < 0 ? "-" : "", size = fen.magnitude
        return "\(sign)\(size / 100).\(size % 100 < 10 ? "0" : "")\(size % 100)"
    }
}
