import Foundation
import HTTPTypes
import Hummingbird
import KPICatalog
import KPIEngine
import KPIExport
import KPIStore
import KPIViews

/// One route of the JSON API: what the router answers, and what `openapi.json` says of it — both
/// from this one table, so that they cannot drift apart.
struct APIRoute: Sendable {
    let method: HTTPRequest.Method
    /// In OpenAPI's form: `/api/v1/scorecards/{employee}`.
    let path: String
    let summary: String
    /// The query parameters it reads.
    let query: [String]
    /// The fields of its JSON body; empty for none.
    let body: [String]
    /// Whether it answers without a signed-in account.
    var open = false
    /// What a success answers: its status and media type.
    var success = "200"
    var answers = "application/json"
    let handle: @Sendable (Request, KPIRequestContext) async throws -> Response
}

/// The JSON API under `/api/v1` (docs/server.md). Bodies are the command line's `--format json`
/// objects, built by the same views; rights are the library's, asked through `Appraisals`.
struct API {
    let site: Site

    var routes: [APIRoute] {
        [
            APIRoute(method: .post, path: "/api/v1/login", summary: "Sign in: a session token for `Authorization: Bearer`",
                     query: [], body: ["login", "password"], open: true) { request, context in try await login(request, context) },
            APIRoute(method: .get, path: "/api/v1/me", summary: "Your own scorecard, with your bonus", query: ["period", "format", "lang"], body: []) { request, context in
                try shown(request, context) { appraisals, format in
                    let me = try appraisals.requireEmployee()
                    let period = try Self.period(request, appraisals)
                    let view = try ScorecardView(appraisals: appraisals, language: context.language, period: period)
                    return view.text(try appraisals.scorecard(of: me.id, period: period), format: format, bonus: try appraisals.bonusShares(of: me.id, period: period))
                }
            },
            APIRoute(method: .get, path: "/api/v1/scorecards/{employee}", summary: "One employee's scorecard",
                     query: ["period", "format", "lang"], body: []) { request, context in
                try shown(request, context) { appraisals, format in
                    let period = try Self.period(request, appraisals)
                    let card = try appraisals.scorecard(of: try appraisals.employeeID(named: try context.parameters.require("employee")), period: period)
                    return try ScorecardView(appraisals: appraisals, language: context.language, period: period).text(card, format: format)
                }
            },
            APIRoute(method: .get, path: "/api/v1/team", summary: "The scorecards you may view, ranked, without their KPIs",
                     query: ["period", "department", "format", "lang"], body: []) { request, context in
                try shown(request, context) { appraisals, format in
                    let period = try Self.period(request, appraisals)
                    let cards = try appraisals.team(period: period, department: request.uri.queryParameters.get("department")).ranked
                    return try ScorecardView(appraisals: appraisals, language: context.language, period: period).teamText(cards, period: period, format: format)
                }
            },
            APIRoute(method: .get, path: "/api/v1/explain/{employee}/{kpi}", summary: "How one KPI's score was reached, with the records behind it",
                     query: ["period", "format", "lang"], body: []) { request, context in
                try shown(request, context) { appraisals, format in
                    let period = try Self.period(request, appraisals)
                    let explanation = try appraisals.explain(try appraisals.employeeID(named: try context.parameters.require("employee")), kpi: try context.parameters.require("kpi"),
                                                             period: period)
                    return try ScorecardView(appraisals: appraisals, language: context.language, period: period).text(explanation, format: format)
                }
            },
            APIRoute(method: .get, path: "/api/v1/periods", summary: "Every period with its status and runs", query: [], body: []) { request, context in
                try answer(request, context) { appraisals in .array(try appraisals.status(nil).map(\.json)) }
            },
            APIRoute(method: .get, path: "/api/v1/audit", summary: "The audit log, of one period or all", query: ["period"], body: []) { request, context in
                try answer(request, context) { appraisals in
                    .array(try appraisals.auditLog(period: try Self.optionalPeriod(request)).map(\.json))
                }
            },
            APIRoute(method: .get, path: "/api/v1/periods/{period}/status", summary: "The chase list of a month: who must still rate whom",
                     query: ["format", "lang"], body: []) { request, context in
                try shown(request, context) { appraisals, format in
                    guard let period = Period(try context.parameters.require("period")) else { throw BadRequest("the period must be YYYY-MM, e.g. 2026-10") }
                    return try ScorecardView(appraisals: appraisals, language: context.language, period: period).text(try appraisals.chaseList(period), format: format)
                }
            },
            APIRoute(method: .post, path: "/api/v1/ratings", summary: "Rate a rated KPI of someone you rate; their scorecard is computed again",
                     query: [], body: ["employee", "kpi", "score", "period", "comment", "relation"], success: "201") { request, context in
                try await rate(request, context, selfAssessment: false)
            },
            APIRoute(method: .post, path: "/api/v1/self", summary: "Assess yourself on a rated KPI that invites it",
                     query: [], body: ["kpi", "score", "period", "comment"], success: "201") { request, context in
                try await rate(request, context, selfAssessment: true)
            },
            APIRoute(method: .post, path: "/api/v1/confirm", summary: "Confirm your own scorecard of a period",
                     query: [], body: ["period"], success: "201") { request, context in
                let fields = try await Self.body(request, context, allowed: ["period"])
                let period = try Self.period(fields)
                return try write(context) { appraisals in
                    try appraisals.confirm(period)
                    return .object([("period", .string(period.description)), ("employee", .string(appraisals.principal.employee?.id)), ("confirmed", .bool(true))])
                }
            },
            APIRoute(method: .get, path: "/api/v1/objections", summary: "The objections of the people you may view, with their outcome",
                     query: ["period", "format", "lang"], body: []) { request, context in
                try shown(request, context) { appraisals, format in
                    let objections = try appraisals.objections(period: try Self.optionalPeriod(request))
                    guard let period = try Self.optionalPeriod(request) ?? objections.last?.period else { return format == .json ? "[]" : "" }
                    return try ScorecardView(appraisals: appraisals, language: context.language, period: period).text(objections, format: format)
                }
            },
            APIRoute(method: .post, path: "/api/v1/objections", summary: "Object (申诉) to one KPI of your own scorecard",
                     query: [], body: ["period", "kpi", "reason"], success: "201") { request, context in
                let fields = try await Self.body(request, context, allowed: ["period", "kpi", "reason"])
                let period = try Self.period(fields), kpi = try Self.text(fields, "kpi"), reason = try Self.text(fields, "reason")
                return try write(context) { appraisals in
                    let id = try appraisals.object(period, kpi: kpi, reason: reason)
                    guard let objection = try appraisals.objections(period: period).first(where: { $0.id == id }) else {
                        throw AppraisalError.invalid("objection #\(id) was not kept")
                    }
                    return try ScorecardView(appraisals: appraisals, language: context.language, period: period).json(objection)
                }
            },
            APIRoute(method: .post, path: "/api/v1/objections/{id}", summary: "Resolve an objection: accept (with a new score) or reject, with a reason",
                     query: [], body: ["decision", "reason", "score"]) { request, context in
                let fields = try await Self.body(request, context, allowed: ["decision", "reason", "score"])
                guard let id = Int(try context.parameters.require("id")) else { throw BadRequest("the objection's id is a number") }
                let decision = try Self.text(fields, "decision")
                guard ["accept", "reject"].contains(decision) else { throw BadRequest("`decision` must be accept or reject") }
                let reason = try Self.text(fields, "reason"), score = try Self.number(fields, "score", required: false)
                return try write(context, status: .ok) { appraisals in
                    let resolved = try appraisals.resolve(objection: id, accept: decision == "accept", reason: reason, score: score)
                    return try ScorecardView(appraisals: appraisals, language: context.language, period: resolved.period).json(resolved)
                }
            },
            APIRoute(method: .post, path: "/api/v1/calibrations", summary: "Calibrate (校准) a grade by hand, with a reason",
                     query: [], body: ["employee", "grade", "period", "reason", "force"], success: "201") { request, context in
                let fields = try await Self.body(request, context, allowed: ["employee", "grade", "period", "reason", "force"])
                let employee = try Self.text(fields, "employee"), grade = try Self.text(fields, "grade"), reason = try Self.text(fields, "reason")
                let period = try Self.period(fields), force = fields["force"] as? Bool ?? false
                return try write(context) { appraisals in
                    let outcome = try appraisals.calibrate(employee, grade: grade, period: period, reason: reason, force: force)
                    return .object([("employee", .string(outcome.employee)), ("period", .string(period.description)), ("from", .string(outcome.from)),
                                    ("grade", .string(outcome.grade)), ("beyond_quota", .bool(outcome.beyondQuota)), ("bonus_dropped", .bool(outcome.bonusDropped))])
                }
            },
            APIRoute(method: .get, path: "/api/v1/export", summary: "The period's workbook (XLSX) of what you may export",
                     query: ["period", "department", "employee"], body: [],
                     answers: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet") { request, context in
                try export(request, context)
            },
        ]
    }

    /// The header a cookie-signed write carries its session's CSRF token in.
    static let csrfHeader = HTTPField.Name("X-CSRF-Token")!

    func register(on router: Router<KPIRequestContext>) {
        for route in routes {
            router.on(RouterPath(route.path), method: route.method) { request, context in
                guard route.open || context.login != nil else {
                    return Reply.error(.unauthorized, context.language.pick("请先登录: POST /api/v1/login，然后带上 Authorization: Bearer TOKEN",
                                                                            "sign in first: POST /api/v1/login, then send Authorization: Bearer TOKEN"))
                }
                // A write signed in by the session cookie carries the session's CSRF token, as a form does.
                if route.method == .post, let session = context.session, request.headers[Self.csrfHeader] != session.csrf {
                    return Reply.error(.forbidden, context.language.pick("用会话 cookie 写入时须带上 X-CSRF-Token", "a write signed in by the session cookie needs X-CSRF-Token"),
                                       kind: "permission")
                }
                do {
                    return try await route.handle(request, context)
                } catch {
                    return Reply.failure(error, context)
                }
            }
        }
        let document = OpenAPI.document(of: routes)
        router.get("/api/v1/openapi.json") { _, _ in Reply.json(document) }
    }

    /// Runs `body` as the signed-in account and answers its JSON.
    private func answer(_ request: Request, _ context: KPIRequestContext, _ body: (Appraisals) throws -> JSON) throws -> Response {
        try read(request, context) { appraisals in (try body(appraisals).text(indent: 2), .json) }
    }

    /// Runs `body` as the signed-in account and answers what it renders in the format asked
    /// (`?format=json`, the default; `table` or `csv` for what the command line prints).
    private func shown(_ request: Request, _ context: KPIRequestContext, _ body: (Appraisals, OutputFormat) throws -> String) throws -> Response {
        let asked = request.uri.queryParameters.get("format") ?? "json"
        guard let format = OutputFormat(rawValue: asked) else { throw BadRequest("`format` must be json, table or csv; found `\(asked)`") }
        return try read(request, context) { appraisals in (try body(appraisals, format), format) }
    }

    /// A read as the signed-in account: answered as it was while the database has not moved
    /// since (`Answers`), else — or when asked with `Cache-Control: no-cache` — rendered by `body`.
    private func read(_ request: Request, _ context: KPIRequestContext,
                      _ body: (Appraisals) throws -> (text: String, format: OutputFormat)) throws -> Response {
        let login = context.login ?? ""
        return try site.withStore { store in
            let mark = try site.mark(store)
            let fresh = request.headers[.cacheControl]?.contains("no-cache") ?? false
            return try site.answers.answer("\(login)\u{0}\(context.language)\u{0}\(request.uri)", mark: mark, fresh: fresh) {
                try body(try site.appraisals(store, login: login))
            }
        }
    }

    /// Runs a write as the signed-in account and answers its JSON (201 unless said otherwise).
    private func write(_ context: KPIRequestContext, status: HTTPResponse.Status = .created, _ body: (Appraisals) throws -> JSON) throws -> Response {
        try site.withStore { store in Reply.json(try body(try site.appraisals(store, login: context.login ?? "")), status: status) }
    }

    private func login(_ request: Request, _ context: KPIRequestContext) async throws -> Response {
        let fields = try await Self.body(request, context, allowed: ["login", "password"])
        let login = try Self.text(fields, "login"), password = try Self.text(fields, "password")
        return try site.withStore { store in
            do {
                let session = try site.signIn(store).signIn(login: login, password: password)
                return Reply.json(.object([("token", .string(session.token)), ("expires_at", .integer(session.expiresAt))]))
            } catch let refusal as SignIn.Refusal {
                return Reply.refusal(refusal, context.language)
            }
        }
    }

    /// A rating, or a self-assessment, answered as `kpi rate --format json` answers it.
    private func rate(_ request: Request, _ context: KPIRequestContext, selfAssessment: Bool) async throws -> Response {
        let allowed = selfAssessment ? ["kpi", "score", "period", "comment"] : ["employee", "kpi", "score", "period", "comment", "relation"]
        let fields = try await Self.body(request, context, allowed: allowed)
        let kpi = try Self.text(fields, "kpi")
        let score = try Self.number(fields, "score", required: true) ?? 0
        let period = try Self.period(fields)
        let comment = fields["comment"] as? String
        var relation: ScoringRule.Relation?
        if let named = fields["relation"] as? String {
            guard let known = ScoringRule.Relation(rawValue: named) else {
                throw BadRequest("`relation` must be one of " + ScoringRule.Relation.allCases.map(\.rawValue).joined(separator: ", "))
            }
            relation = known
        }
        let employee = selfAssessment ? nil : try Self.text(fields, "employee")
        return try site.withStore { store in
            let appraisals = try site.appraisals(store, login: context.login ?? "")
            let outcome = try employee.map { try appraisals.rate($0, kpi: kpi, score: score, period: period, comment: comment, as: relation) }
                ?? appraisals.assessSelf(kpi: kpi, score: score, period: period, comment: comment)
            return Reply.json(try ScorecardView(appraisals: appraisals, language: context.language, period: period).json(outcome, period: period, comment: comment),
                              status: .created)
        }
    }

    private func export(_ request: Request, _ context: KPIRequestContext) throws -> Response {
        let query = request.uri.queryParameters
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("kpi-serve-\(UUID().uuidString).xlsx").path
        defer { try? FileManager.default.removeItem(atPath: file) }
        let period: Period = try site.withStore { store in
            let appraisals = try site.appraisals(store, login: context.login ?? "")
            let period = try Self.period(request, appraisals)
            _ = try appraisals.exportWorkbook(period: period, department: query.get("department"), employee: query.get("employee"), to: file,
                                              english: context.language == .en)
            return period
        }
        let data = try Data(contentsOf: URL(fileURLWithPath: file))
        var headers = HTTPFields()
        headers[.contentType] = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        headers[.contentDisposition] = "attachment; filename=\"kpi-\(period).xlsx\""
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    // MARK: Reading requests

    /// `?period=`, else the latest period with results.
    static func period(_ request: Request, _ appraisals: Appraisals) throws -> Period {
        if let period = try optionalPeriod(request) { return period }
        guard let latest = try appraisals.latestPeriodWithResults() else { throw BadRequest("no period has results yet") }
        return latest
    }

    static func optionalPeriod(_ request: Request) throws -> Period? {
        guard let text = request.uri.queryParameters.get("period") else { return nil }
        guard let period = Period(text) else { throw BadRequest("`period` must be YYYY-MM, YYYY-Qn or YYYY, e.g. 2026-10; found `\(text)`") }
        return period
    }

    /// A JSON object body of at most the context's upload size, with no field beyond `allowed`.
    static func body(_ request: Request, _ context: KPIRequestContext, allowed: [String]) async throws -> [String: Any] {
        var request = request
        let buffer: ByteBuffer
        do {
            buffer = try await request.collectBody(upTo: context.maxUploadSize)
        } catch {
            throw BadRequest("the body is larger than \(context.maxUploadSize / 1024) KB")
        }
        guard let object = (try? JSONSerialization.jsonObject(with: Data(buffer.readableBytesView))) as? [String: Any] else {
            throw BadRequest("the body must be a JSON object: {" + allowed.map { "\"\($0)\"" }.joined(separator: ", ") + "}")
        }
        if let unknown = object.keys.sorted().first(where: { !allowed.contains($0) }) {
            throw BadRequest("unknown field `\(unknown)`; the fields are " + allowed.joined(separator: ", "))
        }
        return object
    }

    /// A body's `period`, YYYY-MM (or a quarter or year).
    static func period(_ fields: [String: Any]) throws -> Period {
        guard let period = Period(try text(fields, "period")) else { throw BadRequest("`period` must be YYYY-MM, e.g. 2026-10") }
        return period
    }

    static func number(_ fields: [String: Any], _ name: String, required: Bool) throws -> Double? {
        guard let value = fields[name], !(value is NSNull) else {
            if required { throw BadRequest("`\(name)` is required, as a number") }
            return nil
        }
        guard let number = value as? Double ?? (value as? Int).map(Double.init) else { throw BadRequest("`\(name)` must be a number") }
        return number
    }

    static func text(_ fields: [String: Any], _ name: String) throws -> String {
        guard let value = fields[name] as? String, !value.isEmpty else { throw BadRequest("`\(name)` is required, as text") }
        return value
    }
}
