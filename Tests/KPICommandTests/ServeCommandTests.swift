import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing

@Suite("kpi serve as a process, and the command line as its client")
struct ServeCommandTests {
    let fixture: CommandFixture

    init() throws {
        fixture = try CommandFixture("serve")
    }

    /// A port nothing listens on now, on loopback.
    static func freePort() throws -> Int {
        let found = try KpiRunner.python("import socket; s = socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])", [])
        return try #require(Int(found.stdout.trimmingCharacters(in: .whitespacesAndNewlines)))
    }

    /// Whether `url` answers 200 within a few seconds.
    static func answers(_ url: URL) -> Bool {
        for _ in 0..<50 {
            let done = DispatchSemaphore(value: 0)
            final class Seen: @unchecked Sendable { var ok = false }
            let seen = Seen()
            URLSession.shared.dataTask(with: url) { _, response, _ in
                seen.ok = (response as? HTTPURLResponse)?.statusCode == 200
                done.signal()
            }.resume()
            done.wait()
            if seen.ok { return true }
            Thread.sleep(forTimeInterval: 0.1)
        }
        return false
    }

    @Test("kpi login stores a token (0600); me goes over HTTP and prints what it prints locally; team is refused as locally; SIGTERM stops the server")
    func client() throws {
        try fixture.importCompany(tickets: """
        id,priority,opened_at,first_response_at,resolved_at,assignee,satisfaction
        T1,P1,2026-10-05T09:00,2026-10-05T09:10,2026-10-05T11:00,E3,5
        """)
        #expect(try fixture.run(["appraisal", "open", "2026-10"]).status == 0)
        #expect(try fixture.run(["appraisal", "run", "2026-10"]).status == 0)
        let database = fixture.directory.appendingPathComponent("kpi.sqlite").path
        let added = try KpiRunner.run(["users", "add", "zhang", "--password-stdin", "--db", database], in: fixture.directory,
                                      environment: ["KPI_CATALOG": KpiRunner.packageRoot.path, "KPI_USER": "wang"], input: "zhang-password\n")
        #expect(added.status == 0, "\(added.stderr)")

        let port = try Self.freePort()
        let server = Process()
        server.executableURL = try KpiRunner.executable.get()
        server.arguments = ["serve", "--db", database, "--host", "127.0.0.1", "--port", String(port)]
        var environment = ProcessInfo.processInfo.environment
        environment["KPI_CATALOG"] = KpiRunner.packageRoot.path
        server.environment = environment
        let log = Pipe()
        server.standardOutput = log
        server.standardError = log
        try server.run()
        defer { if server.isRunning { server.terminate() } }
        #expect(Self.answers(URL(string: "http://127.0.0.1:\(port)/health")!))

        // The client: no database named, a config folder of its own.
        let config = fixture.directory.appendingPathComponent("config")
        let client = ["KPI_CATALOG": KpiRunner.packageRoot.path, "XDG_CONFIG_HOME": config.path, "KPI_DB": ""]
        let login = try KpiRunner.run(["login", "http://127.0.0.1:\(port)", "--user", "zhang", "--password-stdin"], in: fixture.directory,
                                      environment: client, input: "zhang-password\n")
        #expect(login.status == 0, "\(login.stderr)")
        let stored = config.appendingPathComponent("kpi/login.json").path
        #expect((try FileManager.default.attributesOfItem(atPath: stored)[.posixPermissions] as? Int) == 0o600)

        for format in ["table", "json"] {
            let remote = try KpiRunner.run(["me", "--format", format], in: fixture.directory, environment: client)
            let local = try fixture.run(["me", "--format", format], as: "zhang")
            #expect(remote.status == 0, "\(remote.stderr)")
            #expect(remote.stdout == local.stdout)
            #expect(remote.stdout.contains("E3"))
        }
        let team = try KpiRunner.run(["team"], in: fixture.directory, environment: client)
        #expect(team.status == 3)
        #expect(team.stderr.contains("view:team"))

        server.terminate()
        server.waitUntilExit()
        #expect(server.terminationStatus == 0, "SIGTERM stops it gracefully")
        let lines = String(decoding: log.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(lines.contains("GET /api/v1/me 200"))
        #expect(lines.contains("GET /api/v1/team 403"))
    }
}
