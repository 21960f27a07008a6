import Foundation
import Hummingbird
import KPICatalog
import KPIEngine
import KPIFormula
import KPIStore
import KPIViews
import Mustache

/// The web pages, rendered on the server, usable without JavaScript (docs/server.md): 登录,
/// 我的绩效 (and a member's scorecard), an explanation, 团队 with its rating form, and for HR
/// 考核周期. Chinese unless English is asked for; every form carries the session's CSRF token.
struct Pages {
    let site: Site
    let library: MustacheLibrary
    /// The cookie that carries the login form's CSRF token before there is a session.
    static let loginCSRFCookie = "kpi_login_csrf"

    func register(on router: Router<KPIRequestContext>) {
        router.get("/login") { request, context in loginPage(context, error: nil, status: .ok, csrf: Store.newSecret()) }
        router.post("/login") { request, context in try await signIn(request, context) }
        router.post("/logout") { request, context in try await signOut(request, context) }
        router.get("/") { request, context in try signedIn(context) { try scorecardPage(request, context, $0, employee: nil) } }
        router.get("/scorecards/{employee}") { request, context in
            try signedIn(context) { try scorecardPage(request, context, $0, employee: try context.parameters.require("employee")) }
        }
        router.get("/explain/{employee}/{kpi}") { request, context in try signedIn(context) { try explainPage(request, context, $0) } }
        router.get("/team") { request, context in
            try signedIn(context) { appraisals in
                try teamPage(try API.period(request, appraisals), department: request.uri.queryParameters.get("department"), context, appraisals, flash: nil)
            }
        }
        router.post("/team/rate") { request, context in try await rateForm(request, context) }
        router.post("/team/calibrate") { request, context in try await calibrateForm(request, context) }
        router.post("/objections/{id}") { request, context in try await resolveForm(request, context) }
        router.post("/confirm") { request, context in try await confirmForm(request, context) }
        router.post("/object") { request, context in try await objectForm(request, context) }
        router.get("/periods") { request, context in try signedIn(context) { try periodsPage(context, $0, flash: nil) } }
        router.post("/periods/{period}") { request, context in try await periodForm(request, context) }
    }

    // MARK: Rendering

    private func render(_ template: String, _ data: [String: Any], _ context: KPIRequestContext, status: HTTPResponse.Status = .ok,
                        appraisals: Appraisals? = nil, cookies: [Cookie] = []) -> Response {
        let language = context.language
        var page = data
        page["lang"] = language == .zh ? "zh-CN" : "en"
        page["otherLang"] = language == .zh ? "en" : "zh"
        page["otherLangName"] = language == .zh ? "English" : "中文"
        if let appraisals, let me = appraisals.principal.employee {
            page["signedIn"] = true
            page["who"] = "\(me.name) · \(appraisals.catalog.role(me.role).map { language == .zh ? $0.name : $0.nameEn ?? $0.name } ?? me.role)"
            page["csrf"] = context.session?.csrf ?? ""
            let seesOthers = appraisals.principal.isAdmin || [.viewTeam, .viewDepartment, .viewCompany].contains { appraisals.principal.has($0) }
            page["nav"] = ["me": language.pick("我的绩效", "My scorecard"), "team": seesOthers ? [language.pick("团队", "Team")] : [],
                           "periods": appraisals.principal.isAdmin ? [language.pick("考核周期", "Periods")] : [],
                           "logout": language.pick("退出", "Sign out")] as [String: Any]
        }
        var headers = HTTPFields()
        headers[.contentType] = "text/html; charset=utf-8"
        headers[.cacheControl] = "no-store"
        var response = Response(status: status, headers: headers,
                                body: .init(byteBuffer: ByteBuffer(string: library.render(page, withTemplate: template) ?? "")))
        for cookie in cookies { response.setCookie(cookie) }
        return response
    }

    private func message(_ context: KPIRequestContext, _ text: String, status: HTTPResponse.Status, appraisals: Appraisals?) -> Response {
        render("message", ["title": context.language.pick("无法完成", "Cannot do that"), "text": text,
                           "back": context.language.pick("返回", "Back")], context, status: status, appraisals: appraisals)
    }

    /// Runs `body` for a signed-in account; anyone else is sent to the login page.
    private func signedIn(_ context: KPIRequestContext, _ body: (Appraisals) throws -> Response) throws -> Response {
        guard let login = context.login else { return .redirect(to: "/login", type: .normal) }
        return try site.withStore { store in
            let appraisals = try site.appraisals(store, login: login)
            do {
                return try body(appraisals)
            } catch let error as AppraisalError {
                let status: HTTPResponse.Status = if case .permissionDenied = error { .forbidden } else { .badRequest }
                return message(context, error.localizedDescription, status: status, appraisals: appraisals)
            } catch let bad as BadRequest {
                return message(context, bad.message, status: .badRequest, appraisals: appraisals)
            } catch {
                return message(context, Reply.unexpected(error, context), status: .internalServerError, appraisals: appraisals)
            }
        }
    }

    // MARK: Signing in and out

    private func loginPage(_ context: KPIRequestContext, error: String?, status: HTTPResponse.Status, csrf: String) -> Response {
        let language = context.language
        return render("login", [
            "title": language.pick("登录 · 绩效考核", "Sign in · Appraisal"), "error": error.map { [$0] } ?? [], "csrf": csrf,
            "labels": ["login": language.pick("登录名", "Login"), "password": language.pick("密码", "Password"), "submit": language.pick("登录", "Sign in")],
        ], context, status: status, cookies: [Cookie(name: Self.loginCSRFCookie, value: csrf, path: "/login", httpOnly: true, sameSite: .strict)])
    }

    private func signIn(_ request: Request, _ context: KPIRequestContext) async throws -> Response {
        let form = try await Form.read(request, context)
        let language = context.language
        guard let sent = form["csrf"], sent == request.cookies[Self.loginCSRFCookie]?.value else {
            return loginPage(context, error: language.pick("表单已过期，请重新登录", "the form expired; sign in again"), status: .forbidden, csrf: Store.newSecret())
        }
        do {
            let session = try site.withStore { try site.signIn($0).signIn(login: form["login"] ?? "", password: form["password"] ?? "") }
            var response = Response.redirect(to: "/", type: .found)
            response.setCookie(Cookie(name: Identity.sessionCookie, value: session.token, maxAge: SignIn.sessionSeconds, path: "/",
                                      httpOnly: true, sameSite: .strict))
            response.setCookie(Cookie(name: Identity.languageCookie, value: language.rawValue, path: "/", httpOnly: true, sameSite: .strict))
            return response
        } catch let refusal as SignIn.Refusal {
            let (status, text) = Reply.said(refusal, language)
            return loginPage(context, error: text, status: status, csrf: Store.newSecret())
        }
    }

    private func signOut(_ request: Request, _ context: KPIRequestContext) async throws -> Response {
        let form = try await Form.read(request, context)
        guard let session = context.session, form["csrf"] == session.csrf else { return csrfRefused(context) }
        try site.withStore { try site.signIn($0).signOut(session.token) }
        var response = Response.redirect(to: "/login", type: .found)
        response.setCookie(Cookie(name: Identity.sessionCookie, value: "", maxAge: 0, path: "/", httpOnly: true, sameSite: .strict))
        return response
    }

    /// Runs `body` with a form posted in a session with that session's CSRF token; anyone else
    /// is sent to sign in, and a form without the token is refused before anything is read.
    private func posted(_ request: Request, _ context: KPIRequestContext,
                        _ body: ([String: String], Appraisals) throws -> Response) async throws -> Response {
        let form = try await Form.read(request, context)
        guard let session = context.session else { return .redirect(to: "/login", type: .normal) }
        guard form["csrf"] == session.csrf else { return csrfRefused(context) }
        return try signedIn(context) { try body(form, $0) }
    }

    private func csrfRefused(_ context: KPIRequestContext) -> Response {
        message(context, context.language.pick("表单缺少有效的校验码 (CSRF)，已拒绝；请回到页面重新提交",
                                               "the form lacks a valid check token (CSRF) and was refused; go back and send it again"),
                status: .forbidden, appraisals: nil)
    }

    // MARK: 我的绩效 and a member's scorecard

    private func scorecardPage(_ request: Request, _ context: KPIRequestContext, _ appraisals: Appraisals, employee: String?) throws -> Response {
        let language = context.language
        let me = try appraisals.requireEmployee()
        let id = employee ?? me.id
        let period = try API.period(request, appraisals)
        let card = try appraisals.scorecard(of: id, period: period)
        let view = try ScorecardView(appraisals: appraisals, language: language, period: period)
        let steps = appraisals.steps(of: card, by: view.rules)
        let lines: [[String: Any]] = zip(card.lines, steps).map { line, step in
            let kpi = view.rules.kpi(line.kpi)
            var target = 100.0
            if case .linear(let rule)? = step?.rule { target = rule.points.target }
            return ["name": kpi.map(view.text.kpiName) ?? line.kpi, "value": view.value(line.value, kpi: kpi), "score": view.score(line.score),
                    "weight": line.weight, "weighted": line.weighted.map { trimmed($0, digits: 2) } ?? "—",
                    "bar": Int(min(120, max(0, line.score ?? 0)) / 120 * 160), "target": Int(target / 120 * 160),
                    "explain": "/explain/\(Self.escaped(id))/\(Self.escaped(line.kpi))?period=\(period)"]
        }
        let segments: [[String: Any]] = card.segments.map { segment in
            ["heading": view.segmentHeading(segment),
             "lines": segment.lines.map { ["name": view.rules.kpi($0.kpi).map(view.text.kpiName) ?? $0.kpi, "score": view.score($0.score), "weight": $0.weight] }]
        }
        let conversation = try appraisals.conversation(of: id, period: period)
        let mine = id == me.id && view.status(period) == "open"
        let history = try appraisals.history(of: id, from: nil, to: period).suffix(12)
        let bonus = id == me.id ? try appraisals.bonusShares(of: id, period: period) : []
        let name = view.name(id)
        return render("scorecard", [
            "title": employee == nil ? language.pick("我的绩效 · \(period)", "My scorecard · \(period)") : "\(name) · \(period)",
            "heading": "\(id) \(name) · \(view.roleName(card.role)) · \(view.text.departmentName(card.department, in: appraisals.catalog)) · \(period) (\(view.status(period)))",
            "total": view.total(card.total), "grade": card.grade ?? "—", "rawGrade": card.rawGrade == card.grade ? [] : [card.rawGrade ?? "—"],
            "coefficient": card.coefficient.map { trimmed($0, digits: 2) } ?? "—",
            "bonus": bonus.map { ["amount": Money.yuan($0.amount) + language.pick(" 元", " yuan"), "pool": $0.pool] },
            "lines": lines, "segments": segments,
            "comments": card.lines.compactMap { line in line.comment.map { ["kpi": view.rules.kpi(line.kpi).map(view.text.kpiName) ?? line.kpi,
                                                                               "comment": $0, "rater": line.rater.map(view.name) ?? ""] } },
            "trend": history.count > 1 ? Self.trend(Array(history), view) : [],
            "calibration": conversation.calibration.map { [view.calibrationText($0)] } ?? [],
            "objections": conversation.objections.map { objection in
                ["id": objection.id, "kpi": view.rules.kpi(objection.kpi).map(view.text.kpiName) ?? objection.kpi, "reason": objection.reason,
                 "status": view.statusName(objection.status), "resolution": objection.resolution.map { [$0] } ?? []] as [String: Any]
            },
            "confirmation": view.status(period) == "open" ? [view.confirmationText(conversation.confirmation)] : [],
            "mine": mine ? [["csrf": context.session?.csrf ?? "", "period": period.description,
                             "kpis": card.lines.map { ["id": $0.kpi, "name": view.rules.kpi($0.kpi).map(view.text.kpiName) ?? $0.kpi] }]] : [],
            "labels": ["total": language.pick("总分", "Total"), "grade": language.pick("等级", "Grade"), "raw": language.pick("原始", "raw"),
                       "coefficient": language.pick("绩效系数", "Coefficient"), "bonus": language.pick("奖金", "Bonus"), "kpi": "KPI",
                       "value": language.pick("实际值", "Value"), "score": language.pick("得分", "Score"), "weight": language.pick("权重", "Weight"),
                       "weighted": language.pick("加权得分", "Weighted"), "comments": language.pick("评语", "Comments"),
                       "trend": language.pick("近几个月的总分", "Totals over the months"),
                       "explainHint": language.pick("点 KPI 名称查看得分的来历和背后的记录。", "Open a KPI to see how its score was reached and the records behind it."),
                       "conversation": language.pick("确认与申诉", "Confirmation and objections"), "confirm": language.pick("确认考核结果", "Confirm"),
                       "object": language.pick("申诉", "Object"), "reason": language.pick("申诉理由", "What is wrong, and why")],
        ], context, appraisals: appraisals)
    }

    /// The totals of the months as an inline line chart: 60 to 120 points from bottom to top.
    static func trend(_ cards: [Scorecard], _ view: ScorecardView) -> [[String: Any]] {
        let step = 60, width = max(120, step * cards.count)
        let dots: [[String: Any]] = cards.enumerated().map { index, card in
            let total = card.total ?? 0
            return ["x": step / 2 + index * step, "y": Int(75 - (min(120, max(60, total)) - 60) / 60 * 70), "month": card.period.description,
                    "label": String(card.period.description.suffix(5)), "total": view.total(card.total)]
        }
        return [["width": width, "points": dots.map { "\($0["x"] ?? 0),\($0["y"] ?? 0)" }.joined(separator: " "), "dots": dots]]
    }

    // MARK: The explanation

    private func explainPage(_ request: Request, _ context: KPIRequestContext, _ appraisals: Appraisals) throws -> Response {
        let language = context.language
        let id = try context.parameters.require("employee"), kpiID = try context.parameters.require("kpi")
        let period = try API.period(request, appraisals)
        let explanation = try appraisals.explain(id, kpi: kpiID, period: period)
        let view = try ScorecardView(appraisals: appraisals, language: language, period: period)
        let kpi = explanation.kpi, line = explanation.line
        let narrate = { (step: ScoringStep) in step.narration(chinese: language == .zh) { view.text.number($0, unit: kpi.unit) } }
        return render("explain", [
            "title": view.text.kpiName(kpi),
            "heading": "\(id) \(view.name(id)) · \(period) (\(view.status(period)))",
            "formula": kpi.formula.map { [$0.source] } ?? [], "scope": MeasureScope(rawValue: line.scope).map(view.text.scope) ?? line.scope,
            "measures": line.measures.map { measure in
                let definition = appraisals.catalog.measures.definition(named: String(measure.key.prefix { $0 != "(" }))
                return ["key": measure.key, "value": definition?.quantity == .amount ? grouped(measure.value) : trimmed(measure.value, digits: 4),
                        "meaning": definition.map { language.pick($0.meaningZh, $0.meaningEn) } ?? ""]
            },
            "rating": explanation.raters.map(view.raterLine),
            "value": view.value(line.value, kpi: kpi), "narration": narrate(explanation.step), "weight": line.weight,
            "weighted": line.weighted.map { trimmed($0, digits: 2) } ?? language.pick("不计入总分", "left out of the total"),
            "segments": explanation.segments.map { view.segmentHeading($0.segment) + " · " + narrate($0.step) },
            "records": explanation.records.map { list in
                ["title": list.title, "total": list.total, "columns": list.columns, "rows": list.rows.map { ["cells": $0] }] as [String: Any]
            },
            "back": "/" + (id == appraisals.principal.employee?.id ? "" : "scorecards/\(Self.escaped(id))") + "?period=\(period)",
            "labels": ["formula": language.pick("公式", "Formula"), "measure": language.pick("度量", "Measure"), "value": language.pick("实际值", "Value"),
                       "scoring": language.pick("计分", "Scoring"), "weight": language.pick("权重", "Weight"),
                       "weighted": language.pick("加权得分", "weighted"), "back": language.pick("返回考核表", "Back to the scorecard")],
        ], context, appraisals: appraisals)
    }

    // MARK: 团队

    private func teamPage(_ period: Period, department: String?, _ context: KPIRequestContext, _ appraisals: Appraisals,
                          flash: (kind: String, text: String)?) throws -> Response {
        let language = context.language
        let cards = try appraisals.team(period: period, department: department).ranked
        let view = try ScorecardView(appraisals: appraisals, language: language, period: period)
        let open = try appraisals.periodStatus(period) == .open && period.length == .month
        let rows: [[String: Any]] = try cards.enumerated().map { index, card in
            let rated = try open && appraisals.canRate(card.employee)
                ? try appraisals.ratedKPIs(of: card.employee, period: period).map { ["id": $0.id, "name": view.text.kpiName($0)] } : []
            let calibrate = try open && appraisals.canCalibrate(card.employee)
                ? [["grades": appraisals.catalog.grading.grades.map { ["grade": $0.grade, "selected": $0.grade == card.grade] }]] : []
            return ["rank": card.total == nil ? "—" : String(index + 1), "employee": card.employee, "name": view.name(card.employee),
                    "role": view.roleName(card.role), "total": view.total(card.total), "grade": card.grade ?? "—",
                    "link": "/scorecards/\(Self.escaped(card.employee))?period=\(period)", "rated": rated, "calibrate": calibrate,
                    "csrf": context.session?.csrf ?? "", "period": period.description]
        }
        let objections: [[String: Any]] = try appraisals.objections(period: period).map { objection in
            ["id": objection.id, "name": "\(view.name(objection.employee)) (\(objection.employee))",
             "kpi": view.rules.kpi(objection.kpi).map(view.text.kpiName) ?? objection.kpi, "reason": objection.reason,
             "status": view.statusName(objection.status), "resolution": objection.resolution.map { [$0] } ?? [],
             "open": objection.status == .open && open ? [["csrf": context.session?.csrf ?? "", "period": period.description]] : []]
        }
        let grades = appraisals.catalog.grading.grades.map { grade in ["grade": grade.grade, "count": cards.filter { $0.grade == grade.grade }.count] }
        return render("team", [
            "title": language.pick("团队 · \(period) · \(cards.count) 人", "Team · \(period) · \(cards.count) people"),
            "flash": flash.map { [["kind": $0.kind, "text": $0.text]] } ?? [], "rows": rows, "grades": grades, "objections": objections,
            "labels": ["rank": language.pick("排名", "Rank"), "name": language.pick("姓名", "Name"), "role": language.pick("岗位", "Role"),
                       "total": language.pick("总分", "Total"), "grade": language.pick("等级", "Grade"), "rate": language.pick("评分", "Rate"),
                       "score": language.pick("得分", "Score"), "comment": language.pick("评语", "Comment"),
                       "calibrate": language.pick("校准", "Calibrate"), "reason": language.pick("理由", "Reason"),
                       "force": language.pick("超出名额", "beyond the quota"), "objections": language.pick("申诉", "Objections"),
                       "accept": language.pick("采纳", "Accept"), "reject": language.pick("驳回", "Reject"),
                       "newScore": language.pick("新评分(可空)", "new score (optional)")],
        ], context, appraisals: appraisals)
    }

    private func rateForm(_ request: Request, _ context: KPIRequestContext) async throws -> Response {
        try await posted(request, context) { form, appraisals in
            let language = context.language
            guard let employee = form["employee"], let kpi = form["kpi"], let period = form["period"].flatMap(Period.init),
                  let score = form["score"].flatMap(Double.init) else {
                throw BadRequest(language.pick("请填写一个数字作为得分", "give the score as a number"))
            }
            let comment = form["comment"].flatMap { $0.isEmpty ? nil : $0 }
            return try teamAction(period, context, appraisals) {
                let outcome = try appraisals.rate(employee, kpi: kpi, score: score, period: period, comment: comment)
                return try ScorecardView(appraisals: appraisals, language: language, period: period)
                    .text(outcome, period: period, comment: comment, format: .table).replacingOccurrences(of: "\n", with: " · ")
            }
        }
    }

    /// Runs a form's action of 团队 and shows the team again with what it did, or its refusal.
    private func teamAction(_ period: Period, _ context: KPIRequestContext, _ appraisals: Appraisals, _ action: () throws -> String) throws -> Response {
        let flash: (String, String)
        do {
            flash = ("ok", try action())
        } catch let error as AppraisalError {
            flash = ("error", error.localizedDescription)
        }
        return try teamPage(period, department: nil, context, appraisals, flash: flash)
    }

    private func calibrateForm(_ request: Request, _ context: KPIRequestContext) async throws -> Response {
        try await posted(request, context) { form, appraisals in
            let language = context.language
            guard let employee = form["employee"], let grade = form["grade"], let period = form["period"].flatMap(Period.init) else {
                throw BadRequest(language.pick("请选择等级", "choose a grade"))
            }
            return try teamAction(period, context, appraisals) {
                let outcome = try appraisals.calibrate(employee, grade: grade, period: period, reason: form["reason"] ?? "", force: form["force"] == "on")
                return language.pick("已校准 \(employee): \(outcome.from ?? "—") → \(outcome.grade)", "calibrated \(employee): \(outcome.from ?? "—") → \(outcome.grade)")
            }
        }
    }

    private func resolveForm(_ request: Request, _ context: KPIRequestContext) async throws -> Response {
        try await posted(request, context) { form, appraisals in
            let language = context.language
            guard let id = Int(try context.parameters.require("id")), let period = form["period"].flatMap(Period.init),
                  let decision = form["decision"], ["accept", "reject"].contains(decision) else {
                throw BadRequest(language.pick("请选择采纳或驳回", "choose accept or reject"))
            }
            let score = form["score"].flatMap { $0.isEmpty ? nil : Double($0) }
            return try teamAction(period, context, appraisals) {
                let resolved = try appraisals.resolve(objection: id, accept: decision == "accept", reason: form["reason"] ?? "", score: score)
                return language.pick("申诉 #\(id) ", "objection #\(id) ")
                    + (try ScorecardView(appraisals: appraisals, language: language, period: period).statusName(resolved.status))
            }
        }
    }

    /// Confirming one's scorecard, and objecting to a KPI of it: back to the scorecard, or the refusal.
    private func confirmForm(_ request: Request, _ context: KPIRequestContext) async throws -> Response {
        try await posted(request, context) { form, appraisals in
            guard let period = form["period"].flatMap(Period.init) else { throw BadRequest(context.language.pick("期间格式不对", "not a period")) }
            try appraisals.confirm(period)
            return .redirect(to: "/?period=\(period)", type: .found)
        }
    }

    private func objectForm(_ request: Request, _ context: KPIRequestContext) async throws -> Response {
        try await posted(request, context) { form, appraisals in
            guard let period = form["period"].flatMap(Period.init), let kpi = form["kpi"] else {
                throw BadRequest(context.language.pick("请选择要申诉的指标", "choose the KPI you object to"))
            }
            try appraisals.object(period, kpi: kpi, reason: form["reason"] ?? "")
            return .redirect(to: "/?period=\(period)", type: .found)
        }
    }

    // MARK: 考核周期 (HR)

    private func periodsPage(_ context: KPIRequestContext, _ appraisals: Appraisals, flash: (kind: String, text: String)?) throws -> Response {
        let language = context.language
        guard appraisals.principal.isAdmin else {
            throw AppraisalError.permissionDenied(language.pick("考核周期页需要 appraisal:admin", "the periods page needs appraisal:admin"))
        }
        let rows: [[String: Any]] = try appraisals.status(nil).map { item in
            var waiting = "—"
            if item.status == .open, item.runs > 0, item.period.length == .month {
                let chase = try appraisals.chaseList(item.period)
                waiting = language.pick("缺评分 \(chase.missing.count) · 待确认 \(chase.unconfirmed.count) · 申诉 \(chase.objections.count)",
                                        "ratings missing \(chase.missing.count) · unconfirmed \(chase.unconfirmed.count) · objections \(chase.objections.count)")
            }
            return ["period": item.period.description, "status": language.pick(item.status == .open ? "开启" : "已关闭", item.status.rawValue),
                    "runs": item.runs, "ran": item.runs > 0, "open": item.status == .open, "lastRun": item.lastRunAt ?? "—",
                    "waiting": waiting, "csrf": context.session?.csrf ?? ""]
        }
        return render("periods", [
            "title": language.pick("考核周期", "Appraisal periods"), "rows": rows, "flash": flash.map { [["kind": $0.kind, "text": $0.text]] } ?? [],
            "labels": ["period": language.pick("期间", "Period"), "status": language.pick("状态", "Status"), "runs": language.pick("计算次数", "Runs"),
                       "lastRun": language.pick("最近计算", "Last run"), "run": language.pick("计算", "Run"), "close": language.pick("关闭", "Close"),
                       "waiting": language.pick("待办", "Outstanding"),
                       "forceReason": language.pick("仍有待办时关闭的理由", "reason to close with things outstanding"),
                       "download": language.pick("下载工作簿", "Download the workbook")],
        ], context, appraisals: appraisals)
    }

    private func periodForm(_ request: Request, _ context: KPIRequestContext) async throws -> Response {
        try await posted(request, context) { form, appraisals in
            let language = context.language
            guard let period = Period(try context.parameters.require("period")) else { throw BadRequest(language.pick("期间格式不对", "not a period")) }
            let flash: (String, String)
            do {
                switch form["action"] {
                case "run":
                    let cards = try appraisals.run(period)
                    flash = ("ok", language.pick("\(period): 已计算 \(cards.count) 份考核表", "\(period): \(cards.count) scorecards computed"))
                case "close":
                    let reason = form["reason"].flatMap { $0.trimmingCharacters(in: .whitespaces).isEmpty ? nil : $0 }
                    try appraisals.close(period, force: reason != nil, reason: reason)
                    flash = ("ok", language.pick("\(period) 已关闭，结果已冻结", "\(period) closed: results frozen"))
                default: throw BadRequest(language.pick("未知的操作", "unknown action"))
                }
            } catch let error as AppraisalError {
                flash = ("error", error.localizedDescription)
            }
            return try periodsPage(context, appraisals, flash: flash)
        }
    }

    /// A path segment with anything but letters, digits and `-._~` percent-encoded.
    static func escaped(_ text: String) -> String {
        text.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-._~"))) ?? text
    }
}

/// A form body (`application/x-www-form-urlencoded`) as its fields.
enum Form {
    static func read(_ request: Request, _ context: KPIRequestContext) async throws -> [String: String] {
        var request = request
        guard let buffer = try? await request.collectBody(upTo: context.maxUploadSize) else { return [:] }
        var fields: [String: String] = [:]
        for pair in String(buffer: buffer).split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1).map { String($0).replacingOccurrences(of: "+", with: " ").removingPercentEncoding ?? "" }
            if let name = parts.first, !name.isEmpty { fields[name] = parts.count > 1 ? parts[1] : "" }
        }
        return fields
    }
}
