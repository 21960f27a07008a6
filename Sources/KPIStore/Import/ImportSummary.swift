/// What an import did.
public struct ImportSummary: Equatable, Sendable {
    public let kind: ImportKind
    public let rows: Int
    public let added: Int
    public let changed: Int
    public let unchanged: Int
    public let dryRun: Bool
}
