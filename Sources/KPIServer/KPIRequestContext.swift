import Hummingbird
import KPIViews

/// A request as the server handles it: who sent it (an account's login, from a bearer token or
/// the session cookie), the session's CSRF token for forms, and the language of the answer.
struct KPIRequestContext: RequestContext {
    var coreContext: CoreRequestContextStorage
    /// The account's login; nil for nobody signed in.
    var login: String?
    /// The session token from the cookie, and the CSRF token every form of that session carries.
    var session: (token: String, csrf: String)?
    var language: Language = .zh

    init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
    }

    /// Bodies are small JSON objects and forms.
    var maxUploadSize: Int { 64 * 1024 }
}
