import Foundation
import KPICatalog
import KPIEngine
import KPIStore

/// What every request of one server shares: the catalog, the database's connections (one per
/// request at a time, kept for the next), and the employees, read once and read again only when
/// the audit log has moved (every write is audited) or the day has changed (roles are held from
/// a day).
final class Site: @unchecked Sendable {
    let catalog: Catalog
    let path: String
    /// The hash naming the catalog's files, as a run keeps them: taken once, not per request.
    let rulesHash: String
    private let lock = NSLock()
    private var idle: [Store] = []
    private var people: (mark: String, organisation: Organisation, byLogin: [String: Employee])?
    /// The API's read answers, kept until the database moves.
    let answers = Answers()

    /// Opens the database once, so that a wrong path fails before the server listens.
    init(catalog: Catalog, path: String) throws {
        self.catalog = catalog
        self.path = path
        rulesHash = Store.ruleSetHash(of: catalog.files.contents)
        idle.append(try Store(path: path, creating: false))
    }

    /// Runs `body` with a connection no other request is using.
    func withStore<T>(_ body: (Store) throws -> T) throws -> T {
        let store = try lock.withLock { idle.popLast() } ?? Store(path: path, creating: false)
        defer { lock.withLock { idle.append(store) } }
        return try body(store)
    }

    /// Where the database stands: the latest audit entry (every write is audited) and the day
    /// (roles are held from a day). What was read at one mark holds until the mark moves.
    func mark(_ store: Store) throws -> String {
        "\(try store.lastAuditID()) \(Day.today.iso)"
    }

    /// The organisation and the employees by login, as of the latest write.
    func employees(_ store: Store) throws -> (organisation: Organisation, byLogin: [String: Employee]) {
        let mark = try mark(store)
        if let people = lock.withLock({ people }), people.mark == mark { return (people.organisation, people.byLogin) }
        let employees = try store.employees()
        let fresh = (mark: mark, organisation: catalog.organisation(of: employees), byLogin: SignIn.people(employees))
        lock.withLock { people = fresh }
        return (fresh.organisation, fresh.byLogin)
    }

    func signIn(_ store: Store) throws -> SignIn {
        SignIn(store: store, people: try employees(store).byLogin)
    }

    /// The appraisal system as the account `login` sees it.
    func appraisals(_ store: Store, login: String) throws -> Appraisals {
        let people = try employees(store)
        return Appraisals(catalog: catalog, store: store, login: login, organisation: people.organisation, people: people.byLogin, rulesHash: rulesHash)
    }
}
