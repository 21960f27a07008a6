import Foundation
import Testing

@Suite("kpi init, import, measures and demo, run as a user runs them")
struct StoreCommandTests {
    let directory: URL

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("kpi-cli-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    /// Runs kpi on this test's database as `user` (王总, the general manager, by default).
    func run(_ arguments: [String], as user: String = "wang") throws -> KpiRunner.Result {
        try KpiRunner.run(arguments + ["--db", directory.appendingPathComponent("kpi.sqlite").path],
                          in: directory, environment: ["KPI_CATALOG": KpiRunner.packageRoot.path, "KPI_USER": user])
    }

    /// 王总 (general manager, HR rights), 李经理 (after-sales manager) and 张工 (engineer) under him.
    static let staff = """
    id,name,login,role,manager,hire_date
    E1,王总,wang,general-manager,,2020-01-01
    E2,李经理,li,after-sales-manager,E1,2021-01-01
    E3,张工,zhang,after-sales-engineer,E2,2022-01-01
    """

    func file(_ name: String, _ text: String) throws -> String {
        let url = directory.appendingPathComponent(name)
        try text.write(to: url, atomically: false, encoding: .utf8)
        return url.path
    }

    @Test("import, re-import, a refused file, and the measures of the result")
    func importAndMeasure() throws {
        #expect(try run(["init"]).status == 0)
        let staff = try file("staff.csv", Self.staff)
        let first = try run(["import", "employees", staff])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout == "imported: employees, 3 rows — 3 added, 0 changed, 0 unchanged\n")
        #expect(try run(["import", "employees", staff]).stdout == "imported: employees, 3 rows — 0 added, 0 changed, 3 unchanged\n")
        let tickets = try file("tickets.csv", """
        id,priority,opened_at,first_response_at,resolved_at,assignee,satisfaction
        T1,P1,2026-10-05T09:00,2026-10-05T09:10,2026-10-05T11:00,E3,5
        T2,P3,2026-10-31T23:59,2026-11-01T10:00,,E3,
        """)
        #expect(try run(["import", "tickets", tickets]).status == 0)
        let bad = try file("bad.csv", "id,name,role,hire_date\nE4,新人,astronaut,2026-10-01\nE5,新人,driver,2026-10-32\n")
        let refused = try run(["import", "employees", bad])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("bad.csv:2:3: unknown role `astronaut`"))
        #expect(refused.stderr.contains("bad.csv:3:4: `hire_date` `2026-10-32` is not a date; write 2026-10-05, 2026/10/5, 2026.10.05 or 2026年10月5日"))
        #expect(refused.stderr.hasSuffix("import refused: 2 bad rows, nothing written\n"))
        let measures = try run(["measures", "E2", "--period", "2026-10", "--scope", "team", "--format", "json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(measures.stdout.utf8)) as? [String: Any])
        let values = try #require(object["measures"] as? [String: Double])
        #expect(object["scope"] as? String == "team")
        #expect(values["service.tickets"] == 2)
        #expect(values["service.responded_on_time"] == 1)
        #expect(values["service.satisfaction_total"] == 5)
        #expect(values["hr.headcount"] == 2)
        #expect(values.count == 38)
    }

    @Test("exit codes through the binary: 3 for a refusal, 4 for a closed period, and reopen lets the data in")
    func refusalsAndClosedPeriods() throws {
        let staff = try file("staff.csv", Self.staff)
        #expect(try run(["import", "employees", staff]).status == 0)
        let tickets = try file("t.csv", "id,priority,opened_at,first_response_at,assignee\nT1,P1,2026-10-05T09:00,2026-10-05T09:10,E3\n")
        #expect(try run(["import", "tickets", tickets]).status == 0)
        #expect(try run(["appraisal", "open", "2026-10"]).status == 0)
        #expect(try run(["appraisal", "run", "2026-10"]).status == 0)
        let peer = try run(["scorecard", "E2", "--period", "2026-10"], as: "zhang")
        #expect(peer.status == 3)
        #expect(peer.stderr == "permission denied: the scorecard of E2 needs view:team, view:department or view:company over them\n")
        #expect(try run(["scorecard", "E404", "--period", "2026-10"], as: "zhang").stderr == peer.stderr.replacingOccurrences(of: "E2", with: "E404"))
        #expect(try run(["appraisal", "close", "2026-10"], as: "zhang").status == 3)
        #expect(try run(["me", "--format", "json"], as: "zhang").status == 0)
        // 李经理's rated KPI waits for 王总: the month does not close until HR forces it, with a reason.
        let unrated = try run(["appraisal", "close", "2026-10"])
        #expect(unrated.status == 1)
        #expect(unrated.stderr.contains("2026-10 has 1 rating not given: E1 → E2 maintenance-business-growth"), "\(unrated.stderr)")
        #expect(try run(["appraisal", "close", "2026-10", "--force", "--reason", "王总出差"]).status == 0)
        let late = try file("late.csv", "id,priority,opened_at,assignee\nT2,P2,2026-10-20T10:00,E3\n")
        let closed = try run(["import", "tickets", late])
        #expect(closed.status == 4)
        #expect(closed.stderr.contains("late.csv:2:3: 2026-10 is closed"))
        #expect(try run(["appraisal", "reopen", "2026-10", "--reason", "late tickets"]).status == 0)
        #expect(try run(["import", "tickets", late]).status == 0)
        let audit = try run(["audit", "--period", "2026-10", "--format", "json"])
        let entries = try #require(try JSONSerialization.jsonObject(with: Data(audit.stdout.utf8)) as? [[String: Any]])
        // The late tickets came into the reopened month already run: it was run again at once.
        #expect(entries.compactMap { $0["action"] as? String } == ["import", "open", "run", "refused", "close", "reopen", "import", "run"])
        // 张工's attempt to close the period is on record, with who tried what; each import under the month it touched.
        #expect(entries[3]["actor"] as? String == "E3")
        #expect(entries[3]["summary"] as? String == "close 2026-10: permission denied: closing a period needs appraisal:admin")
        #expect(entries[6]["summary"] as? String == "tickets from \(late): 1 added, 0 changed")
        #expect(entries[7]["summary"] as? String == "3 scorecards, 3 graded, after an import of its records")
        #expect(entries[5]["summary"] as? String == "reopened 2026-10: late tickets")
    }

    @Test("two processes importing into one database at once both succeed, and nothing is lost")
    func concurrentImports() async throws {
        let staff = try file("staff.csv", Self.staff)
        #expect(try run(["import", "employees", staff]).status == 0)
        var first = "id,priority,opened_at,assignee\n"
        var second = "id,priority,opened_at,assignee\n"
        for number in 0..<20_000 {
            first += "A\(number),P2,2026-10-\(number % 28 + 1 < 10 ? "0" : "")\(number % 28 + 1)T10:00,E3\n"
            second += "B\(number),P3,2026-10-\(number % 28 + 1 < 10 ? "0" : "")\(number % 28 + 1)T11:00,E3\n"
        }
        let (a, b) = (try file("a.csv", first), try file("b.csv", second))
        async let firstImport = Task.detached { try run(["import", "tickets", a]) }.value
        async let secondImport = Task.detached { try run(["import", "tickets", b]) }.value
        let results = try await [firstImport, secondImport]
        #expect(results.map(\.status) == [0, 0], "\(results.map(\.stderr))")
        let measures = try run(["measures", "E3", "--period", "2026-10", "--format", "json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(measures.stdout.utf8)) as? [String: Any])
        #expect((object["measures"] as? [String: Double])?["service.tickets"] == 40_000)
    }

    @Test("every line of the scorecard JSON carries the engine's step, and explain narrates the same step")
    func steps() throws {
        #expect(try run(["import", "employees", try file("staff.csv", Self.staff)]).status == 0)
        let tickets = try file("t.csv", """
        id,priority,opened_at,first_response_at,resolved_at,assignee,visits,satisfaction
        T1,P1,2026-10-05T09:00,2026-10-05T09:10,2026-10-05T11:00,E3,1,5
        T2,P1,2026-10-06T09:00,2026-10-06T10:00,2026-10-06T12:00,E3,1,4
        """)
        #expect(try run(["import", "tickets", tickets]).status == 0)
        #expect(try run(["appraisal", "open", "2026-10"]).status == 0)
        #expect(try run(["appraisal", "run", "2026-10"]).status == 0)
        #expect(try run(["appraisal", "run", "2026-10"]).status == 0)
        let json = try run(["scorecard", "E3", "--period", "2026-10", "--format", "json"])
        let card = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(card["run"] as? Int == 2, "the second run wrote it")
        let lines = try #require(card["kpis"] as? [[String: Any]])
        #expect(!lines.isEmpty)
        for line in lines {
            let step = try #require(line["step"] as? [String: Any], "\(line["kpi"] ?? "")")
            #expect(step["score"] as? Double == line["score"] as? Double)
            #expect(step["weight"] as? Int == line["weight"] as? Int)
            #expect(step["applied"] is [String: Any])
        }
        // One of two answered within P1's 30 minutes: 0.5, short of the 0.8 threshold.
        let response = try #require(lines.first { $0["kpi"] as? String == "service-on-time-response" })
        let step = try #require(response["step"] as? [String: Any])
        #expect(step["method"] as? String == "linear")
        #expect((step["applied"] as? [String: Any])?["rule"] as? String == "below_threshold")
        let explain = try run(["explain", "E3", "service-on-time-response", "--period", "2026-10"])
        #expect(explain.stdout.contains("scoring   50% does not reach the threshold 80%: 0\n"))
    }

    @Test("one door: a workbook that cannot be written exits 1 with libxlsxwriter's reason; a malformed period exits 2")
    func oneDoor() throws {
        #expect(try run(["import", "employees", try file("staff.csv", Self.staff)]).status == 0)
        #expect(try run(["appraisal", "open", "2026-10"]).status == 0)
        #expect(try run(["appraisal", "run", "2026-10"]).status == 0)
        let unwritable = try run(["export", "--period", "2026-10", "--out", "/proc/kpi-test.xlsx"])
        #expect(unwritable.status == 1)
        #expect(!unwritable.stderr.isEmpty && !unwritable.stderr.contains("Usage"))
        let malformed = try run(["scorecard", "E3", "--period", "2026-13"])
        #expect(malformed.status == 2)
        #expect(malformed.stderr.contains("--period <period>"))
    }

    @Test("backup and restore: HR's alone; a restore puts the copy back, keeps the database before it, and says so in the audit")
    func backupAndRestore() throws {
        #expect(try run(["import", "employees", try file("staff.csv", Self.staff)]).status == 0)
        let copy = directory.appendingPathComponent("nightly.sqlite").path
        let refused = try run(["backup", copy], as: "zhang")
        #expect(refused.status == 3)
        #expect(refused.stderr == "permission denied: a backup of the database needs appraisal:admin\n")
        #expect(try run(["backup", copy]).stdout == "backed up to \(copy)\n")
        #expect(try run(["import", "tickets", try file("t.csv", "id,priority,opened_at,assignee\nT1,P1,2026-10-05T09:00,E3\n")]).status == 0)
        let restored = try run(["restore", copy])
        #expect(restored.status == 0, "\(restored.stderr)")
        let measures = try run(["measures", "E3", "--period", "2026-10", "--format", "json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(measures.stdout.utf8)) as? [String: Any])
        #expect((object["measures"] as? [String: Double])?["service.tickets"] == 0)
        let kept = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasPrefix("kpi.sqlite.before-restore-") }
        #expect(kept.count == 1)
        let audit = try run(["audit", "--format", "json"])
        let entries = try #require(try JSONSerialization.jsonObject(with: Data(audit.stdout.utf8)) as? [[String: Any]])
        // The restored database is the copy: it knows who made it, and now that it was restored.
        #expect(entries.map { $0["action"] as? String } == ["import", "refused", "backup", "restore"])
    }

    @Test("doctor finds a closed scorecard changed behind kpi's back, and audit --verify an entry removed")
    func doctor() throws {
        #expect(try run(["import", "employees", try file("staff.csv", Self.staff)]).status == 0)
        #expect(try run(["appraisal", "open", "2026-10"]).status == 0)
        #expect(try run(["appraisal", "run", "2026-10"]).status == 0)
        #expect(try run(["appraisal", "close", "2026-10", "--force", "--reason", "王总出差"]).status == 0)
        let healthy = try run(["doctor", "--format", "json"])
        #expect(healthy.status == 0, "\(healthy.stderr)")
        let checks = try #require(try JSONSerialization.jsonObject(with: Data(healthy.stdout.utf8)) as? [[String: Any]])
        #expect(checks.map { $0["check"] as? String } == ["integrity", "foreign-keys", "schema", "audit-chain", "closed-results"])
        #expect(checks.allSatisfy { $0["ok"] as? Bool == true })
        #expect(try run(["audit", "--verify"]).status == 0)
        #expect(try run(["doctor"], as: "zhang").status == 3)
        let database = directory.appendingPathComponent("kpi.sqlite").path
        for sql in ["UPDATE scorecards SET total = 120, grade = 'S' WHERE employee = 'E3'", "DELETE FROM audit_log WHERE action = 'run'"] {
            _ = try KpiRunner.sqlite3(database, sql)
        }
        let sick = try run(["doctor"])
        #expect(sick.status == 1)
        #expect(sick.stdout.contains("the results of 2026-10 changed after it was closed"))
        #expect(sick.stdout.contains("the audit log was changed at entry"))
        #expect(sick.stderr == "2 checks found problems\n")
        let verify = try run(["audit", "--verify"])
        #expect(verify.status == 1)
        #expect(verify.stderr.hasPrefix("the audit log was changed at entry"))
    }

    @Test("import usage errors: an unknown kind exits 2, a missing file exits 1")
    func importUsage() throws {
        let unknown = try run(["import", "tickts", "x.csv"])
        #expect(unknown.status == 2)
        #expect(unknown.stderr.contains("unknown kind `tickts`"))
        let missing = try run(["import", "employees", "/nonexistent.csv"])
        #expect(missing.status == 1)
        #expect(missing.stderr.hasPrefix("/nonexistent.csv: cannot read the file"))
    }

    @Test("the demo builds a company and names its HR manager's login")
    func demo() throws {
        let result = try KpiRunner.run(["demo", "--employees", "80", "--months", "2", "--end", "2026-10", "--seed", "3"],
                                       in: directory, environment: ["KPI_CATALOG": KpiRunner.packageRoot.path, "KPI_USER": "hr-test"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("demo company built: demo.sqlite — 80 employees"))
        #expect(result.stdout.contains("has the login hr-test — you"))
        #expect(result.stdout.contains("Appraised and closed 2026-09 to 2026-09; 2026-10 is run and left open"))
        let environment = ["KPI_CATALOG": KpiRunner.packageRoot.path, "KPI_USER": "hr-test"]
        let status = try KpiRunner.run(["appraisal", "status", "--db", "demo.sqlite", "--format", "json"], in: directory, environment: environment)
        let periods = try #require(try JSONSerialization.jsonObject(with: Data(status.stdout.utf8)) as? [[String: Any]])
        #expect(periods.map { "\($0["period"] ?? "") \($0["status"] ?? "")" } == ["2026-10 open", "2026-09 closed"])
        let me = try KpiRunner.run(["me", "--db", "demo.sqlite", "--format", "json"], in: directory, environment: environment)
        let card = try #require(try JSONSerialization.jsonObject(with: Data(me.stdout.utf8)) as? [String: Any])
        #expect(card["role"] as? String == "hr-admin-manager")
        #expect(card["period"] as? String == "2026-10")
        #expect((card["kpis"] as? [[String: Any]])?.count == 10)
    }
}

@Suite("The demo company is its builder's")
struct DemoOwnershipTests {
    @Test("another login cannot build the demo again over someone's demo company, nor over another program's file")
    func someoneElses() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("kpi-demo-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        func demo(as user: String, db: String = "demo.sqlite") throws -> KpiRunner.Result {
            try KpiRunner.run(["demo", "--employees", "40", "--months", "1", "--end", "2026-10", "--db", db], in: directory,
                              environment: ["KPI_CATALOG": KpiRunner.packageRoot.path, "KPI_USER": user])
        }
        #expect(try demo(as: "hr-a").status == 0)
        let stranger = try demo(as: "hr-b")
        #expect(stranger.status == 1)
        #expect(stranger.stderr == "demo.sqlite is the demo company hr-a built; only they may build it again. Pass another --db for your own\n")
        let audit = try KpiRunner.run(["audit", "--db", "demo.sqlite", "--format", "json"], in: directory,
                                      environment: ["KPI_CATALOG": KpiRunner.packageRoot.path, "KPI_USER": "hr-a"])
        let entries = try #require(try JSONSerialization.jsonObject(with: Data(audit.stdout.utf8)) as? [[String: Any]])
        #expect(entries.first?["actor"] as? String == "hr-a")
        #expect(try demo(as: "hr-a").status == 0)
        try "not a database".write(to: directory.appendingPathComponent("notes.txt"), atomically: false, encoding: .utf8)
        #expect(try demo(as: "hr-a", db: "notes.txt").status == 1)
        #expect(try String(contentsOf: directory.appendingPathComponent("notes.txt"), encoding: .utf8) == "not a database")
    }
}

@Suite("Databases: only init, import and demo create one")
struct DatabaseFileTests {
    @Test("a mistyped --db is an error naming it, and no file appears; init creates the database readable by its owner alone")
    func missingAndMode() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("kpi-db-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let environment = ["KPI_CATALOG": KpiRunner.packageRoot.path]
        for command in [["team"], ["me"], ["appraisal", "status"], ["audit"], ["export", "--period", "2026-10"]] {
            let result = try KpiRunner.run(command + ["--db", "kpl.sqlite"], in: directory, environment: environment)
            #expect(result.status == 1, "\(command)")
            #expect(result.stderr == "kpl.sqlite: no such database; name yours with --db or KPI_DB, or create one with kpi init\n", "\(command)")
        }
        #expect(!FileManager.default.fileExists(atPath: directory.appendingPathComponent("kpl.sqlite").path))
        #expect(try KpiRunner.run(["init", "--db", "kpi.sqlite"], in: directory, environment: environment).status == 0)
        let attributes = try FileManager.default.attributesOfItem(atPath: directory.appendingPathComponent("kpi.sqlite").path)
        #expect((attributes[.posixPermissions] as? Int).map { $0 & 0o777 } == 0o600)
    }

    @Test("another program's SQLite file is refused, untouched")
    func foreign() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("kpi-db-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let path = directory.appendingPathComponent("crm.db").path
        _ = try KpiRunner.sqlite3(path, "CREATE TABLE customers (id TEXT)")
        let result = try KpiRunner.run(["me", "--db", path], in: directory, environment: ["KPI_CATALOG": KpiRunner.packageRoot.path])
        #expect(result.status == 1)
        #expect(result.stderr == "\(path): not a kpi database (it holds another program's tables); name yours with --db or KPI_DB\n")
        #expect(try KpiRunner.sqlite3(path, ".tables").trimmingCharacters(in: .whitespacesAndNewlines) == "customers")
    }
}
