/// What an import did.
public struct ImportSummary: Equatable, Sendable {
    public let kind: ImportKind
    public let rows: Int
    public let added: Int
    public let changed: Int
    public let unchanged: Int
    public let dryRun: Bool
    /// The sheet read, for a workbook.
    public var sheet: String? = nil
    /// What was skipped or ignored: a title above the header, a 合计 row, an unknown column.
    public var notes: [String] = []
    /// The months whose rows it added or changed, oldest first (none for a kind without a period column).
    public var months: [Period] = []
}
