import KPIEngine
import KPIStore
import KPIViews

extension ScorecardView {
    /// The view of a period's scorecards for a command: the note on its rules, if any, on stderr.
    init(command appraisals: Appraisals, language: Language, period: Period) throws {
        try self.init(appraisals: appraisals, language: language, period: period)
        if let rulesNote { warn(rulesNote) }
    }

    /// Shows a scorecard; with `bonus`, the person's shares of the period's bonus pools too.
    func show(_ card: Scorecard, format: OutputFormat, bonus: [BonusShare]? = nil) {
        switch format {
        case .json: emit((bonus.map { json(card, bonus: $0) } ?? json(card)).text(indent: 2))
        case .csv: emit(kpiTable(card).csv())
        case .table:
            emit(sheet(card))
            for share in bonus ?? [] {
                emit(language.pick("奖金（\(share.pool)）: \(Money.yuan(share.amount)) 元", "bonus (\(share.pool)): \(Money.yuan(share.amount)) yuan")
                     + (share.reason.map { language.pick("（无: \($0.chinese)）", " (nothing: \($0.english))") } ?? ""))
            }
        }
    }
}
