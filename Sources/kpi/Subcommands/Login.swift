import ArgumentParser
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import KPIViews

struct Login: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Sign in to a kpi serve; then me, scorecard, team and explain ask it instead of a database.",
        discussion: """
        Keeps the server and a session token (12 hours) in ~/.config/kpi/login.json (or $XDG_CONFIG_HOME/kpi), readable by you alone. While it is there, or KPI_SERVER names a server (with KPI_TOKEN, or a stored token for it), kpi me, scorecard, team and explain go over HTTP and print what they print locally; --db or KPI_DB means the database instead (the administrator's direct access).

        Example:
          kpi login https://kpi.example.com --user zhangsan
          kpi me
        """)
    @Argument(help: ArgumentHelp("The server's address.", valueName: "url")) var url: String
    @Option(help: ArgumentHelp("Your login (default: your operating-system login).", valueName: "login")) var user: String?
    @Flag(help: "Read the password from the first line of stdin instead of a prompt.") var passwordStdin = false
    @Option(name: .long, help: ArgumentHelp("Language of messages: zh or en.", valueName: "zh|en")) var lang: Language?

    func run() throws {
        let language = Language.resolve(lang)
        let address = url.hasSuffix("/") ? String(url.dropLast()) : url
        guard let server = URL(string: address + "/api/v1/login"), ["http", "https"].contains(server.scheme ?? "") else {
            throw CommandFailure.usage(language.pick("不是一个 http(s) 地址: \(url)", "not an http(s) address: \(url)"))
        }
        let login = user ?? NSUserName()
        let password = try Password.read(fromStdin: passwordStdin, language: language, prompt: language.pick("\(login) 的密码: ", "Password of \(login): "))
        var request = URLRequest(url: server)
        request.httpMethod = "POST"
        request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        request.httpBody = try JSONSerialization.data(withJSONObject: ["login": login, "password": password])
        let (status, body) = try Remote.send(request, language: language)
        guard status == 200, let object = (try? JSONSerialization.jsonObject(with: body)) as? [String: Any], let token = object["token"] as? String else {
            throw Remote.failure(status: status, body: body, server: URL(string: address) ?? server, language: language)
        }
        try Remote.store(Remote.Stored(server: address, token: token))
        emit(language.pick("已登录 \(address)（\(login)）；令牌保存在 \(Remote.file.path)", "signed in to \(address) as \(login); the token is in \(Remote.file.path)"))
    }
}
