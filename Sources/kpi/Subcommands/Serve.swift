import ArgumentParser
import Dispatch
import Foundation
import KPIServer

struct Serve: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Serve the appraisal to everyone with an account: the JSON API under /api/v1 and Chinese web pages.",
        discussion: """
        Staff sign in and see their own scorecards, heads their teams (and rate them), HR everything — the same rights as the command line. Accounts: kpi users add LOGIN (HR). Scripts: kpi token create NAME, then Authorization: Bearer TOKEN. The API is described at /api/v1/openapi.json. One log line per request; SIGTERM or Ctrl-C stops it after the requests under way.

        It speaks plain HTTP on 127.0.0.1 by default. To serve a company, keep it on loopback and put a TLS reverse proxy in front, e.g. nginx:
          server {
            listen 443 ssl;  server_name kpi.example.com;
            ssl_certificate /etc/ssl/kpi.crt;  ssl_certificate_key /etc/ssl/kpi.key;
            location / { proxy_pass http://127.0.0.1:8080; proxy_set_header Host $host; }
          }
        Session cookies are HttpOnly and SameSite=Strict; behind TLS the browser keeps them to that site.

        Example:
          kpi serve --db company.sqlite --port 8080
        """)
    @OptionGroup var global: GlobalOptions
    @Option(help: ArgumentHelp("The address to listen on (default 127.0.0.1: loopback only).", valueName: "host")) var host = "127.0.0.1"
    @Option(help: ArgumentHelp("The port (default 8080).", valueName: "port")) var port = 8080

    func run() throws {
        let application = try KPIServer.application(catalog: try global.loadCatalog(), databasePath: global.databasePath, host: host, port: port)
        warn(global.language.pick("kpi serve 在 http://\(host):\(port)/ 监听 (数据库 \(global.databasePath))；Ctrl-C 停止",
                                  "kpi serve listening on http://\(host):\(port)/ (database \(global.databasePath)); Ctrl-C stops it"))
        let stopped = Outcome()
        let done = DispatchSemaphore(value: 0)
        Task {
            do { try await application.runService() } catch { stopped.error = error }
            done.signal()
        }
        done.wait()
        if let error = stopped.error { throw error }
    }

    /// How the server's task ended, handed back to the waiting thread.
    private final class Outcome: @unchecked Sendable {
        var error: (any Error)?
    }
}
