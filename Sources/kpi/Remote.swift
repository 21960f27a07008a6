import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import KPIViews

/// A `kpi serve` this command line talks to instead of a database: the one `KPI_SERVER` names,
/// else the one `kpi login` stored, with the token stored for it (or `KPI_TOKEN`). Direct access
/// to a database — `--db` or `KPI_DB` — is the administrator's and always wins.
struct Remote {
    let server: URL
    let token: String

    /// What `kpi login` keeps: the server and its token, readable by the user alone.
    struct Stored: Codable {
        let server: String
        let token: String
    }

    /// `$XDG_CONFIG_HOME/kpi/login.json`, else `~/.config/kpi/login.json`.
    static var file: URL {
        let environment = ProcessInfo.processInfo.environment
        let base = environment["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : URL(fileURLWithPath: $0) }
            ?? FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".config")
        return base.appendingPathComponent("kpi").appendingPathComponent("login.json")
    }

    static func stored() -> Stored? {
        (try? Data(contentsOf: file)).flatMap { try? JSONDecoder().decode(Stored.self, from: $0) }
    }

    /// Keeps the server and token in `file`, mode 0600 in a folder of mode 0700.
    static func store(_ stored: Stored) throws {
        let folder = file.deletingLastPathComponent()
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let data = try JSONEncoder().encode(stored)
        guard FileManager.default.createFile(atPath: file.path, contents: data, attributes: [.posixPermissions: 0o600]) else {
            throw CommandFailure(code: .badData, lines: ["cannot write \(file.path)"])
        }
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: file.path)
    }

    /// The server to talk to, or nil for the database.
    static func current(_ global: GlobalOptions) throws -> Remote? {
        let environment = ProcessInfo.processInfo.environment
        func set(_ name: String) -> String? { environment[name].flatMap { $0.isEmpty ? nil : $0 } }
        guard global.db == nil, set("KPI_DB") == nil else { return nil }
        let stored = stored()
        guard let address = set("KPI_SERVER") ?? stored?.server else { return nil }
        guard let server = URL(string: address), server.scheme == "http" || server.scheme == "https" else {
            throw CommandFailure.usage(global.language.pick("KPI_SERVER 不是一个 http(s) 地址: \(address)", "KPI_SERVER is no http(s) address: \(address)"))
        }
        guard let token = set("KPI_TOKEN") ?? stored.flatMap({ $0.server == address ? $0.token : nil }) else {
            throw CommandFailure(code: .permissionDenied, lines: [global.language.pick("请先登录: kpi login \(address)", "sign in first: kpi login \(address)")])
        }
        return Remote(server: server, token: token)
    }

    /// GETs `path` with the query, in the command's format and language, as the signed-in
    /// account, and returns the body: what the command prints locally. A refusal or an error
    /// becomes the command's failure with the server's message and the exit code the command
    /// gives locally.
    func get(_ path: String, _ query: [String: String?], _ global: GlobalOptions) throws -> String {
        let language = global.language
        var components = URLComponents(url: server.appendingPathComponent(path), resolvingAgainstBaseURL: false)
        let asked = query.merging(["format": global.format.rawValue, "lang": language.rawValue]) { given, _ in given }
        components?.queryItems = asked.compactMap { name, value in value.map { URLQueryItem(name: name, value: $0) } }.sorted { $0.name < $1.name }
        guard let url = components?.url else { throw CommandFailure.usage("bad address: \(server)\(path)") }
        var request = URLRequest(url: url)
        request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization")
        let (status, body) = try Self.send(request, language: language)
        guard status == 200 else { throw Self.failure(status: status, body: body, server: server, language: language) }
        return String(decoding: body, as: UTF8.self).trimmingTrailingNewline()
    }

    /// Sends a request and waits for the answer.
    static func send(_ request: URLRequest, language: Language) throws -> (Int, Data) {
        final class Answer: @unchecked Sendable {
            var result: Result<(Int, Data), any Error> = .failure(URLError(.unknown))
        }
        let answer = Answer()
        let done = DispatchSemaphore(value: 0)
        URLSession.shared.dataTask(with: request) { data, response, error in
            if let error {
                answer.result = .failure(error)
            } else {
                answer.result = .success(((response as? HTTPURLResponse)?.statusCode ?? 0, data ?? Data()))
            }
            done.signal()
        }.resume()
        done.wait()
        do {
            return try answer.result.get()
        } catch {
            throw CommandFailure(code: .badData, lines: [language.pick("无法连接 \(request.url?.absoluteString ?? ""): \(error.localizedDescription)",
                                                                       "cannot reach \(request.url?.absoluteString ?? ""): \(error.localizedDescription)")])
        }
    }

    /// The server's `{"error", "kind"}` as the exit code the command gives locally.
    static func failure(status: Int, body: Data, server: URL, language: Language) -> CommandFailure {
        let object = (try? JSONSerialization.jsonObject(with: body)) as? [String: Any]
        let message = object?["error"] as? String ?? "HTTP \(status)"
        switch (status, object?["kind"] as? String) {
        case (401, _): return CommandFailure(code: .permissionDenied, lines: [message, language.pick("请重新登录: kpi login \(server.absoluteString)",
                                                                                                   "sign in again: kpi login \(server.absoluteString)")])
        case (403, _): return CommandFailure(code: .permissionDenied, lines: [message])
        case (409, _): return CommandFailure(code: .periodClosed, lines: [message])
        case (400, "usage"): return CommandFailure(code: .usage, lines: [message])
        default: return CommandFailure(code: .badData, lines: [message])
        }
    }
}

private extension String {
    func trimmingTrailingNewline() -> String { hasSuffix("\n") ? String(dropLast()) : self }
}
