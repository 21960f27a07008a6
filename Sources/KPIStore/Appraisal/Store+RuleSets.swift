import Crypto
import Foundation

/// The rules a period was scored by, as kept: the catalog's files, named by their hash.
public struct RuleSet: Sendable, Equatable {
    public let hash: String
    /// The commit of the catalog's git checkout when the rules were kept, if it was one.
    public let commit: String?
    public let files: [String: Data]
}

extension Store {
    /// The hash naming a set of catalog files: SHA-256 over each path and its bytes, in path order.
    public static func ruleSetHash(of files: [String: Data]) -> String {
        var hasher = SHA256()
        for path in files.keys.sorted() {
            hasher.update(data: Data(path.utf8))
            hasher.update(data: Data([0]))
            hasher.update(data: files[path] ?? Data())
            hasher.update(data: Data([0]))
        }
        return hexadecimal(hasher.finalize())
    }

    /// Keeps a catalog's files as a rule set, once however many runs use it, in the caller's
    /// transaction; returns its hash.
    @discardableResult
    public func keepRuleSet(_ files: [String: Data], commit: String?) throws -> String {
        let hash = Self.ruleSetHash(of: files)
        var kept = false
        try database.prepare("SELECT 1 FROM rule_sets WHERE hash = ?").forEach([.text(hash)]) { _ in kept = true }
        guard !kept else { return hash }
        try database.prepare("INSERT INTO rule_sets (hash, catalog_commit, kept_at) VALUES (?, ?, ?)")
            .run([.text(hash), commit.map(Statement.Value.text) ?? .null, .text(Self.timestamp())])
        let insert = try database.prepare("INSERT INTO rule_set_files (rule_set, path, content) VALUES (?, ?, ?)")
        for (path, content) in files.sorted(by: { $0.key < $1.key }) {
            // Catalog files are UTF-8 text: a catalog that loaded holds no other.
            try insert.run([.text(hash), .text(path), .text(String(decoding: content, as: UTF8.self))])
        }
        return hash
    }

    /// Records that the period's results were scored by the rule set `hash`.
    public func setRuleSet(_ hash: String, of period: Period) throws {
        try database.prepare("UPDATE appraisal_periods SET rule_set = ? WHERE period = ?").run([.text(hash), .text(period.description)])
    }

    /// The rules the period's results were scored by; nil before its first run (or for results
    /// from before rules were kept).
    public func ruleSet(of period: Period) throws -> RuleSet? {
        var header: (hash: String, commit: String?)?
        try database.prepare("""
            SELECT r.hash, r.catalog_commit FROM appraisal_periods p JOIN rule_sets r ON r.hash = p.rule_set WHERE p.period = ?
            """).forEach([.text(period.description)]) { header = ($0.text(0), $0.optionalText(1)) }
        guard let header else { return nil }
        var files: [String: Data] = [:]
        try database.prepare("SELECT path, content FROM rule_set_files WHERE rule_set = ?").forEach([.text(header.hash)]) { row in
            files[row.text(0)] = Data(row.text(1).utf8)
        }
        return RuleSet(hash: header.hash, commit: header.commit, files: files)
    }

    /// The hash of the rules the period's results were scored by; nil before its first run.
    public func ruleSetHash(of period: Period) throws -> String? {
        var hash: String?
        try database.prepare("SELECT rule_set FROM appraisal_periods WHERE period = ?").forEach([.text(period.description)]) { hash = $0.optionalText(0) }
        return hash
    }

    /// The hash of the rules each period with results was scored by, by period.
    public func ruleSetHashes() throws -> [Period: String] {
        var hashes: [Period: String] = [:]
        try database.prepare("SELECT period, rule_set FROM appraisal_periods WHERE rule_set IS NOT NULL").forEach { row in
            if let period = Period(row.text(0)) { hashes[period] = row.text(1) }
        }
        return hashes
    }
}
