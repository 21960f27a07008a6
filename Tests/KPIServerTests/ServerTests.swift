import Foundation
import HTTPTypes
import HummingbirdTesting
import KPIEngine
@testable import KPIStore
import KPITestSupport
import NIOCore
import Testing

@Suite("kpi serve: accounts, the JSON API and the pages, over the router")
struct ServerTests {
    @Test("the rights over HTTP are the library's: each account sees exactly the scorecards the command line shows it")
    func rightsMatrix() async throws {
        let fixture = try ServerFixture()
        var expected: [String: [String: Bool]] = [:]
        for login in ["zhang", "li", "sun", "wu"] {
            let appraisals = try fixture.appraisals(as: login)
            expected[login] = Dictionary(uniqueKeysWithValues: try EngineFixture.people.map { ($0, try appraisals.canView($0)) })
        }
        #expect(expected["zhang"]?.filter(\.value).map(\.key) == ["E3"], "a staff member sees only themselves")
        #expect(expected["li"]?.filter(\.value).keys.sorted() == ["E2", "E3", "E4"], "a head sees their team")
        #expect(expected["sun"]?.values.allSatisfy { $0 } == true, "HR sees everyone")
        let matrix = expected
        try await fixture.test { client in
            for login in ["zhang", "li", "sun", "wu"] {
                let token = try await client.token(login)
                for employee in EngineFixture.people {
                    let response = try await client.get("/api/v1/scorecards/\(employee)?period=2026-10", token: token)
                    let sees = matrix[login]?[employee] == true
                    #expect(response.status == (sees ? .ok : .forbidden), "\(login) → \(employee)")
                    if sees { #expect(response.object?["employee"] as? String == employee) }
                }
            }
            // One may not see is answered as one that does not exist.
            let zhang = try await client.token("zhang")
            let hidden = try await client.get("/api/v1/scorecards/E4?period=2026-10", token: zhang)
            let absent = try await client.get("/api/v1/scorecards/E404?period=2026-10", token: zhang)
            #expect(hidden.status == absent.status)
            #expect(hidden.text.replacingOccurrences(of: "E4", with: "X") == absent.text.replacingOccurrences(of: "E404", with: "X"))
        }
    }

    @Test("me is the command line's JSON of one's own card; the team of a head is ranked; a staff member's team is refused")
    func bodies() async throws {
        let fixture = try ServerFixture()
        let card = try fixture.appraisals(as: "zhang").scorecard(of: "E3", period: ServerFixture.period)
        try await fixture.test { client in
            let zhang = try await client.token("zhang")
            let me = try #require(try await client.get("/api/v1/me", token: zhang).object)
            #expect(me["employee"] as? String == "E3")
            #expect(me["period"] as? String == "2026-10")
            #expect((me["total"] as? Double).map { abs($0 - (card.total ?? -1)) < 1e-9 } == true)
            #expect((me["kpis"] as? [[String: Any]])?.map { $0["kpi"] as? String } == card.lines.map(\.kpi))
            #expect(me["bonus"] as? [Any] != nil)
            let refusedTeam = try await client.get("/api/v1/team", token: zhang)
            #expect(refusedTeam.status == .forbidden)

            let li = try await client.token("li")
            let team = try await client.get("/api/v1/team?period=2026-10", token: li)
            let rows = try #require(try JSONSerialization.jsonObject(with: Data(team.body.readableBytesView)) as? [[String: Any]])
            let totals = rows.compactMap { $0["total"] as? Double }
            #expect(Set(rows.compactMap { $0["employee"] as? String }) == ["E2", "E3", "E4"])
            #expect(totals == totals.sorted(by: >))
            let explain = try #require(try await client.get("/api/v1/explain/E3/service-on-time-response?period=2026-10", token: li).object)
            #expect(explain["kpi"] as? String == "service-on-time-response")
            #expect((explain["records"] as? [Any]) != nil)
        }
    }

    @Test("an unknown login and a wrong password get the same answer; five failures throttle that login, even with the right password")
    func signingIn() async throws {
        let fixture = try ServerFixture()
        try await fixture.test { client in
            let unknown = try await client.post("/api/v1/login", json: #"{"login": "ghost", "password": "whatever-1"}"#)
            let wrong = try await client.post("/api/v1/login", json: #"{"login": "li", "password": "whatever-1"}"#)
            #expect(unknown.status == .unauthorized)
            #expect(wrong.status == unknown.status)
            #expect(wrong.text == unknown.text)
            for _ in 0..<4 { _ = try await client.post("/api/v1/login", json: #"{"login": "li", "password": "guess"}"#) }
            let throttled = try await client.post("/api/v1/login", json: #"{"login": "li", "password": "li-password"}"#)
            #expect(throttled.status == .tooManyRequests)
            #expect(throttled.headers[.retryAfter] == String(SignIn.failureWindow))
            // Another login is not held back by li's failures.
            let other = try await client.post("/api/v1/login", json: #"{"login": "zhang", "password": "zhang-password"}"#)
            #expect(other.status == .ok)
        }
        // A disabled account opens nothing, and answers as a wrong password does.
        try fixture.appraisals(as: "sun").disableAccount(login: "zhang")
        try await fixture.test { client in
            let disabled = try await client.post("/api/v1/login", json: #"{"login": "zhang", "password": "zhang-password"}"#)
            #expect(disabled.status == .unauthorized)
        }
    }

    @Test("bad input is a 400 with a message: bad JSON, unknown fields, a bad period, a huge body; no token is a 401")
    func badInput() async throws {
        let fixture = try ServerFixture()
        try await fixture.test { client in
            let li = try await client.token("li")
            for (body, says) in [("{not json", "JSON object"), (#"{"employee": "E3", "kpi": "x", "score": 3, "period": "2026-10", "mood": 1}"#, "unknown field `mood`"),
                                 (#"{"employee": "E3", "kpi": "x", "score": "high", "period": "2026-10"}"#, "`score` must be a number"),
                                 (String(repeating: " ", count: 70_000) + "{}", "larger than 64 KB")] {
                let response = try await client.post("/api/v1/ratings", json: body, token: li)
                #expect(response.status == .badRequest, "\(says)")
                #expect((response.object?["error"] as? String)?.contains(says) == true, "\(response.text)")
            }
            let period = try await client.get("/api/v1/me?period=2026-13", token: li)
            #expect(period.status == .badRequest)
            let anonymous = try await client.get("/api/v1/me"), forged = try await client.get("/api/v1/me", token: "not-a-token")
            #expect(anonymous.status == .unauthorized)
            #expect(forged.status == .unauthorized)
        }
    }

    @Test("a rating posted by HR is stored under HR's account, audited with it, and counts once the period is computed again")
    func rating() async throws {
        let fixture = try ServerFixture()
        try await fixture.test { client in
            let sun = try await client.token("sun")
            let posted = try await client.post("/api/v1/ratings", json: #"""
                {"employee": "E10", "kpi": "leader-satisfaction", "score": 4, "period": "2026-10", "comment": "按时完成"}
                """#, token: sun)
            #expect(posted.status == .created, "\(posted.text)")
            let wu = try await client.token("wu")
            let refused = try await client.post("/api/v1/ratings", json: #"""
                {"employee": "E10", "kpi": "leader-satisfaction", "score": 5, "period": "2026-10"}
                """#, token: wu)
            #expect(refused.status == .forbidden, "nobody rates themselves")
        }
        let store = try Store(path: fixture.path)
        let stored = try #require(try store.ratings(for: ServerFixture.period)["E10"]?["leader-satisfaction"]?.first)
        #expect(stored.score == 4)
        #expect(stored.rater == "E8")
        #expect(stored.comment == "按时完成")
        let audit = try fixture.appraisals(as: "sun").auditLog(period: ServerFixture.period)
        #expect(audit.contains { $0.actor == "E8" && $0.action == "rate" && $0.summary.hasPrefix("E10 leader-satisfaction = 4") })
        #expect(audit.contains { $0.actor == "E10" && $0.action == "refused" })
        try fixture.appraisals(as: "sun").run(ServerFixture.period)
        try await fixture.test { client in
            let wu = try await client.token("wu")
            let card = try #require(try await client.get("/api/v1/me", token: wu).object)
            let line = (card["kpis"] as? [[String: Any]])?.first { $0["kpi"] as? String == "leader-satisfaction" }
            #expect(line?["value"] as? Double == 4)
            #expect(line?["rater"] as? String == "E8")
        }
    }

    @Test("a read is kept until the next audited write: a change behind the server's back shows only to no-cache, a rating moves the mark")
    func keptAnswers() async throws {
        let fixture = try ServerFixture()
        try fixture.appraisals(as: "sun").run(ServerFixture.period)
        let path = fixture.path
        try await fixture.test { client in
            let wu = try await client.token("wu"), sun = try await client.token("sun")
            let before = try #require(try await client.get("/api/v1/me", token: wu).object?["total"] as? Double)
            #expect(before != 12.5)
            // Not audited, as no write of kpi's is: a kept answer cannot know of it.
            try Store(path: path).database.execute("UPDATE scorecards SET total = 12.5 WHERE employee = 'E10' AND period = '2026-10'",
                                                            context: "test")
            #expect(try await client.get("/api/v1/me", token: wu).object?["total"] as? Double == before)
            let fresh = try await client.executeRequest(uri: "/api/v1/me", method: .get,
                                                        headers: [.authorization: "Bearer \(wu)", .cacheControl: "no-cache"], body: nil)
            #expect(fresh.object?["total"] as? Double == 12.5)
            let posted = try await client.post("/api/v1/ratings", json: #"""
                {"employee": "E10", "kpi": "leader-satisfaction", "score": 4, "period": "2026-10"}
                """#, token: sun)
            #expect(posted.status == .created)
            // The rating computed the card again from its lines: neither the kept answer nor the change behind kpi's back.
            let after = try #require(try await client.get("/api/v1/me", token: wu).object?["total"] as? Double)
            #expect(after != 12.5 && after != before, "the audited rating moved the mark")
            #expect(after == posted.object?["recomputed"].flatMap { ($0 as? [String: Any])?["total"] as? Double })
        }
    }

    @Test("openapi.json describes every route of the API, and the router answers each")
    func openAPI() async throws {
        let fixture = try ServerFixture()
        try await fixture.test { client in
            let document = try #require(try await client.get("/api/v1/openapi.json").object)
            let paths = try #require(document["paths"] as? [String: [String: Any]])
            let described = paths.flatMap { path, methods in methods.keys.map { "\($0.uppercased()) \(path)" } }.sorted()
            #expect(described == ["GET /api/v1/audit", "GET /api/v1/explain/{employee}/{kpi}", "GET /api/v1/export", "GET /api/v1/me",
                                  "GET /api/v1/objections", "GET /api/v1/periods", "GET /api/v1/periods/{period}/status",
                                  "GET /api/v1/scorecards/{employee}", "GET /api/v1/team", "POST /api/v1/calibrations", "POST /api/v1/confirm",
                                  "POST /api/v1/login", "POST /api/v1/objections", "POST /api/v1/objections/{id}", "POST /api/v1/ratings",
                                  "POST /api/v1/self"])
            let sun = try await client.token("sun")
            for route in described {
                let parts = route.split(separator: " ")
                let uri = String(parts[1]).replacingOccurrences(of: "{employee}", with: "E3").replacingOccurrences(of: "{kpi}", with: "service-on-time-response")
                    .replacingOccurrences(of: "{period}", with: "2026-10").replacingOccurrences(of: "{id}", with: "1")
                let response = try await client.executeRequest(uri: uri + "?period=2026-10", method: parts[0] == "GET" ? .get : .post,
                                                               headers: [.authorization: "Bearer \(sun)"], body: ByteBuffer(string: "{}"))
                #expect(response.status != .notFound, "\(route)")
            }
            let workbook = try await client.get("/api/v1/export?period=2026-10", token: sun)
            #expect(workbook.status == .ok)
            #expect(Array(workbook.body.readableBytesView.prefix(2)) == Array("PK".utf8), "an XLSX is a zip")
        }
    }

    @Test("pages: sign in by the form, 我的绩效 in Chinese, a staff member refused the team, a form without its CSRF token refused")
    func pages() async throws {
        let fixture = try ServerFixture()
        try await fixture.test { client in
            let form = try await client.get("/login")
            #expect(form.status == .ok)
            #expect(form.text.contains("登录名"))
            let csrf = try #require(form.text.firstMatch(of: /name="csrf" value="([0-9a-f]+)"/)?.1)
            let signIn = try await client.executeRequest(uri: "/login", method: .post,
                                                         headers: [.contentType: "application/x-www-form-urlencoded", .cookie: "kpi_login_csrf=\(csrf)"],
                                                         body: ByteBuffer(string: "csrf=\(csrf)&login=zhang&password=zhang-password"))
            #expect(signIn.status == .found)
            let setCookie = try #require(signIn.headers[values: .setCookie].first { $0.hasPrefix("kpi_session=") })
            #expect(setCookie.contains("HttpOnly"))
            #expect(setCookie.contains("SameSite=Strict"))
            let session = String(setCookie.prefix { $0 != ";" })
            let mine = try await client.get("/", cookie: session)
            #expect(mine.status == .ok)
            #expect(mine.text.contains("我的绩效 · 2026-10"))
            #expect(mine.text.contains("E3 张工"))
            #expect(mine.text.contains("<svg"))
            let explain = try await client.get("/explain/E3/service-on-time-response?period=2026-10", cookie: session)
            #expect(explain.status == .ok)
            #expect(explain.text.contains("<code>service.responded_on_time / service.tickets</code>"))
            #expect(explain.text.contains("<td><code>service.tickets</code></td><td class=\"num\">2</td>"), "the measure and its value")
            let team = try await client.get("/team", cookie: session), periods = try await client.get("/periods", cookie: session)
            #expect(team.status == .forbidden)
            #expect(periods.status == .forbidden)

            // A form posted without the session's CSRF token is refused, and nothing is written.
            let forged = try await client.executeRequest(uri: "/team/rate", method: .post,
                                                         headers: [.contentType: "application/x-www-form-urlencoded", .cookie: session],
                                                         body: ByteBuffer(string: "employee=E3&kpi=x&score=5&period=2026-10"))
            #expect(forged.status == .forbidden)
            #expect(forged.text.contains("CSRF"))
            // The API signed in by the cookie: reads as the account, and a write needs the session's CSRF token too.
            let viaCookie = try await client.get("/api/v1/me", cookie: session)
            #expect(viaCookie.object?["employee"] as? String == "E3")
            let cookieWrite = try await client.executeRequest(uri: "/api/v1/ratings", method: .post, headers: [.cookie: session, .contentType: "application/json"],
                                                              body: ByteBuffer(string: #"{"employee": "E3", "kpi": "x", "score": 1, "period": "2026-10"}"#))
            #expect(cookieWrite.status == .forbidden)
            #expect(cookieWrite.text.contains("X-CSRF-Token"))
            let english = try await client.get("/?lang=en", cookie: session)
            #expect(english.text.contains("My scorecard · 2026-10"))
            // Without a session, a page sends you to sign in.
            let anonymous = try await client.get("/")
            #expect(anonymous.status.code / 100 == 3)
            #expect(anonymous.headers[.location] == "/login")
        }
    }

    @Test("考核周期 for HR: the run by its form computes the period and is audited under HR; a head's rating form writes the rating")
    func periodsAndRatingForms() async throws {
        let fixture = try ServerFixture()
        try await fixture.test { client in
            let hr = try await client.signIn("sun")
            let periods = try await client.get("/periods", cookie: hr.cookie)
            #expect(periods.status == .ok)
            #expect(periods.text.contains("2026-10"))
            let run = try await client.executeRequest(uri: "/periods/2026-10", method: .post,
                                                      headers: [.contentType: "application/x-www-form-urlencoded", .cookie: hr.cookie],
                                                      body: ByteBuffer(string: "csrf=\(hr.csrf)&action=run"))
            #expect(run.status == .ok)
            #expect(run.text.contains("2026-10: 已计算 8 份考核表"))

            // HR rates E10 (below HR) through the team page's form.
            let team = try await client.get("/team?period=2026-10", cookie: hr.cookie)
            #expect(team.text.contains("leader-satisfaction"))
            let rated = try await client.executeRequest(uri: "/team/rate", method: .post,
                                                        headers: [.contentType: "application/x-www-form-urlencoded", .cookie: hr.cookie],
                                                        body: ByteBuffer(string: "csrf=\(hr.csrf)&employee=E10&kpi=leader-satisfaction&score=5&period=2026-10&comment=%E5%A5%BD"))
            #expect(rated.text.contains("已评分: E10 吴行政 · leader-satisfaction = 5 (直接上级, 2026-10) · 已重新计算: 总分 "))
        }
        let audit = try fixture.appraisals(as: "sun").auditLog(period: ServerFixture.period)
        #expect(audit.filter { $0.action == "run" }.map(\.actor) == ["E8", "E8"], "the fixture's run and the page's, both HR's")
        #expect(try Store(path: fixture.path).ratings(for: ServerFixture.period)["E10"]?["leader-satisfaction"]?.first?.comment == "好")
    }

    @Test("pages: staff object to a KPI and confirm on 我的绩效; HR resolves the objection and calibrates a grade on 团队")
    func conversationPages() async throws {
        let fixture = try ServerFixture()
        try await fixture.test { client in
            func post(_ uri: String, _ cookie: String, _ body: String) async throws -> TestResponse {
                try await client.executeRequest(uri: uri, method: .post, headers: [.contentType: "application/x-www-form-urlencoded", .cookie: cookie],
                                                body: ByteBuffer(string: body))
            }
            let wu = try await client.signIn("wu"), hr = try await client.signIn("sun")
            let mine = try await client.get("/?period=2026-10", cookie: wu.cookie)
            #expect(mine.text.contains("确认与申诉"))
            // October's deadline (ten days after its end) has passed: unconfirmed, it counts as confirmed.
            #expect(mine.text.contains("逾期未确认, 自 2026-11-11 起视为已确认"))
            let objected = try await post("/object", wu.cookie, "csrf=\(wu.csrf)&period=2026-10&kpi=leader-satisfaction&reason=%E6%90%AC%E8%BF%81")
            #expect(objected.status == .found)
            #expect(try await client.get("/?period=2026-10", cookie: wu.cookie).text.contains("#1 领导满意度: 搬迁 — <b>待处理</b>"))
            let team = try await client.get("/team?period=2026-10", cookie: hr.cookie)
            #expect(team.text.contains("#1 吴行政 (E10) · 领导满意度: 搬迁"))
            let resolved = try await post("/objections/1", hr.cookie, "csrf=\(hr.csrf)&period=2026-10&decision=accept&reason=ok&score=5")
            #expect(resolved.text.contains("申诉 #1 已采纳"))
            let calibrated = try await post("/team/calibrate", hr.cookie, "csrf=\(hr.csrf)&period=2026-10&employee=E10&grade=C&reason=%E6%A0%A1%E5%87%86")
            #expect(calibrated.text.contains("已校准 E10"))
            #expect(try await post("/confirm", wu.cookie, "csrf=\(wu.csrf)&period=2026-10").status == .found)
            let after = try await client.get("/?period=2026-10", cookie: wu.cookie).text
            #expect(after.contains("本人已确认"))
            #expect(after.contains("校准 ") && after.contains("→ C: 校准"))
            #expect(after.contains("<b>已采纳</b>: ok"))
        }
    }
}

extension TestClientProtocol {
    /// Signs in through the login form; the session cookie and the session's CSRF token.
    func signIn(_ login: String) async throws -> (cookie: String, csrf: String) {
        let form = try await get("/login")
        let token = try #require(form.text.firstMatch(of: /name="csrf" value="([0-9a-f]+)"/)?.1)
        let signedIn = try await executeRequest(uri: "/login", method: .post,
                                                headers: [.contentType: "application/x-www-form-urlencoded", .cookie: "kpi_login_csrf=\(token)"],
                                                body: ByteBuffer(string: "csrf=\(token)&login=\(login)&password=\(login)-password"))
        let cookie = try #require(signedIn.headers[values: .setCookie].first { $0.hasPrefix("kpi_session=") }).prefix { $0 != ";" }
        let page = try await get("/", cookie: String(cookie))
        let csrf = try #require(page.text.firstMatch(of: /name="csrf" value="([0-9a-f]+)"/)?.1)
        return (String(cookie), String(csrf))
    }
}
