import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import KPICatalog
import KPIEngine
import KPIServer
import KPIStore
import KPITestSupport
import NIOCore
import Testing

/// The engine's small company (`EngineFixture`) behind `kpi serve`, with an account for four of
/// its people: zhang (E3, staff), li (E2, after-sales head), sun (E8, HR) and wu (E10, with a rated
/// KPI), each with the password `<login>-password`.
struct ServerFixture {
    let company: EngineFixture
    static let period = Period("2026-10")!

    init() throws {
        company = try EngineFixture()
        let hr = try company.appraisals(as: "sun")
        for login in ["zhang", "li", "sun", "wu"] { try hr.addAccount(login: login, password: "\(login)-password") }
    }

    var path: String { company.path }

    func appraisals(as login: String) throws -> Appraisals {
        try company.appraisals(as: login)
    }

    /// Runs `test` against the server over Hummingbird's router test client.
    func test(_ test: @escaping @Sendable (any TestClientProtocol) async throws -> Void) async throws {
        let application = try KPIServer.application(catalog: company.catalog, databasePath: path, host: "127.0.0.1", port: 0, logLevel: .error)
        try await application.test(.router) { client in try await test(client) }
    }
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
