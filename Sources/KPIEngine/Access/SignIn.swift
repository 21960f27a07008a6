import Foundation
import HummingbirdBcrypt
import KPIStore

/// Who comes in through `kpi serve`: a password checked against its bcrypt hash opens a session;
/// a session or an API token names the account on each request. An account belongs to the
/// employee with that login, and opens nothing once disabled or once the employee has left.
/// An unknown login, a wrong password, a disabled account and a departed employee all get the
/// same answer, in about the same time.
public struct SignIn {
    let store: Store
    /// The employees, by login.
    let people: [String: Employee]

    /// How long a session lasts.
    public static let sessionSeconds = 12 * 3600
    /// After this many failed logins for one login within `failureWindow` seconds, that login is
    /// refused until the window has passed.
    public static let failureLimit = 5
    public static let failureWindow = 15 * 60

    /// A session just opened: the secret for the cookie or the bearer header (shown only now),
    /// and the token forms must carry.
    public struct Session: Sendable {
        public let login: String
        public let token: String
        public let csrf: String
        public let expiresAt: Int
    }

    public enum Refusal: Error, Equatable {
        /// The one answer for an unknown login, a wrong password, a disabled account or a departed employee.
        case wrongLoginOrPassword
        /// Too many failures: try again after `seconds`.
        case throttled(seconds: Int)
    }

    public init(store: Store, employees: [Employee]) {
        self.init(store: store, people: Self.people(employees))
    }

    /// With the employees by login already at hand: a server keeps them for many requests.
    public init(store: Store, people: [String: Employee]) {
        self.store = store
        self.people = people
    }

    /// The employees by login.
    public static func people(_ employees: [Employee]) -> [String: Employee] {
        Dictionary(employees.compactMap { employee in employee.login.map { ($0, employee) } }) { first, _ in first }
    }

    /// A hash no password matches, checked for unknown logins so that they take as long as known ones.
    private static let decoy = Bcrypt.hash(Store.newSecret(), cost: 12)

    /// Checks the password and opens a session.
    public func signIn(login: String, password: String, now: Int = Int(Date().timeIntervalSince1970)) throws -> Session {
        let failures = try store.loginFailures(login: login, since: now - Self.failureWindow)
        if failures >= Self.failureLimit { throw Refusal.throttled(seconds: Self.failureWindow) }
        let account = try store.account(login)
        let matches = Bcrypt.verify(password, hash: account?.passwordHash ?? Self.decoy)
        guard let account, matches, !account.disabled, isActive(login, now: now) else {
            try store.transaction { try store.recordLoginFailure(login: login, at: now) }
            throw Refusal.wrongLoginOrPassword
        }
        let session = Session(login: account.login, token: Store.newSecret(), csrf: Store.newSecret(), expiresAt: now + Self.sessionSeconds)
        try store.transaction {
            try store.clearLoginFailures(login: login)
            try store.removeExpiredSessions(now: now)
            try store.addSession(tokenHash: Store.secretHash(session.token), login: session.login, csrf: session.csrf, expiresAt: session.expiresAt)
            try store.audit(actor: people[login]?.id ?? login, action: "login", target: login, summary: "signed in to kpi serve")
        }
        return session
    }

    /// The login and CSRF token of a live session, for a cookie; nil for anything else.
    public func session(_ token: String, now: Int = Int(Date().timeIntervalSince1970)) throws -> (login: String, csrf: String)? {
        try session(hash: Store.secretHash(token), now: now)
    }

    private func session(hash: String, now: Int) throws -> (login: String, csrf: String)? {
        guard let found = try store.session(tokenHash: hash, now: now), isActive(found.login, now: now) else { return nil }
        return found
    }

    /// The login a bearer token names — a session's or an API token's — or nil.
    public func bearer(_ token: String, now: Int = Int(Date().timeIntervalSince1970)) throws -> String? {
        let hash = Store.secretHash(token)
        if let session = try session(hash: hash, now: now) { return session.login }
        guard let login = try store.tokenLogin(tokenHash: hash), isActive(login, now: now) else { return nil }
        return login
    }

    /// Ends a session; audited, as every write is.
    public func signOut(_ token: String) throws {
        let hash = Store.secretHash(token)
        try store.transaction {
            guard let session = try store.session(tokenHash: hash, now: Int(Date().timeIntervalSince1970)) else { return }
            try store.removeSession(tokenHash: hash)
            try store.audit(actor: people[session.login]?.id ?? session.login, action: "logout", target: session.login, summary: "signed out of kpi serve")
        }
    }

    /// Whether the login belongs to an employee still employed (the store answers only for
    /// accounts not disabled).
    private func isActive(_ login: String, now: Int) -> Bool {
        people[login]?.isActive(on: LocalTime(seconds: now + TimeZone.current.secondsFromGMT()).day) ?? false
    }
}
