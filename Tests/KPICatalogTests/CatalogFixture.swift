import Foundation
@testable import KPICatalog
import KPIStore

/// A small valid catalog written to a temporary folder, which a test may change before loading.
struct CatalogFixture {
    static let files: [String: String] = [
        "roles/departments.yaml": """
        departments:
          - {id: office, name: 总经办, parent: null}
          - {id: service, name: 售后部, parent: office}
        """,
        "roles/boss.yaml": """
        id: boss
        name: 总经理
        department: office
        reports_to: null
        level: executive
        permissions: [appraisal:admin]
        kpis:
          - kpi: response
            weight: 60
          - kpi: attitude
            weight: 40
        """,
        "roles/engineer.yaml": """
        id: engineer
        name: 售后工程师
        aliases: [服务工程师]
        department: service
        reports_to: boss
        level: staff
        kpis:
          - kpi: response
            weight: 100
        """,
        "kpi-definitions/response.yaml": """
        id: response
        name: 响应及时率
        unit: percent
        direction: higher
        scope: self
        formula: service.responded_on_time / service.tickets
        scoring:
          method: linear
          threshold: 0.80
          target: 0.95
          challenge: 1.00
        """,
        "kpi-definitions/attitude.yaml": """
        id: attitude
        name: 工作态度
        unit: score
        scoring:
          method: rating
          scale: 5
        """,
        "kpi-definitions/grading.yaml": """
        grades:
          - {grade: A, min_score: 90, coefficient: 1.2, max_share: 0.2}
          - {grade: B, min_score: 0, coefficient: 1.0}
        forced_distribution: department
        veto:
          - {kpi: response, max_grade: B}
        """,
        "kpi-definitions/service-levels.yaml": """
        priorities:
          P1: {respond_minutes: 30, resolve_minutes: 240}
          P2: {respond_minutes: 120, resolve_minutes: 1440}
          P3: {respond_minutes: 480, resolve_minutes: 4320}
        """,
    ]

    /// A change to the fixture before it is loaded.
    enum Edit: Sendable {
        case replace(String, String, in: String)
        case write(String, String)
        case writeBytes(String, [UInt8])
        case remove(String)
    }

    let root: URL

    init(_ edits: [Edit] = []) throws {
        root = FileManager.default.temporaryDirectory.appendingPathComponent("kpi-catalog-\(UUID().uuidString)")
        var files = Self.files
        var bytes: [String: [UInt8]] = [:]
        for edit in edits {
            switch edit {
            case .replace(let old, let new, let file):
                guard let text = files[file], text.contains(old) else {
                    throw FixtureError("the fixture's \(file) has no `\(old)` to replace")
                }
                files[file] = text.replacingOccurrences(of: old, with: new)
            case .write(let file, let text): files[file] = text
            case .writeBytes(let file, let data): bytes[file] = data
            case .remove(let file): files[file] = nil
            }
        }
        for folder in ["roles", "kpi-definitions"] {
            try FileManager.default.createDirectory(at: root.appendingPathComponent(folder), withIntermediateDirectories: true)
        }
        for (file, text) in files {
            try (text + "\n").write(to: root.appendingPathComponent(file), atomically: false, encoding: .utf8)
        }
        for (file, data) in bytes {
            try Data(data).write(to: root.appendingPathComponent(file))
        }
    }

    /// The diagnostics of loading the fixture, as `FILE:LINE:COLUMN: message` lines, with
    /// paths relative to the fixture; empty when it loads.
    func diagnostics() -> [String] {
        defer { try? FileManager.default.removeItem(at: root) }
        do {
            _ = try Catalog.load(from: root.path, measures: MeasureFamily.catalogue)
            return []
        } catch {
            return error.diagnostics.map { $0.description.replacingOccurrences(of: root.path + "/", with: "") }
        }
    }

    func load() throws -> Catalog {
        defer { try? FileManager.default.removeItem(at: root) }
        return try Catalog.load(from: root.path, measures: MeasureFamily.catalogue)
    }
}

struct FixtureError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
