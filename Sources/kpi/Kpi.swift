import KPIViews
import ArgumentParser
import Foundation
import CMalloc

@main
struct Kpi: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kpi",
        abstract: "Role and KPI performance management: 岗位说明书, KPI 定义, 月度考核.",
        discussion: """
        kpi keeps role definitions (roles/*.yaml) and KPI definitions (kpi-definitions/*.yaml) as a catalog, computes each employee's KPIs from operational records, scores and grades them, and exports the results.

        Start with:
          kpi demo                 a demo company in demo.sqlite, appraised
          kpi catalog check        check every file of the catalog
          kpi roles tree           the org chart of the roles
          kpi roles show 售后工程师  one 岗位说明书, by id, name or alias
          kpi kpis show ID         a KPI: formula, scoring rule, roles

        The monthly cycle:
          kpi init; kpi import KIND FILE    load records: Excel/WPS .xlsx, CSV in UTF-8 or GBK
          kpi template KIND|all             a workbook to fill in; kpi import --workbook FILE
          kpi appraisal open|run|close P    compute, then freeze (with the rules in force)
          kpi appraisal preview P           what a draft catalog (--catalog) would change
          kpi rate EMPLOYEE KPI SCORE       rate a rated KPI of your team; kpi self KPI SCORE for yourself
          kpi appraisal status P            the chase list: who must still rate whom
          kpi confirm P | kpi object P KPI  confirm your scorecard, or object to a KPI (申诉)
          kpi calibrate EMPLOYEE GRADE      calibrate a grade with a reason (校准)
          kpi bonus P --pool AMOUNT         share a bonus pool by grade, to the fen
          kpi me | scorecard | team         the results you may see
          kpi explain EMPLOYEE KPI          how a score was reached
          kpi export --period P             the XLSX workbook
          kpi audit                         who did what, and when
          kpi serve                         staff and heads sign in on the web (accounts: kpi users add LOGIN)
          kpi login URL                     then me, scorecard, team, explain ask that server

        Who you are: the employee whose login is yours, or whom KPI_USER names.
        Exit codes: 0 success, 1 bad data or catalog, 2 usage, 3 permission denied, 4 period closed, 5 busy (try again).
        """,
        version: "0.1.0",
        subcommands: [CatalogCommand.self, Roles.self, Kpis.self, Init.self, Import.self, Measures.self, Demo.self, AppraisalCommand.self, Me.self, ScorecardCommand.self, Team.self, Rate.self, SelfAssessment.self, Confirm.self, Object.self, Objections.self, Calibrate.self, Explain.self, Export.self, Template.self, Bonus.self, History.self, Audit.self, Doctor.self, Backup.self, Restore.self, Serve.self, Users.self, Token.self, Login.self]
    )

    /// Runs the command. Every failure comes here and goes through `CommandFailure.from`, the
    /// one mapping from error to message and exit code; the parser's own errors exit 2.
    static func main() {
        // glibc gives each thread that allocates an arena of its own and keeps what is freed in
        // it, so the threads of imports and runs side by side raised the peak of a demo company
        // (20,000 people: 163 MB, 136 MB with one arena). Their allocations are few: an import of
        // 2.4 M tickets and a run take the same time with one arena shared.
        kpi_limit_malloc_arenas(1)
        let arguments = globalOptionsMoved(Array(CommandLine.arguments.dropFirst()))
        do {
            var command = try parseAsRoot(arguments)
            try command.run()
        } catch {
            if let failure = CommandFailure.from(error, language: language(in: arguments)) {
                failure.lines.forEach(warn)
                Foundation.exit(failure.code.rawValue)
            }
            let code = exitCode(for: error)
            if code == .success {
                emit(fullMessage(for: error))
                Foundation.exit(0)
            }
            warn(fullMessage(for: error))
            Foundation.exit((code == .validationFailure ? CommandFailure.Code.usage : .badData).rawValue)
        }
    }

    /// The language `--lang` names among `arguments`, else the environment's.
    static func language(in arguments: [String]) -> Language {
        var option: Language?
        for (index, argument) in arguments.enumerated() {
            if argument == "--lang", index + 1 < arguments.count { option = Language(rawValue: arguments[index + 1]) ?? option }
            if argument.hasPrefix("--lang=") { option = Language(rawValue: String(argument.dropFirst(7))) ?? option }
        }
        return Language.resolve(option)
    }

    /// The global options (`--db`, `--catalog`, `--lang`, `--format`) may come before the
    /// subcommand; they are handed to it by moving them to the end.
    static func globalOptionsMoved(_ arguments: [String]) -> [String] {
        let names = ["--catalog", "--db", "--lang", "--format"]
        var leading: [String] = []
        var rest = arguments[...]
        while let first = rest.first, names.contains(where: { first == $0 || first.hasPrefix($0 + "=") }) {
            leading.append(first)
            rest = rest.dropFirst()
            if !first.contains("="), let value = rest.first {
                leading.append(value)
                rest = rest.dropFirst()
            }
        }
        return rest.isEmpty ? arguments : Array(rest) + leading
    }
}
