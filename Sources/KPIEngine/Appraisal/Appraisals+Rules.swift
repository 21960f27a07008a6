import Foundation
import KPICatalog
import KPIStore

extension Appraisals {
    /// The rules the period's results were scored by: the catalog's files its latest run kept,
    /// loaded once; today's catalog for a period never run, or run before rules were kept.
    public func rules(for period: Period) throws -> Catalog {
        guard let hash = try store.ruleSetHash(of: period), hash != currentRulesHash else { return catalog }
        if let loaded = keptRules[hash] { return loaded }
        guard let kept = try store.ruleSet(of: period) else { return catalog }
        do {
            let loaded = try Catalog.load(files: CatalogFiles(contents: kept.files), shownAs: "(the rules of \(period))", measures: catalog.measures)
            keptRules[hash] = loaded
            return loaded
        } catch {
            throw AppraisalError.invalid("the rules \(period) was scored by no longer load with this kpi: "
                + error.diagnostics.prefix(3).map(\.description).joined(separator: "; "))
        }
    }

    /// What differs between the rules the period was last run with and today's catalog; empty
    /// when nothing does, or the period was never run.
    public func ruleChanges(since period: Period) throws -> [CatalogChange] {
        guard try store.ruleSetHash(of: period) != nil else { return [] }
        return catalog.changes(from: try rules(for: period))
    }

    /// For a quarter or a year whose results and months' results were scored by more than one
    /// set of rules: each of them with the hash of its rules, the period first; empty when one set
    /// scored them all (or for a month).
    public func ruleSetsSpanned(by period: Period) throws -> [(period: Period, hash: String)] {
        guard period.length != .month else { return [] }
        let hashes = try store.ruleSetHashes()
        let spanned = ([period] + period.months).compactMap { part in hashes[part].map { (period: part, hash: $0) } }
        return Set(spanned.map(\.hash)).count > 1 ? spanned : []
    }

    /// Keeps the current catalog's files as the rules of the period's new results, in the run's
    /// transaction; audits what changed since the previous run.
    func keepRules(for period: Period, changes: [CatalogChange]) throws {
        let hash = try store.keepRuleSet(catalog.files.contents, commit: catalogCommit())
        try store.setRuleSet(hash, of: period)
        guard !changes.isEmpty else { return }
        let listed = changes.prefix(20).map(\.summary).joined(separator: "; ")
        try store.audit(actor: principal.auditName, action: "rules", target: period.description,
                        summary: "run with changed rules (\(changes.count) change\(changes.count == 1 ? "" : "s")): " + listed
                            + (changes.count > 20 ? "; …" : ""))
    }

    /// The commit of the catalog's git checkout, with `+changes` when its files differ from it;
    /// nil when the catalog is no checkout or git is not installed.
    private func catalogCommit() -> String? {
        guard let folder = catalog.files.folder else { return nil }
        func git(_ arguments: [String]) -> String? {
            let process = Process(), output = Pipe()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["git", "-C", folder] + arguments
            process.standardOutput = output
            process.standardError = FileHandle.nullDevice
            guard (try? process.run()) != nil else { return nil }
            let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            return process.terminationStatus == 0 ? text.trimmingCharacters(in: .whitespacesAndNewlines) : nil
        }
        guard let commit = git(["rev-parse", "HEAD"]), !commit.isEmpty else { return nil }
        let changed = git(["status", "--porcelain", "--", "roles", "kpi-definitions"]).map { !$0.isEmpty } ?? false
        return commit + (changed ? "+changes" : "")
    }
}

extension CatalogChange {
    /// `role/kpi field: old → new`, for the audit log.
    var summary: String {
        let place = [role, kpi].compactMap { $0 }.joined(separator: "/")
        return (place.isEmpty ? "" : place + " ") + "\(field): \(old ?? "—") → \(new ?? "—")"
    }
}
