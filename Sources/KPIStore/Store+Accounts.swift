import Crypto
import Foundation

/// A login for `kpi serve`, as stored: the bcrypt hash of its password, never the password.
public struct Account: Equatable, Sendable {
    public let login: String
    public let passwordHash: String
    public let disabled: Bool
    public let createdAt: String
    public let changedAt: String
}

/// An API token as listed: its name and when it was made or revoked; the token itself is shown
/// once, when made, and kept only as a hash.
public struct APIToken: Equatable, Sendable {
    public let name: String
    public let createdAt: String
    public let revokedAt: String?
}

extension Store {
    /// A new secret: 32 random bytes as hex.
    public static func newSecret() -> String {
        var generator = SystemRandomNumberGenerator()
        return hexadecimal((0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) })
    }

    /// How a session or API token is kept: its SHA-256, so that a copy of the database opens no door.
    public static func secretHash(_ secret: String) -> String {
        hexadecimal(SHA256.hash(data: Data(secret.utf8)))
    }

    public func account(_ login: String) throws -> Account? {
        try accounts(where: "WHERE login = ?", [.text(login)]).first
    }

    public func accounts() throws -> [Account] {
        try accounts(where: "ORDER BY login", [])
    }

    private func accounts(where clause: String, _ values: [Statement.Value]) throws -> [Account] {
        var result: [Account] = []
        try database.prepare("SELECT login, password_hash, disabled, created_at, changed_at FROM accounts \(clause)").forEach(values) { row in
            result.append(Account(login: row.text(0), passwordHash: row.text(1), disabled: row.int(2) != 0,
                                  createdAt: row.text(3), changedAt: row.text(4)))
        }
        return result
    }

    public func addAccount(login: String, passwordHash: String) throws {
        let now = Store.timestamp()
        try database.prepare("INSERT INTO accounts (login, password_hash, created_at, changed_at) VALUES (?, ?, ?, ?)")
            .run([.text(login), .text(passwordHash), .text(now), .text(now)])
    }

    /// A new password ends every session of the account.
    public func setPasswordHash(login: String, _ hash: String) throws {
        try database.prepare("UPDATE accounts SET password_hash = ?, changed_at = ? WHERE login = ?")
            .run([.text(hash), .text(Store.timestamp()), .text(login)])
        try removeSessions(of: login)
    }

    /// Disabling an account ends its sessions and revokes its tokens.
    public func setDisabled(login: String, _ disabled: Bool) throws {
        try database.prepare("UPDATE accounts SET disabled = ?, changed_at = ? WHERE login = ?")
            .run([.integer(disabled ? 1 : 0), .text(Store.timestamp()), .text(login)])
        if disabled {
            try removeSessions(of: login)
            try database.prepare("UPDATE api_tokens SET revoked_at = ? WHERE login = ? AND revoked_at IS NULL")
                .run([.text(Store.timestamp()), .text(login)])
        }
    }

    // MARK: Sessions

    public func addSession(tokenHash: String, login: String, csrf: String, expiresAt: Int) throws {
        try database.prepare("INSERT INTO sessions (token_hash, login, csrf, expires_at) VALUES (?, ?, ?, ?)")
            .run([.text(tokenHash), .text(login), .text(csrf), .integer(Int64(expiresAt))])
    }

    /// The login and CSRF token of a session that has not expired at `now` (seconds since 1970),
    /// of an account not disabled.
    public func session(tokenHash: String, now: Int) throws -> (login: String, csrf: String)? {
        var found: (String, String)?
        try database.prepare("""
            SELECT s.login, s.csrf FROM sessions s JOIN accounts a ON a.login = s.login
            WHERE s.token_hash = ? AND s.expires_at > ? AND a.disabled = 0
            """).forEach([.text(tokenHash), .integer(Int64(now))]) { row in found = (row.text(0), row.text(1)) }
        return found
    }

    public func removeSession(tokenHash: String) throws {
        try database.prepare("DELETE FROM sessions WHERE token_hash = ?").run([.text(tokenHash)])
    }

    func removeSessions(of login: String) throws {
        try database.prepare("DELETE FROM sessions WHERE login = ?").run([.text(login)])
    }

    /// Drops the sessions that expired before `now`.
    public func removeExpiredSessions(now: Int) throws {
        try database.prepare("DELETE FROM sessions WHERE expires_at <= ?").run([.integer(Int64(now))])
    }

    // MARK: API tokens

    public func addToken(tokenHash: String, login: String, name: String) throws {
        try database.prepare("INSERT INTO api_tokens (token_hash, login, name, created_at) VALUES (?, ?, ?, ?)")
            .run([.text(tokenHash), .text(login), .text(name), .text(Store.timestamp())])
    }

    /// The login of a token not revoked, of an account not disabled, or nil.
    public func tokenLogin(tokenHash: String) throws -> String? {
        var login: String?
        try database.prepare("""
            SELECT t.login FROM api_tokens t JOIN accounts a ON a.login = t.login
            WHERE t.token_hash = ? AND t.revoked_at IS NULL AND a.disabled = 0
            """).forEach([.text(tokenHash)]) { login = $0.text(0) }
        return login
    }

    public func tokens(of login: String) throws -> [APIToken] {
        var result: [APIToken] = []
        try database.prepare("SELECT name, created_at, revoked_at FROM api_tokens WHERE login = ? ORDER BY created_at, name")
            .forEach([.text(login)]) { result.append(APIToken(name: $0.text(0), createdAt: $0.text(1), revokedAt: $0.optionalText(2))) }
        return result
    }

    /// Revokes the token of that name; whether there was one.
    public func revokeToken(login: String, name: String) throws -> Bool {
        try database.prepare("UPDATE api_tokens SET revoked_at = ? WHERE login = ? AND name = ? AND revoked_at IS NULL")
            .run([.text(Store.timestamp()), .text(login), .text(name)])
        return database.changes > 0
    }

    // MARK: Failed logins

    public func recordLoginFailure(login: String, at now: Int) throws {
        try database.prepare("INSERT INTO login_failures (login, at) VALUES (?, ?)").run([.text(login), .integer(Int64(now))])
    }

    /// Failed logins for `login` at or after `since`.
    public func loginFailures(login: String, since: Int) throws -> Int {
        var count = 0
        try database.prepare("SELECT count(*) FROM login_failures WHERE login = ? AND at >= ?")
            .forEach([.text(login), .integer(Int64(since))]) { count = Int($0.int(0)) }
        return count
    }

    public func clearLoginFailures(login: String) throws {
        try database.prepare("DELETE FROM login_failures WHERE login = ?").run([.text(login)])
    }
}
