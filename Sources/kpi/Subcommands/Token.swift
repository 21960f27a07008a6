import ArgumentParser
import KPIEngine
import KPIViews

struct Token: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "API tokens of your own account, for scripts: create (shown once), list, revoke.",
        discussion: """
        A script sends the token as Authorization: Bearer TOKEN to kpi serve and acts with your rights. It is kept only as a hash: keep it where you keep passwords; revoke it when it is no longer needed.

        Example:
          kpi token create nightly-report
          curl -H "Authorization: Bearer $TOKEN" http://127.0.0.1:8080/api/v1/me
        """,
        subcommands: [Create.self, List.self, Revoke.self])

    struct Create: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Make a token; it is printed once.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: ArgumentHelp("A name for the token, one word.", valueName: "name")) var name: String

        func run() throws {
            let token = try global.appraisals().createToken(name: name)
            warn(global.language.pick("令牌 \(name) 只显示这一次:", "token \(name), shown this once:"))
            emit(token)
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Your tokens: name, made, revoked.")
        @OptionGroup var global: GlobalOptions

        func run() throws {
            let language = global.language
            let tokens = try global.appraisals().tokens()
            var table = Table(headers: [language.pick("名称", "name"), language.pick("创建于", "created"), language.pick("吊销于", "revoked")])
            for token in tokens { table.append([token.name, token.createdAt, token.revokedAt ?? "—"]) }
            show(table, json: .array(tokens.map { token in
                .object([("name", .string(token.name)), ("created_at", .string(token.createdAt)), ("revoked_at", .string(token.revokedAt))])
            }), format: global.format)
        }
    }

    struct Revoke: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke one of your tokens.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: ArgumentHelp("The token's name.", valueName: "name")) var name: String

        func run() throws {
            try global.appraisals().revokeToken(name: name)
            emit(global.language.pick("已吊销令牌 \(name)", "token revoked: \(name)"))
        }
    }
}
