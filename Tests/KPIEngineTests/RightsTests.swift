import Foundation
import KPICatalog
import KPIFormula
import KPITestSupport
import Testing
@testable import KPIEngine
import KPIStore

/// What an attempt came to.
enum Outcome: Equatable, CustomStringConvertible {
    case allowed
    /// Exit 3, with the message shown.
    case refused(String)
    /// Exit 2: allowed to know, and there is nothing there.
    case unknown

    var description: String {
        switch self {
        case .allowed: return "allowed"
        case .refused(let message): return "refused(\(message))"
        case .unknown: return "unknown"
        }
    }
}

func outcome(_ body: () throws -> Void) -> Outcome {
    do {
        try body()
        return .allowed
    } catch AppraisalError.permissionDenied(let message) {
        return .refused(message)
    } catch AppraisalError.usage {
        return .unknown
    } catch {
        return .refused("unexpected \(error)")
    }
}

@Suite("Rights: who may see, rate and close what (docs/cli.md, rights)")
struct RightsTests {
    static let october = Period("2026-10")!
    static func viewRefusal(_ id: String) -> Outcome {
        .refused("the scorecard of \(id) needs view:team, view:department or view:company over them")
    }

    /// (actor login, target employee, expected) for `kpi scorecard`.
    static let scorecardMatrix: [(String, String, Outcome)] = [
        // Staff (售后维修工程师 E3): own only.
        ("zhang", "E3", .allowed), ("zhang", "E4", (viewRefusal("E4"))), ("zhang", "E9", (viewRefusal("E9"))),
        ("zhang", "E99", (viewRefusal("E99"))),
        // Team lead (售后部经理 E2): own, the team; not a peer head nor another department; unknown looks refused.
        ("li", "E2", .allowed), ("li", "E3", .allowed), ("li", "E4", .allowed), ("li", "E7", (viewRefusal("E7"))),
        ("li", "E9", (viewRefusal("E9"))), ("li", "E99", (viewRefusal("E99"))),
        // Department head (财务经理 E7): own, the department; not after-sales.
        ("qian", "E7", .allowed), ("qian", "E9", .allowed), ("qian", "E3", (viewRefusal("E3"))),
        ("qian", "E99", (viewRefusal("E99"))),
        // HR admin (行政人事经理 E8): everyone; an unknown id is simply unknown.
        ("sun", "E3", .allowed), ("sun", "E9", .allowed), ("sun", "E1", .allowed), ("sun", "E99", .unknown),
        // A login that is nobody's sees nothing.
        ("stranger", "E3", .refused("the login `stranger` is no employee of this database; set KPI_USER to your employee id or login")),
    ]

    @Test("scorecard", arguments: scorecardMatrix)
    func scorecard(login: String, target: String, expected: Outcome) throws {
        let appraisals = try EngineFixture().appraisals(as: login)
        #expect(outcome { _ = try appraisals.scorecard(of: target, period: Self.october) } == expected)
    }

    /// (actor login, target employee, expected) for `kpi explain` of the target's first KPI.
    static let explainMatrix: [(String, String, Outcome)] = [
        ("zhang", "E3", .allowed), ("zhang", "E4", (viewRefusal("E4"))), ("zhang", "E99", (viewRefusal("E99"))),
        ("li", "E3", .allowed), ("li", "E9", (viewRefusal("E9"))), ("qian", "E9", .allowed), ("qian", "E3", (viewRefusal("E3"))),
        ("sun", "E4", .allowed), ("sun", "E99", .unknown),
    ]

    @Test("explain", arguments: explainMatrix)
    func explain(login: String, target: String, expected: Outcome) throws {
        let appraisals = try EngineFixture().appraisals(as: login)
        let kpi = appraisals.catalog.role(target == "E9" ? "cashier" : "after-sales-engineer")?.kpis.first?.kpi ?? ""
        #expect(outcome { _ = try appraisals.explain(target, kpi: kpi, period: Self.october) } == expected)
    }

    static let companyRefusal = Outcome.refused("the company's measures need appraisal:admin or view:company")
    static func scopeRefusal(_ id: String, _ scope: String) -> Outcome {
        .refused("the measures of \(id)'s \(scope) need the right to view everyone in it (view:team, view:department or view:company)")
    }

    /// (login, employee, scope, expected) for `kpi measures`: figures summed over a scope need the
    /// right to view everyone in it.
    static let measuresMatrix: [(String, String, MeasureScope, Outcome)] = [
        // Staff: their own records; not their department's, not the company's (sales, receivables, headcount).
        ("zhang", "E3", .self, .allowed), ("zhang", "E3", .team, .allowed),
        ("zhang", "E3", .department, scopeRefusal("E3", "department")), ("zhang", "E3", .company, companyRefusal),
        // 售后部经理 (view:team): the team; not the company.
        ("li", "E2", .team, .allowed), ("li", "E3", .self, .allowed), ("li", "E2", .company, companyRefusal),
        // 财务经理 (view:department): the department.
        ("qian", "E7", .department, .allowed), ("qian", "E7", .company, companyRefusal),
        // HR admin: everything.
        ("sun", "E3", .company, .allowed), ("sun", "E3", .department, .allowed),
    ]

    @Test("measures over a scope", arguments: measuresMatrix)
    func measures(login: String, target: String, scope: MeasureScope, expected: Outcome) throws {
        let appraisals = try EngineFixture().appraisals(as: login)
        #expect(outcome { _ = try appraisals.measures(of: target, period: Self.october, scope: scope) } == expected)
    }

    @Test("a refusal reads the same whether or not the employee exists")
    func refusalRevealsNothing() throws {
        let appraisals = try EngineFixture().appraisals(as: "zhang")
        let existing = outcome { _ = try appraisals.scorecard(of: "E9", period: Self.october) }
        let missing = outcome { _ = try appraisals.scorecard(of: "E99", period: Self.october) }
        #expect(existing.description.replacingOccurrences(of: "E9", with: "X") == missing.description.replacingOccurrences(of: "E99", with: "X"))
    }

    @Test("an employee is named by 工号 in any case, login or unique name; a name tells nothing of whom one may not view")
    func employeesByName() throws {
        let fixture = try EngineFixture()
        let hr = try fixture.appraisals(as: "sun")
        #expect(try ["E10", "e10", "wu", "WU", "吴行政", " 吴行政 "].map(hr.employeeID(named:)) == Array(repeating: "E10", count: 6))
        #expect(try hr.scorecard(of: hr.employeeID(named: "e3"), period: Self.october).employee == "E3")
        // 张工 finds himself by name without more; 吴行政 is not his to view, so the name comes back as typed and is refused as an id is.
        let zhang = try fixture.appraisals(as: "zhang")
        #expect(try zhang.employeeID(named: "张工") == "E3")
        #expect(try zhang.employeeID(named: "吴行政") == "吴行政")
        #expect(outcome { _ = try zhang.scorecard(of: zhang.employeeID(named: "吴行政"), period: Self.october) } != .allowed)
        // A second 张工, in administration: HR is asked for the 工号, with both named.
        _ = try hr.importCSV(.employees, file: fixture.write("more.csv", "id,name,login,role,manager,hire_date\nE11,张工,zhang2,admin-specialist,E8,2023-01-01"),
                             dryRun: false, progress: nil)
        let again = try fixture.appraisals(as: "sun")
        let refusal = #expect(throws: AppraisalError.self) { try again.employeeID(named: "张工") }
        #expect(refusal?.localizedDescription.contains("E3 (") == true && refusal?.localizedDescription.contains("E11 (") == true)
        #expect(try again.employeeID(named: "e11") == "E11")
    }

    /// (rater login, employee, expected) rating 行政专员 E10's leader-satisfaction, and others.
    static let rateMatrix: [(String, String, Outcome)] = [
        ("sun", "E10", .allowed),
        ("wu", "E10", .refused(notTheirRater("E10"))),
        ("li", "E10", .refused(notTheirRater("E10"))),
        ("zhang", "E10", .refused(notTheirRater("E10"))),
        ("qian", "E10", .refused(notTheirRater("E10"))),
        ("li", "E99", .refused(notTheirRater("E99"))),
        ("wang", "E10", .allowed),
    ]

    static func notTheirRater(_ id: String) -> String {
        "rating \(id) needs to be their manager (rate:team over them), their project's manager, their department head or HR"
    }

    @Test("rate", arguments: rateMatrix)
    func rate(login: String, target: String, expected: Outcome) throws {
        let appraisals = try EngineFixture().appraisals(as: login)
        #expect(outcome { try appraisals.rate(target, kpi: "leader-satisfaction", score: 4, period: Self.october, comment: nil) } == expected)
    }

    @Test("close needs appraisal:admin", arguments: [
        ("zhang", Outcome.refused("closing a period needs appraisal:admin")), ("li", .refused("closing a period needs appraisal:admin")),
        ("qian", .refused("closing a period needs appraisal:admin")), ("sun", .allowed), ("wang", .allowed),
    ])
    func close(login: String, expected: Outcome) throws {
        let appraisals = try EngineFixture().appraisals(as: login)
        #expect(outcome { try appraisals.close(Self.october, force: true, reason: "the rights alone") } == expected)
    }

    @Test("imports follow the import rights of the role")
    func imports() throws {
        let fixture = try EngineFixture()
        let file = try fixture.write("items.csv", "sku,name\nS1,网线")
        #expect(outcome { _ = try fixture.appraisals(as: "li").importCSV(.items, file: file, dryRun: true, progress: nil) }
                == .refused("importing items needs import:warehouse, import:all or appraisal:admin"))
        #expect(outcome { _ = try fixture.appraisals(as: "qian").importCSV(.items, file: file, dryRun: true, progress: nil) } == .allowed)
        let tickets = try fixture.write("more.csv", "id,priority,opened_at,assignee\nT9,P1,2026-11-02T09:00,E3")
        #expect(outcome { _ = try fixture.appraisals(as: "li").importCSV(.tickets, file: tickets, dryRun: true, progress: nil) } == .allowed)
        #expect(outcome { _ = try fixture.appraisals(as: "zhang").importCSV(.tickets, file: tickets, dryRun: true, progress: nil) }
                == .refused("importing tickets needs import:service, import:all or appraisal:admin"))
    }

    @Test("every kind's import right is a permission a role can hold, and import:all and appraisal:admin open every kind")
    func declaredRights() {
        for kind in ImportKind.all {
            if let right = kind.importRight {
                let permission = Permission(rawValue: right)
                #expect(permission != nil, "\(kind.id): \(right)")
                #expect(Rights.mayImport(kind, with: Set([permission].compactMap { $0 })), "\(kind.id)")
            }
            #expect(Rights.mayImport(kind, with: [.importAll]) && Rights.mayImport(kind, with: [.appraisalAdmin]))
            #expect(!Rights.mayImport(kind, with: [.viewCompany, .rateTeam]))
        }
        #expect(!Rights.mayImport(.ratings, with: [.importHR]))
    }

    @Test("nobody gives a role whose rights they lack, least of all to themselves; keeping a role is fine")
    func roleGrants() throws {
        let fixture = try EngineFixture()
        let hr = try fixture.appraisals(as: "sun")
        _ = try hr.importCSV(.employees, file: try fixture.write("hs.csv", "id,name,login,role,manager,hire_date\nE11,郑人事,zheng,hr-specialist,E8,2023-01-01"),
                             dryRun: false, progress: nil)
        let specialist = try fixture.appraisals(as: "zheng")
        let refusal = "the role `hr-admin-manager` carries appraisal:admin, view:company, rate:team, view:team, which you do not hold; only someone who holds them may give it"
        // The 人事专员 (import:hr) makes themselves 行政人事经理: refused, nothing written.
        let climb = try fixture.write("climb.csv", "id,name,login,role,manager,hire_date\nE11,郑人事,zheng,hr-admin-manager,E1,2023-01-01")
        #expect(throws: ImportError(file: climb, problems: [ImportProblem(line: 2, column: 4, refusal)], badRows: 1)) {
            try specialist.importCSV(.employees, file: climb, dryRun: false, progress: nil)
        }
        #expect(try fixture.appraisals(as: "zheng").principal.permissions == [.importHR])
        // Nor anyone else; but a new driver, and the employees file as it stands, are fine.
        let others = try fixture.write("others.csv", "id,name,login,role,manager,hire_date\nE10,吴行政,wu,hr-admin-manager,E8,2022-01-01")
        #expect(throws: ImportError.self) { try specialist.importCSV(.employees, file: others, dryRun: false, progress: nil) }
        let hiring = try fixture.write("hiring.csv", "id,name,login,role,manager,hire_date\nE11,郑人事,zheng,hr-specialist,E8,2023-01-01\nE12,冯司机,feng,driver,E8,2026-11-01")
        #expect(try specialist.importCSV(.employees, file: hiring, dryRun: false, progress: nil).added == 1)
        // HR, holding every right of the role, may give it.
        #expect(try hr.importCSV(.employees, file: others, dryRun: true, progress: nil).changed == 1)
    }

    @Test("the team view lists exactly whom the principal may see")
    func team() throws {
        let fixture = try EngineFixture()
        #expect(try fixture.appraisals(as: "li").team(period: Self.october, department: nil).map(\.employee) == ["E2", "E3", "E4"])
        #expect(try fixture.appraisals(as: "qian").team(period: Self.october, department: "finance").map(\.employee) == ["E7", "E9"])
        #expect(outcome { _ = try fixture.appraisals(as: "qian").team(period: Self.october, department: "after-sales") }
                == .refused("the scorecards of 售后运维部 need view:department over it or view:company"))
        #expect(outcome { _ = try fixture.appraisals(as: "zhang").team(period: Self.october, department: nil) }
                == .refused("a team view needs view:team, view:department or view:company; `kpi me` shows your own"))
    }
}

@Suite("Closed periods refuse writes until reopened (docs/cli.md, closed periods)")
struct ClosedPeriodTests {
    @Test("imports and ratings dated in a closed month are refused with exit 4; reopen lets them in")
    func closedMonth() throws {
        let fixture = try EngineFixture()
        let hr = try fixture.appraisals(as: "sun")
        let october = Period("2026-10")!
        try hr.close(october, force: true, reason: "test")
        let late = try fixture.write("late.csv", "id,priority,opened_at,assignee\nT8,P2,2026-10-20T10:00,E4\nT9,P2,2026-11-02T10:00,E4")
        do {
            _ = try hr.importCSV(.tickets, file: late, dryRun: false, progress: nil)
            Issue.record("the import was accepted")
        } catch let error as ImportError {
            #expect(error.closedPeriod)
            #expect(error.problems == [ImportProblem(line: 2, column: 3, "2026-10 is closed; an admin must reopen it first: kpi appraisal reopen 2026-10")])
        }
        #expect(throws: AppraisalError.periodClosed("2026-10 is closed; an admin must reopen it first: kpi appraisal reopen 2026-10")) {
            try hr.rate("E10", kpi: "leader-satisfaction", score: 4, period: october, comment: nil)
        }
        #expect(throws: AppraisalError.periodClosed("2026-10 is closed; reopen it first: kpi appraisal reopen 2026-10")) {
            try hr.run(october)
        }
        try hr.reopen(october, reason: "late tickets")
        #expect(try hr.importCSV(.tickets, file: late, dryRun: false, progress: nil).added == 2)
        try hr.rate("E10", kpi: "leader-satisfaction", score: 4, period: october, comment: "按时完成")
        try hr.rate("E10", kpi: "leader-satisfaction", score: 5, period: october, comment: nil)
        let log = try hr.auditLog(period: october).filter { $0.action != "import" }
        // The late tickets came into the reopened month already run: it was run again at once.
        #expect(log.map(\.action) == ["open", "run", "close", "refused", "refused", "reopen", "run", "rate", "rate"])
        #expect(try hr.auditLog(period: october).last { $0.action == "import" }?.summary == "tickets from \(late): 1 added, 0 changed")
        #expect(log[3].summary == "rate E10 leader-satisfaction = 4: 2026-10 is closed; an admin must reopen it first: kpi appraisal reopen 2026-10")
        #expect(log[4].summary == "run 2026-10: 2026-10 is closed; reopen it first: kpi appraisal reopen 2026-10")
        let imports = try hr.auditLog(period: nil).filter { $0.target == "tickets" }.map(\.action)
        #expect(imports == ["import", "refused", "import"])
        // Rated again in the open month already run, the card is computed again: 4 of 5 is 80 points, 5 is 100.
        #expect(log.suffix(2).map(\.summary) == ["E10 leader-satisfaction = 4 (按时完成); total 100.00 → 93.33, grade B → B",
                                                 "E10 leader-satisfaction = 5, was 4; total 93.33 → 100.00, grade B → B"])
    }

    @Test("an import that waits for the lock while a close commits is refused, not written into the closed month")
    func importWaitingForClose() throws {
        let fixture = try EngineFixture()
        let (path, catalog) = (fixture.path, fixture.catalog)
        let late = try fixture.write("late.csv", "id,priority,opened_at,assignee\nT8,P2,2026-10-20T10:00,E4")
        // Another HR session is closing October and holds the write lock meanwhile.
        let closer = try Store(path: path)
        let started = DispatchSemaphore(value: 0)
        let outcome = Outcomes()
        try closer.transaction {
            Thread {
                started.signal()
                do {
                    let hr = try Appraisals(catalog: catalog, store: Store(path: path), login: "sun")
                    _ = try hr.importCSV(.tickets, file: late, dryRun: false, progress: nil)
                    outcome.record("imported")
                } catch let error as ImportError {
                    outcome.record(error.closedPeriod ? "refused: closed" : "refused: \(error.lines)")
                } catch {
                    outcome.record("failed: \(error)")
                }
            }.start()
            started.wait()
            Thread.sleep(forTimeInterval: 0.2)
            #expect(outcome.values.isEmpty, "the import did not wait for the lock")
            try closer.setStatus(Period("2026-10")!, .closed)
        }
        let deadline = Date().addingTimeInterval(10)
        while outcome.values.isEmpty, Date() < deadline { Thread.sleep(forTimeInterval: 0.01) }
        #expect(outcome.values == ["refused: closed"])
    }

    @Test("a re-import may not move a stored record out of a closed month, nor change it")
    func storedRecordInClosedMonth() throws {
        let fixture = try EngineFixture()
        let hr = try fixture.appraisals(as: "sun")
        try hr.close(Period("2026-10")!, force: true, reason: "test")
        // T1 was opened on 2026-10-05; moving it to November would take it out of closed October.
        let moved = try fixture.write("moved.csv", "id,priority,opened_at,assignee\nT1,P1,2026-11-05T09:00,E3")
        #expect(throws: ImportError(file: moved, problems: [ImportProblem(line: 2, column: 3,
            "the stored record is dated 2026-10: 2026-10 is closed; an admin must reopen it first: kpi appraisal reopen 2026-10")],
                                    badRows: 1, closedPeriod: true)) {
            try hr.importCSV(.tickets, file: moved, dryRun: false, progress: nil)
        }
        let measures = try hr.measures(of: "E3", period: Period("2026-10")!, scope: .self)
        #expect(measures.first { $0.measure.name == "service.tickets" }?.value == 2)
    }

    @Test("records without a period column: a change counted in a closed month is refused, others pass")
    func datedColumns() throws {
        let fixture = try EngineFixture()
        let hr = try fixture.appraisals(as: "sun")
        let header = "id,name,customer,manager,sales,contract_amount,signed_date,budget_cost,actual_cost,start_date,planned_end,actual_end"
        _ = try hr.importCSV(.projects, file: try fixture.write("p.csv", "\(header)\nP1,机房改造,某医院,E2,,100000,2026-08-01,50000,48000,2026-08-05,2026-10-31,2026-10-15"),
                             dryRun: false, progress: nil)
        try hr.close(Period("2026-10")!, force: true, reason: "test")
        func refusal(_ name: String, _ text: String, _ kind: ImportKind) throws -> [String] {
            let file = try fixture.write(name, text)
            do {
                _ = try hr.importCSV(kind, file: file, dryRun: false, progress: nil)
                return []
            } catch let error as ImportError {
                return error.problems.map(\.message)
            }
        }
        let october = "2026-10 is closed; an admin must reopen it first: kpi appraisal reopen 2026-10"
        // The cost of a project finished in closed October: refused; its planned end, which no measure counts: fine.
        #expect(try refusal("cost.csv", "\(header)\nP1,机房改造,某医院,E2,,100000,2026-08-01,50000,52000,2026-08-05,2026-10-31,2026-10-15", .projects)
                == ["`actual_end` places this change in 2026-10: \(october)"])
        #expect(try refusal("plan.csv", "\(header)\nP1,机房改造,某医院,E2,,100000,2026-08-01,50000,48000,2026-08-05,2026-11-30,2026-10-15", .projects) == [])
        // A leave backdated into closed October, and a hire there: refused; a new manager: fine.
        let staff = "id,name,login,role,manager,hire_date,leave_date"
        #expect(try refusal("leave.csv", "\(staff)\nE4,赵工,zhao,after-sales-engineer,E2,2022-01-01,2026-10-20", .employees)
                == ["`leave_date` places this change in 2026-10: \(october)"])
        #expect(try refusal("hire.csv", "\(staff)\nE20,新人,xin,after-sales-engineer,E2,2026-10-08,", .employees)
                == ["`hire_date` places this change in 2026-10: \(october)"])
        #expect(try refusal("move.csv", "\(staff)\nE4,赵工,zhao,after-sales-engineer,E1,2022-01-01,", .employees) == [])
        #expect(try hr.organisation.employee("E4")?.manager == "E2", "this Appraisals read the staff before the move")
    }

    @Test("a damaged database is not run, closed or exported: nothing is written, sealed or shown on top of damage")
    func damagedRefused() throws {
        let fixture = try EngineFixture()
        // Everything into the main file, then noise over the pages of a table, as a failing disk might.
        try Store(path: fixture.path).transaction {}
        func sqlite3(_ sql: String) throws -> String {
            let process = Process(), output = Pipe()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments = ["sqlite3", fixture.path, sql]
            process.standardOutput = output
            try process.run()
            let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            return text
        }
        _ = try sqlite3("PRAGMA wal_checkpoint(TRUNCATE)")
        func damage(_ table: String) throws {
            let pages = try sqlite3("SELECT pageno FROM dbstat WHERE name = '\(table)'").split(separator: "\n").compactMap { Int($0) }
            #expect(!pages.isEmpty)
            let file = try FileHandle(forWritingTo: URL(fileURLWithPath: fixture.path))
            var random = SystemRandomNumberGenerator()
            for page in pages {
                try file.seek(toOffset: UInt64((page - 1) * 4096))
                try file.write(contentsOf: Data((0..<4096).map { _ in UInt8.random(in: 0...255, using: &random) }))
            }
            try file.close()
        }
        let hr = try fixture.appraisals(as: "sun")
        let october = Period("2026-10")!
        let runs = try hr.status(october).first?.runs
        func export() throws {
            let cards = try hr.scorecardsForExport(period: october, department: nil, employee: nil)
            try cards.whileChecked { try cards.read(results: { _, _ in }) { _ in } }
        }
        func refusedAsDamaged(_ body: () throws -> Void) -> Bool {
            do { try body() } catch StoreError.damaged { return true } catch { return false }
            return false
        }
        try damage("tickets")
        #expect(refusedAsDamaged { try hr.run(october) })
        #expect(refusedAsDamaged { try hr.close(october, force: true, reason: "test") })
        try export()
        try damage("scorecard_kpis")
        #expect(refusedAsDamaged { try export() })
        #expect(try hr.status(october).first?.status == .open)
        #expect(try hr.status(october).first?.runs == runs)
    }

    @Test("a month closed with its quarter names the quarter to reopen, and both when both are closed")
    func closedQuarter() throws {
        let fixture = try EngineFixture()
        let hr = try fixture.appraisals(as: "sun")
        let quarter = Period("2026-Q4")!, october = Period("2026-10")!
        try hr.open(quarter)
        try hr.run(quarter)
        try hr.close(quarter, force: true, reason: "test")
        #expect(throws: AppraisalError.periodClosed("2026-10 is closed with 2026-Q4; an admin must reopen 2026-Q4 first: kpi appraisal reopen 2026-Q4")) {
            try hr.rate("E10", kpi: "leader-satisfaction", score: 4, period: october, comment: nil)
        }
        let late = try fixture.write("late.csv", "id,priority,opened_at,assignee\nT8,P2,2026-11-20T10:00,E4")
        #expect(throws: ImportError(file: late, problems: [ImportProblem(line: 2, column: 3,
            "2026-11 is closed with 2026-Q4; an admin must reopen 2026-Q4 first: kpi appraisal reopen 2026-Q4")], badRows: 1, closedPeriod: true)) {
            try hr.importCSV(.tickets, file: late, dryRun: false, progress: nil)
        }
        try hr.close(october, force: true, reason: "test")
        #expect(throws: AppraisalError.periodClosed(
            "2026-10 is closed, and so is 2026-Q4; an admin must reopen them all first: kpi appraisal reopen 2026-10, then kpi appraisal reopen 2026-Q4")) {
            try hr.rate("E10", kpi: "leader-satisfaction", score: 4, period: october, comment: nil)
        }
    }
}

@Suite("Catalog drift: a role removed from the catalog")
struct CatalogDriftTests {
    /// The shipped catalog without the 出纳 (cashier) role, in a folder of its own.
    static func catalogWithoutCashier() throws -> Catalog {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let copy = FileManager.default.temporaryDirectory.appendingPathComponent("kpi-drift-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: copy, withIntermediateDirectories: true)
        for folder in ["roles", "kpi-definitions"] {
            try FileManager.default.copyItem(at: root.appendingPathComponent(folder), to: copy.appendingPathComponent(folder))
        }
        try FileManager.default.removeItem(at: copy.appendingPathComponent("roles/cashier.yaml"))
        return try Catalog.load(from: copy.path, measures: MeasureFamily.catalogue)
    }

    @Test("a run stops naming the employees whose role is gone; --force leaves them out and the audit says whom")
    func removedRole() throws {
        let fixture = try EngineFixture()
        let hr = try Appraisals(catalog: try Self.catalogWithoutCashier(), store: Store(path: fixture.path), login: "sun")
        let october = Period("2026-10")!
        #expect(throws: AppraisalError.invalid("1 employee holds a role the catalog no longer has: E9 周出纳 (cashier); put the role back in the catalog, give them a role with kpi import employees, or leave them out with --force")) {
            try hr.run(october)
        }
        let cards = try hr.run(october, force: true)
        #expect(cards.count == 7)
        #expect(!cards.contains { $0.employee == "E9" })
        #expect(try hr.auditLog(period: october).last?.summary.hasSuffix("; left out, their role no longer in the catalog: E9") == true)
    }
}

/// What a background attempt came to, recorded from its thread.
final class Outcomes: @unchecked Sendable {
    // `recorded` is read and written only while `lock` is held.
    private let lock = NSLock()
    private var recorded: [String] = []
    func record(_ value: String) { lock.withLock { recorded.append(value) } }
    var values: [String] { lock.withLock { recorded } }
}
