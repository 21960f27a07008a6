import Foundation
import Hummingbird
import KPIEngine
import KPIStore
import KPIViews

/// A request the server cannot read: answered 400 with the message.
struct BadRequest: Error {
    let message: String
    init(_ message: String) { self.message = message }
}

/// How the server answers: JSON with its media type, and every error as `{"error": message}`
/// with the status that says what it is — a refusal 403 that reveals nothing, bad input 400,
/// never a 500 for anything a request sent.
enum Reply {
    static func json(_ value: JSON, status: HTTPResponse.Status = .ok) -> Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/json; charset=utf-8"
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: value.text(indent: 2) + "\n")))
    }

    /// Text rendered by the views: JSON, or the command line's table or CSV.
    static func text(_ text: String, format: OutputFormat) -> Response {
        var headers = HTTPFields()
        switch format {
        case .json: headers[.contentType] = "application/json; charset=utf-8"
        case .table: headers[.contentType] = "text/plain; charset=utf-8"
        case .csv: headers[.contentType] = "text/csv; charset=utf-8"
        }
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: text + "\n")))
    }

    /// `{"error": message, "kind": kind}`; the kind (`usage`, `invalid`, `permission`, `closed`,
    /// `sign-in`) tells a client the exit code the command line gives for it.
    static func error(_ status: HTTPResponse.Status, _ message: String, kind: String? = nil, headers extra: HTTPFields = [:]) -> Response {
        var response = json(.object([("error", .string(message))] + (kind.map { [("kind", .string($0))] } ?? [])), status: status)
        response.headers.append(contentsOf: extra)
        return response
    }

    /// The status and message of an error a handler threw. One nobody sent — a database that
    /// cannot be read, a workbook that cannot be written — is logged whole and answered 500 with
    /// what to do, not with the internals.
    static func failure(_ error: any Error, _ context: KPIRequestContext) -> Response {
        let language = context.language
        switch error {
        case let bad as BadRequest: return self.error(.badRequest, bad.message, kind: "usage")
        case let refusal as SignIn.Refusal: return self.refusal(refusal, language)
        case let appraisal as AppraisalError:
            switch appraisal {
            case .permissionDenied: return self.error(.forbidden, appraisal.localizedDescription, kind: "permission")
            case .periodClosed: return self.error(.conflict, appraisal.localizedDescription, kind: "closed")
            case .invalid: return self.error(.badRequest, appraisal.localizedDescription, kind: "invalid")
            case .usage: return self.error(.badRequest, appraisal.localizedDescription, kind: "usage")
            }
        case let refused as ImportError: return self.error(.badRequest, refused.localizedDescription)
        default: return self.error(.internalServerError, unexpected(error, context))
        }
    }

    /// Logs an error no request caused and says what to do about it, in the page's language.
    /// The log line carries the request's id, as its request line does.
    static func unexpected(_ error: any Error, _ context: KPIRequestContext) -> String {
        context.logger.error("failed: \(error)")
        return context.language.pick("服务器出错，未完成；详情在服务器日志里 (请求编号 \(context.id))，请告知管理员",
                                     "the server failed and did nothing; the details are in its log (request \(context.id)): tell its administrator")
    }

    static func refusal(_ refusal: SignIn.Refusal, _ language: Language) -> Response {
        let (status, text) = said(refusal, language)
        var headers = HTTPFields()
        if case .throttled(let seconds) = refusal { headers[.retryAfter] = String(seconds) }
        return error(status, text, headers: headers)
    }

    /// A refused sign-in's status and words, for the API and the login page alike.
    static func said(_ refusal: SignIn.Refusal, _ language: Language) -> (HTTPResponse.Status, String) {
        switch refusal {
        case .wrongLoginOrPassword: return (.unauthorized, language.pick("登录名或密码不对", "wrong login or password"))
        case .throttled(let seconds):
            return (.tooManyRequests, language.pick("登录失败次数过多，请 \(seconds / 60) 分钟后再试", "too many failed logins; try again in \(seconds / 60) minutes"))
        }
    }
}
