import Hummingbird
import KPICatalog
import Logging

/// `kpi serve`: the JSON API, the web pages and a static floor route on one Hummingbird
/// application over the engine's façade (docs/server.md).
public enum KPIServer {
    /// The application for a database and catalog, listening on `host:port`; `port` 0 takes a free one.
    public static func application(catalog: Catalog, databasePath: String, host: String, port: Int,
                                   logLevel: Logger.Level = .info) throws -> some ApplicationProtocol {
        let site = try Site(catalog: catalog, path: databasePath)
        let router = Router(context: KPIRequestContext.self)
        router.add(middleware: Identity(site: site))
        router.add(middleware: RequestLog())
        router.get("/health") { _, _ in "ok\n" }
        API(site: site).register(on: router)
        Pages(site: site, library: try PageTemplates.library()).register(on: router)
        var logger = Logger(label: "kpi serve")
        logger.logLevel = logLevel
        return Application(router: router, configuration: .init(address: .hostname(host, port: port), serverName: "kpi"), logger: logger)
    }
}
