import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import KPICatalog
import KPIEngine
import KPIServer
import KPIStore
import NIOCore
import Testing

/// A small appraised company behind `kpi serve`, with an account for four of its people.
///
/// E1 王总 (general manager); E2 李经理 (after-sales manager) over E3 张工 and E4 赵工; E7 钱会计 over
/// E9 周出纳; E8 孙人事 (HR admin) over E10 吴行政 (administrative specialist, with a rated KPI).
/// Accounts: zhang, li, sun, wu, each with the password `<login>-password`.
struct ServerFixture {
    let directory: URL
    let path: String
    let catalog: Catalog
    static let period = Period("2026-10")!
    static let people = ["E1", "E2", "E3", "E4", "E7", "E8", "E9", "E10"]

    static let shippedCatalog = try? Catalog.load(from: URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().path, measures: MeasureFamily.catalogue)

    init() throws {
        guard let catalog = Self.shippedCatalog else { throw FixtureError("the shipped catalog does not load") }
        self.catalog = catalog
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("kpi-server-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        path = directory.appendingPathComponent("kpi.sqlite").path
        _ = try appraisals(as: "nobody").importRecords(.employees, from: .file(write("staff.csv", """
        id,name,login,role,manager,hire_date
        E1,王总,wang,general-manager,,2020-01-01
        E2,李经理,li,after-sales-manager,E1,2021-01-01
        E3,张工,zhang,after-sales-engineer,E2,2022-01-01
        E4,赵工,zhao,after-sales-engineer,E2,2022-01-01
        E7,钱会计,qian,finance-manager,E1,2021-01-01
        E8,孙人事,sun,hr-admin-manager,E1,2021-01-01
        E9,周出纳,zhou,cashier,E7,2022-01-01
        E10,吴行政,wu,admin-specialist,E8,2022-01-01
        """)), Appraisals.ImportOptions(dryRun: false))
        let hr = try appraisals(as: "sun")
        _ = try hr.importRecords(.tickets, from: .file(write("tickets.csv", """
        id,priority,opened_at,first_response_at,resolved_at,assignee,visits,satisfaction
        T1,P1,2026-10-05T09:00,2026-10-05T09:10,2026-10-05T11:00,E3,1,5
        T2,P2,2026-10-06T09:00,2026-10-06T13:00,2026-10-07T08:00,E3,2,4
        T3,P3,2026-10-07T09:00,2026-10-07T10:00,2026-10-07T12:00,E4,0,5
        """)), Appraisals.ImportOptions(dryRun: false))
        try hr.open(Self.period)
        try hr.run(Self.period)
        for login in ["zhang", "li", "sun", "wu"] { try hr.addAccount(login: login, password: "\(login)-password") }
    }

    func appraisals(as login: String) throws -> Appraisals {
        try Appraisals(catalog: catalog, store: Store(path: path), login: login)
    }

    func write(_ name: String, _ text: String) throws -> String {
        let url = directory.appendingPathComponent(name)
        try (text + "\n").write(to: url, atomically: false, encoding: .utf8)
        return url.path
    }

    /// Runs `test` against the server over Hummingbird's router test client.
    func test(_ test: @escaping @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        let application = try KPIServer.application(catalog: catalog, databasePath: path, host: "127.0.0.1", port: 0, logLevel: .error)
        try await application.test(.router) { client in try await test(client) }
    }
}

struct FixtureError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

extension TestClientProtocol {
    /// POSTs a JSON text; returns the response.
    func post(_ uri: String, json: String, token: String? = nil) async throws -> TestResponse {
        var headers: HTTPFields = [.contentType: "application/json"]
        if let token { headers[.authorization] = "Bearer \(token)" }
        return try await executeRequest(uri: uri, method: .post, headers: headers, body: ByteBuffer(string: json))
    }

    func get(_ uri: String, token: String? = nil, cookie: String? = nil) async throws -> TestResponse {
        var headers: HTTPFields = [:]
        if let token { headers[.authorization] = "Bearer \(token)" }
        if let cookie { headers[.cookie] = cookie }
        return try await executeRequest(uri: uri, method: .get, headers: headers, body: nil)
    }

    /// Signs in through the API and returns the token.
    func token(_ login: String) async throws -> String {
        let response = try await post("/api/v1/login", json: #"{"login": "\#(login)", "password": "\#(login)-password"}"#)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [String: Any])
        return try #require(object["token"] as? String, "\(object)")
    }
}

extension TestResponse {
    var text: String { String(buffer: body) }
    var object: [String: Any]? { try? JSONSerialization.jsonObject(with: Data(body.readableBytesView)) as? [String: Any] }
}
