import ArgumentParser
import Foundation
import KPIEngine
import KPIViews

struct Users: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "users",
        abstract: "Accounts for kpi serve: add, set a password, disable, list (HR).",
        discussion: """
        An account belongs to the employee with that login (the employees file's login, 登录名); it opens nothing once disabled or once the employee has left. Passwords are asked at a prompt, or read from the first line of stdin with --password-stdin, never from the command line; they are kept only as bcrypt hashes.

        Example:
          kpi users add zhangsan
          echo "$PASSWORD" | kpi users passwd zhangsan --password-stdin
        """,
        subcommands: [Add.self, Passwd.self, Disable.self, List.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Give the employee with LOGIN an account (HR).")
        @OptionGroup var global: GlobalOptions
        @Argument(help: ArgumentHelp("The employee's login.", valueName: "login")) var login: String
        @Flag(help: "Read the password from the first line of stdin instead of a prompt.") var passwordStdin = false

        func run() throws {
            let appraisals = try global.appraisals()
            try appraisals.addAccount(login: login, password: try Password.read(fromStdin: passwordStdin, language: global.language))
            emit(global.language.pick("已为 \(login) 开通账户", "account added: \(login)"))
        }
    }

    struct Passwd: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Set a new password: HR for anyone, everyone for themselves. Ends the account's sessions.")
        @OptionGroup var global: GlobalOptions
        @Argument(help: ArgumentHelp("The login.", valueName: "login")) var login: String
        @Flag(help: "Read the password from the first line of stdin instead of a prompt.") var passwordStdin = false

        func run() throws {
            let appraisals = try global.appraisals()
            try appraisals.setPassword(login: login, password: try Password.read(fromStdin: passwordStdin, language: global.language))
            emit(global.language.pick("已为 \(login) 设置新密码；其会话已结束", "new password set for \(login); its sessions ended"))
        }
    }

    struct Disable: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Disable an account: its sessions end and its API tokens are revoked (HR).")
        @OptionGroup var global: GlobalOptions
        @Argument(help: ArgumentHelp("The login.", valueName: "login")) var login: String

        func run() throws {
            try global.appraisals().disableAccount(login: login)
            emit(global.language.pick("已停用账户 \(login)", "account disabled: \(login)"))
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Every account, whose it is, and whether it opens anything (HR).")
        @OptionGroup var global: GlobalOptions

        func run() throws {
            let language = global.language
            let accounts = try global.appraisals().accounts()
            var table = Table(headers: [language.pick("登录名", "login"), language.pick("工号", "id"), language.pick("姓名", "name"),
                                        language.pick("状态", "state"), language.pick("更新于", "changed")])
            func state(_ account: AccountSummary) -> String {
                if account.disabled { return language.pick("已停用", "disabled") }
                guard let employee = account.employee, employee.isActive(on: .today) else { return language.pick("已离职", "left") }
                return language.pick("可用", "active")
            }
            for account in accounts {
                table.append([account.login, account.employee?.id ?? "—", account.employee?.name ?? "—", state(account), account.changedAt])
            }
            show(table, json: .array(accounts.map { account in
                .object([("login", .string(account.login)), ("employee", .string(account.employee?.id)), ("name", .string(account.employee?.name)),
                         ("state", .string(state(account))), ("changed_at", .string(account.changedAt))])
            }), format: global.format)
        }
    }
}

/// A password from a prompt (not echoed; a new one asked twice) or from stdin's first line.
enum Password {
    /// - Parameter prompt: the prompt for an existing password; nil for a new one.
    static func read(fromStdin: Bool, language: Language, prompt: String? = nil) throws -> String {
        if fromStdin {
            guard let line = Swift.readLine(strippingNewline: true), !line.isEmpty else {
                throw CommandFailure(code: .usage, lines: [language.pick("标准输入没有密码", "no password on stdin")])
            }
            return line
        }
        guard isatty(STDIN_FILENO) != 0 else {
            throw CommandFailure(code: .usage, lines: [language.pick("没有终端可以询问密码；请用 --password-stdin", "no terminal to ask for the password; use --password-stdin")])
        }
        if let prompt { return String(cString: getpass(prompt)) }
        let first = String(cString: getpass(language.pick("新密码: ", "New password: ")))
        let again = String(cString: getpass(language.pick("再输入一次: ", "Again: ")))
        guard first == again else { throw CommandFailure(code: .usage, lines: [language.pick("两次输入的密码不同", "the passwords differ")]) }
        return first
    }
}
