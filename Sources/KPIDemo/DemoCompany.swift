import Foundation
import KPICatalog
import KPIFormula
import KPIStore

/// A realistic company built from the catalog, in its own database, the same for the same seed.
public enum DemoCompany {
    static let marker = "kpi demo"

    /// Builds the company at `path`, replacing a database the demo built before for the same
    /// login, and refusing any other that holds data: another program's, kpi's own records, or
    /// a demo company someone else built.
    public static func build(catalog: Catalog, at path: String, options: DemoOptions,
                             progress: ((String) -> Void)? = nil) throws -> DemoSummary {
        guard options.employees >= catalog.roles.count else {
            throw DemoError.tooFewEmployees(minimum: catalog.roles.count)
        }
        if FileManager.default.fileExists(atPath: path) {
            let existing: Store
            do {
                existing = try Store(path: path, creating: false)
            } catch StoreError.foreign {
                throw DemoError.foreignDatabase(path: path)
            }
            let isDemo = try existing.meta("created_by") == marker
            if !isDemo, try existing.count("employees") > 0 {
                throw DemoError.foreignDatabase(path: path)
            }
            if isDemo, let creator = try existing.auditEntries().first(where: { $0.action == "demo" })?.actor, creator != options.hrLogin {
                throw DemoError.someoneElses(path: path, creator: creator)
            }
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        }
        let store = try Store(path: path)
        let first = Period(length: .month, year: options.end.year, index: options.end.index)
        var start = first
        for _ in 1..<max(1, options.months) { start = start.previous }
        var random = SeededRandom(seed: options.seed)
        var staffing = Staffing(catalog: catalog, employees: options.employees, first: start.firstDay,
                                last: options.end.lastDay, random: &random)
        var generator = try RecordGenerator(catalog: catalog, store: store, staffing: staffing,
                                            first: start, last: options.end, random: random)
        let hrIndex = staffing.people.firstIndex { $0.role.permissions.contains(.appraisalAdmin) && $0.role.reportsTo != nil }
            ?? staffing.people.firstIndex { $0.role.permissions.contains(.appraisalAdmin) }
        if let hrIndex { generator.setLogin(of: hrIndex, to: options.hrLogin) }
        staffing = generator.staffing
        try store.transaction {
            try store.setMeta("created_by", marker)
            try store.setMeta("demo_seed", String(options.seed))
            try generator.writeAll(progress: progress)
            try store.audit(actor: options.hrLogin, action: "demo", target: path,
                            summary: "built a demo company of \(staffing.people.count) employees, \(start)…\(options.end), seed \(options.seed)")
        }
        let rows = try ImportKind.all.map { ($0, try store.count($0.table)) }
        let hr = hrIndex.map { (staffing.people[$0].id, staffing.people[$0].name, options.hrLogin) }
        return DemoSummary(path: path, employees: staffing.people.count, first: start, last: options.end, rows: rows, hrManager: hr)
    }
}
