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

    /// The status and message of an error a handler threw.
    static func failure(_ error: any Error, _ language: Language) -> Response {
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
        default: return self.error(.internalServerError, language.pick("服务器内部错误: ", "internal error: ") + "\(error)")
        }
    }

    static func refusal(_ refusal: SignIn.Refusal, _ language: Language) -> Response {
        switch refusal {
        case .wrongLoginOrPassword:
            return error(.unauthorized, language.pick("登录名或密码不对", "wrong login or password"))
        case .throttled(let seconds):
            var headers = HTTPFields()
            headers[.retryAfter] = String(seconds)
            return error(.tooManyRequests, language.pick("登录失败次数过多，请 \(seconds / 60) 分钟后再试",
                                                         "too many failed logins; try again in \(seconds / 60) minutes"), headers: headers)
        }
    }
}
