import HummingbirdBcrypt
import KPIStore

/// An account as HR lists it: the login, whose it is, and whether it opens anything.
public struct AccountSummary: Sendable {
    public let login: String
    public let employee: Employee?
    public let disabled: Bool
    public let changedAt: String
}

extension Appraisals {
    /// The shortest password accepted.
    public static let shortestPassword = 8

    /// Gives the employee with `login` an account for `kpi serve` (HR only).
    public func addAccount(login: String, password: String) throws {
        try attempt("account", on: login, "adding the account \(login)") {
            try requireAdmin("adding an account")
            guard let employee = try organisation.employees.first(where: { $0.login == login }) else {
                throw AppraisalError.usage("no employee has the login `\(login)`; give them one in the employees file (column login, 登录名)")
            }
            try Self.checkPassword(password)
            try store.transaction {
                guard try store.account(login) == nil else {
                    throw AppraisalError.invalid("`\(login)` has an account already; kpi users passwd \(login) sets a new password")
                }
                try store.addAccount(login: login, passwordHash: Bcrypt.hash(password))
                try store.audit(actor: principal.auditName, action: "account", target: login, summary: "added the account of \(employee.id) \(employee.name)")
            }
        }
    }

    /// Sets a new password and ends the account's sessions: HR for anyone, everyone for themselves.
    public func setPassword(login: String, password: String) throws {
        try attempt("account", on: login, "setting the password of \(login)") {
            let me = try requireEmployee()
            guard principal.isAdmin || me.login == login else {
                throw AppraisalError.permissionDenied("setting another's password needs appraisal:admin")
            }
            try Self.checkPassword(password)
            try store.transaction {
                guard try store.account(login) != nil else { throw AppraisalError.usage("`\(login)` has no account; kpi users add \(login) makes one") }
                try store.setPasswordHash(login: login, Bcrypt.hash(password))
                try store.audit(actor: principal.auditName, action: "account", target: login, summary: "set a new password; sessions ended")
            }
        }
    }

    /// Disables an account (HR only): its sessions end and its API tokens are revoked.
    public func disableAccount(login: String) throws {
        try attempt("account", on: login, "disabling the account \(login)") {
            try requireAdmin("disabling an account")
            try store.transaction {
                guard try store.account(login) != nil else { throw AppraisalError.usage("`\(login)` has no account") }
                try store.setDisabled(login: login, true)
                try store.audit(actor: principal.auditName, action: "account", target: login, summary: "disabled; sessions ended, tokens revoked")
            }
        }
    }

    /// Every account, with its employee (HR only).
    public func accounts() throws -> [AccountSummary] {
        try requireAdmin("listing the accounts")
        let byLogin = Dictionary(try organisation.employees.compactMap { employee in employee.login.map { ($0, employee) } }) { first, _ in first }
        return try store.accounts().map { account in
            AccountSummary(login: account.login, employee: byLogin[account.login],
                           disabled: account.disabled, changedAt: account.changedAt)
        }
    }

    /// Makes an API token for the principal's own account; the token is shown only now.
    public func createToken(name: String) throws -> String {
        try attempt("token", on: name, "creating the token \(name)") {
            let login = try requireAccount()
            guard !name.isEmpty, !name.contains(where: \.isWhitespace) else {
                throw AppraisalError.usage("a token's name is one word, e.g. kpi token create nightly-report")
            }
            let token = Store.newSecret()
            try store.transaction {
                guard try !store.tokens(of: login).contains(where: { $0.name == name && $0.revokedAt == nil }) else {
                    throw AppraisalError.invalid("you have a token named `\(name)` already; kpi token revoke \(name) first")
                }
                try store.addToken(tokenHash: Store.secretHash(token), login: login, name: name)
                try store.audit(actor: principal.auditName, action: "token", target: login, summary: "created the API token \(name)")
            }
            return token
        }
    }

    /// Revokes one of the principal's own API tokens.
    public func revokeToken(name: String) throws {
        try attempt("token", on: name, "revoking the token \(name)") {
            let login = try requireAccount()
            try store.transaction {
                guard try store.revokeToken(login: login, name: name) else {
                    throw AppraisalError.usage("you have no token named `\(name)`; kpi token list shows yours")
                }
                try store.audit(actor: principal.auditName, action: "token", target: login, summary: "revoked the API token \(name)")
            }
        }
    }

    /// The principal's own API tokens.
    public func tokens() throws -> [APIToken] {
        try store.tokens(of: try requireAccount())
    }

    private func requireAccount() throws -> String {
        let me = try requireEmployee()
        guard let login = me.login, try store.account(login).map({ !$0.disabled }) == true else {
            throw AppraisalError.invalid("you have no account for kpi serve; HR makes one with kpi users add LOGIN")
        }
        return login
    }

    private static func checkPassword(_ password: String) throws {
        guard password.count >= shortestPassword else {
            throw AppraisalError.usage("a password needs at least \(shortestPassword) characters")
        }
    }
}
