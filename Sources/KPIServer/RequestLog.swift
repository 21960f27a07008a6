import Foundation
import Hummingbird
import Logging

/// One log line per request, written when it is answered: method, path, status, time taken and
/// the account, e.g. `GET /api/v1/me 200 3.1 ms li`.
struct RequestLog: RouterMiddleware {
    typealias Context = KPIRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        let response = try await next(request, context)
        let elapsed = start.duration(to: .now)
        let milliseconds = Double(elapsed.components.seconds) * 1000 + Double(elapsed.components.attoseconds) / 1e15
        context.logger.info("\(request.method) \(request.uri.path) \(response.status.code) \(String(format: "%.1f", milliseconds)) ms \(context.login ?? "-")")
        return response
    }
}
