import ArgumentParser
import KPICatalog
import KPIEngine
import KPIExport
import KPIStore
import KPIViews

struct Rate: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Rate a rated KPI of someone you rate for a month; their scorecard is computed again at once.",
        discussion: """
        SCORE is on the KPI's scale (1–5 for most rated KPIs, see kpi kpis show). A rated KPI names its raters by relation, each with a weight (manager, department-head, hr, self; the manager alone unless the catalog says otherwise): you rate as the first of them you are to the employee, or as --as says. Rating again replaces your earlier rating; without --comment the earlier comment stands.

        In an open month that has been run, the person's scorecard — total, grade — and their group's forced distribution are computed again at once; the answer shows old → new. A closed month refuses ratings (exit 4).

        A whole team at once: --sheet FILE writes your rating form of the month as a workbook — one row per person, rated KPI and relation you rate in, your score and comment so far, a dropdown of the scale — and kpi import ratings FILE reads it back once filled in (rows without a score are skipped; each row is checked as kpi rate checks it).

        Example:
          kpi rate E00042 leader-satisfaction 4 --period 2026-10 --comment "按时完成季度任务"
          kpi rate E00042 leader-satisfaction 5 --period 2026-10 --as department-head
          kpi rate --sheet 评分表-2026-10.xlsx --period 2026-10
        """)
    @OptionGroup var global: GlobalOptions
    @Argument(help: ArgumentHelp("The employee: their 工号 (employee id, any case), login, or name.", valueName: "employee")) var employee: String?
    @Argument(help: ArgumentHelp("The KPI: its id or its name.", valueName: "kpi")) var kpi: String?
    @Argument(help: ArgumentHelp("The score.", valueName: "score")) var score: Double?
    @Option(help: ArgumentHelp("YYYY-MM.", valueName: "period")) var period: Period
    @Option(help: "A comment for the employee.") var comment: String?
    @Option(name: .customLong("as"), help: ArgumentHelp("The relation you rate in: manager, project-manager, department-head or hr.", valueName: "relation"))
    var relation: ScoringRule.Relation?
    @Option(help: ArgumentHelp("Write your rating form of the month to this workbook instead.", valueName: "file")) var sheet: String?

    func validate() throws {
        if sheet != nil, employee != nil || kpi != nil || score != nil {
            throw ValidationError("--sheet writes the form of your whole team; give it without EMPLOYEE KPI SCORE")
        }
        if sheet == nil, employee == nil || kpi == nil || score == nil {
            throw ValidationError("give EMPLOYEE KPI SCORE, or --sheet FILE for your team's rating form")
        }
    }

    func run() throws {
        let appraisals = try global.appraisals()
        let language = global.language
        if let sheet {
            let rows = try appraisals.writeRatingForm(period: period, english: language == .en, to: sheet)
            return emit(language.pick("已写出评分表: \(sheet) (\(rows) 行); 填好后: kpi import ratings \(sheet)",
                                      "rating form written: \(sheet) (\(rows) row\(rows == 1 ? "" : "s")); once filled in: kpi import ratings \(sheet)"))
        }
        guard let employee, let kpi, let score else { return }
        let outcome = try appraisals.rate(try appraisals.employeeID(named: employee), kpi: kpi, score: score, period: period, comment: comment, as: relation)
        emit(try ScorecardView(command: appraisals, language: language, period: period).text(outcome, period: period, comment: comment, format: global.format))
    }
}

struct SelfAssessment: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "self",
        abstract: "Assess yourself on a rated KPI that invites it, for a month.",
        discussion: """
        A KPI invites a self-assessment when its raters include self (kpi kpis show KPI). It is shown beside the other ratings, and counts towards the score only with a weight above 0. Like a rating, it computes your scorecard again at once in a month that has been run.

        Example:
          kpi self important-tasks 4 --period 2026-10 --comment "完成了机房改造"
        """)
    @OptionGroup var global: GlobalOptions
    @Argument(help: ArgumentHelp("The KPI id.", valueName: "kpi")) var kpi: String
    @Argument(help: ArgumentHelp("The score, on the KPI's scale.", valueName: "score")) var score: Double
    @Option(help: ArgumentHelp("YYYY-MM.", valueName: "period")) var period: Period
    @Option(help: "What you want your raters to know.") var comment: String?

    func run() throws {
        let appraisals = try global.appraisals()
        let outcome = try appraisals.assessSelf(kpi: kpi, score: score, period: period, comment: comment)
        emit(try ScorecardView(command: appraisals, language: global.language, period: period).text(outcome, period: period, comment: comment, format: global.format))
    }
}

extension ScoringRule.Relation: ExpressibleByArgument {}
