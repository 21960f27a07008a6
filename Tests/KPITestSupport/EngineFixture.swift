import Foundation
import KPICatalog
import KPIEngine
import KPIStore

/// A small company on the shipped catalog, with one period run, acted on by any of its people:
/// the engine's tests and the server's share it.
///
/// E1 总经理; E2 售后部经理 over E3 and E4 (售后维修工程师); E7 财务经理 over E9 (出纳);
/// E8 行政人事经理 (HR admin) over E10 (行政专员).
public struct EngineFixture {
    public let directory: URL
    public let path: String
    public let catalog: Catalog
    /// Everyone in the company.
    public static let people = ["E1", "E2", "E3", "E4", "E7", "E8", "E9", "E10"]

    public static let shippedCatalog = try? Catalog.load(from: URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path, measures: MeasureFamily.catalogue)

    public init() throws {
        guard let catalog = Self.shippedCatalog else { throw FixtureError("the shipped catalog does not load") }
        self.catalog = catalog
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("kpi-engine-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        path = directory.appendingPathComponent("kpi.sqlite").path
        let bootstrap = try appraisals(as: "nobody")
        _ = try bootstrap.importCSV(.employees, file: write("staff.csv", """
        id,name,login,role,manager,hire_date
        E1,王总,wang,general-manager,,2020-01-01
        E2,李经理,li,after-sales-manager,E1,2021-01-01
        E3,张工,zhang,after-sales-engineer,E2,2022-01-01
        E4,赵工,zhao,after-sales-engineer,E2,2022-01-01
        E7,钱会计,qian,finance-manager,E1,2021-01-01
        E8,孙人事,sun,hr-admin-manager,E1,2021-01-01
        E9,周出纳,zhou,cashier,E7,2022-01-01
        E10,吴行政,wu,admin-specialist,E8,2022-01-01
        """), dryRun: false, progress: nil)
        let hr = try appraisals(as: "sun")
        _ = try hr.importCSV(.tickets, file: write("tickets.csv", """
        id,priority,opened_at,first_response_at,resolved_at,assignee,visits,satisfaction
        T1,P1,2026-10-05T09:00,2026-10-05T09:10,2026-10-05T11:00,E3,1,5
        T2,P2,2026-10-06T09:00,2026-10-06T13:00,2026-10-07T08:00,E3,2,4
        T3,P3,2026-10-07T09:00,2026-10-07T10:00,2026-10-07T12:00,E4,0,5
        """), dryRun: false, progress: nil)
        try hr.open(Period("2026-10")!)
        try hr.run(Period("2026-10")!)
    }

    public func appraisals(as login: String) throws -> Appraisals {
        try Appraisals(catalog: catalog, store: Store(path: path), login: login)
    }

    public func write(_ name: String, _ text: String) throws -> String {
        let url = directory.appendingPathComponent(name)
        try (text + "\n").write(to: url, atomically: false, encoding: .utf8)
        return url.path
    }
}

public struct FixtureError: Error, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

extension Appraisals {
    /// Imports a CSV file, as `kpi import KIND FILE` does.
    public func importCSV(_ kind: ImportKind, file: String, dryRun: Bool, progress: (@Sendable (Int) -> Void)?) throws -> ImportSummary {
        try importRecords(kind, from: .file(file), ImportOptions(dryRun: dryRun, progress: progress))
    }
}
