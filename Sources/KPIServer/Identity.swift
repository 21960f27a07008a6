import Hummingbird
import KPIViews

/// Names the account behind each request — `Authorization: Bearer TOKEN` (a login's session or
/// an API token) or the session cookie — and the language of the answer: Chinese unless
/// `?lang=en`, the `kpi_lang` cookie or `Accept-Language` asks for English.
struct Identity: RouterMiddleware {
    typealias Context = KPIRequestContext
    static let sessionCookie = "kpi_session"
    static let languageCookie = "kpi_lang"

    let site: Site

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        context.language = Self.language(of: request)
        if let header = request.headers[.authorization], header.lowercased().hasPrefix("bearer ") {
            let token = String(header.dropFirst("bearer ".count)).trimmingCharacters(in: .whitespaces)
            context.login = try site.withStore { try site.signIn($0).bearer(token) }
        } else if let token = request.cookies[Self.sessionCookie]?.value,
                  let session = try site.withStore({ try site.signIn($0).session(token) }) {
            context.login = session.login
            context.session = (token, session.csrf)
        }
        return try await next(request, context)
    }

    static func language(of request: Request) -> Language {
        let asked = request.uri.queryParameters.get("lang") ?? request.cookies[languageCookie]?.value
            ?? request.headers[.acceptLanguage].map { $0.lowercased().hasPrefix("en") ? "en" : "zh" }
        return asked == "en" ? .en : .zh
    }
}
