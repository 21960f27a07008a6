import KPIViews
import ArgumentParser
import Foundation
import KPIEngine
import KPIStore

struct Bonus: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Share bonus pools among a period's people by their grades, to the fen.",
        discussion: """
        Each person's weight is base × 绩效系数 × days employed in the period / days in it, where base is the employee's bonus_base (kpi import employees; blank = 1) and the coefficient is their grade's. A pool is split by weight in fen: each share rounded down to the fen, the fen left over one each to the largest remainders, ties to the smaller employee id — the shares always add up to the pool. A person without a grade, with coefficient 0 or a base of 0 gets nothing, and the table says why.

        --pool AMOUNT shares one pool among everyone with a scorecard, or the people of --department D (and the departments below it). --pools FILE (CSV or XLSX) lists several: a header naming department (部门) or project (项目), and amount (金额); a project's pool goes to its manager, its salesperson and whoever owns its records dated in the period.

        The shares are kept with the period, replacing its earlier bonus, audited, and frozen by its close; a new appraisal run clears them, to be shared again from the new grades. --dry-run keeps nothing. Needs appraisal:admin; everyone sees their own share in kpi me.

        JSON: [{"pool", "employee", "name", "department", "base", "coefficient", "days", "weight", "amount"}], amount in yuan with two decimals.

        Example:
          kpi bonus 2026-10 --pool 500000
          kpi bonus 2026-10 --pool 120000 --department after-sales --dry-run
          kpi bonus 2026-Q4 --pools 季度奖金.xlsx
        """)

    @OptionGroup var global: GlobalOptions
    @Argument(help: ArgumentHelp("YYYY-MM, YYYY-Qn or YYYY.", valueName: "period")) var period: Period
    @Option(help: ArgumentHelp("One pool's amount in yuan (1234.50, 1,234.50).", valueName: "amount")) var pool: String?
    @Option(help: ArgumentHelp("The department the pool is for (with those below it).", valueName: "department")) var department: String?
    @Option(help: ArgumentHelp("A CSV or XLSX file of pools: department or project, and amount.", valueName: "file")) var pools: String?
    @Flag(help: "Compute and show the shares without keeping them.") var dryRun = false

    func validate() throws {
        guard (pool == nil) != (pools == nil) else { throw ValidationError("give --pool AMOUNT or --pools FILE") }
        if pools != nil, department != nil { throw ValidationError("--department goes with --pool; a pools file names each pool's department") }
    }

    func run() throws {
        let language = global.language
        let appraisals = try global.appraisals()
        var list: [BonusPool] = []
        if let pool {
            guard let fen = Money.fen(pool), fen > 0 else {
                throw CommandFailure.usage(language.pick("--pool 应是大于 0 的金额，如 50000 或 50,000.00，写的是「\(pool)」",
                                                         "--pool must be an amount above 0, such as 50000 or 50,000.00, found `\(pool)`"))
            }
            list = [BonusPool(department.map { .department($0) } ?? .company, fen: fen)]
        } else if let pools {
            list = try PoolFile.read(pools, chinese: language == .zh).map { line in
                BonusPool(line.department.map { .department($0) } ?? .project(line.project ?? ""), fen: line.amount)
            }
        }
        let shares = try appraisals.shareBonus(period, pools: list, dryRun: dryRun)
        let view = try ScorecardView(command: appraisals, language: language, period: period)
        func yuan(_ fen: Int64) -> String { Money.yuan(fen) }
        var table = Table([.init(header: language.pick("奖金池", "pool")), .init(header: language.pick("工号", "employee")),
                           .init(header: language.pick("姓名", "name")), .init(header: language.pick("部门", "department")),
                           .init(header: language.pick("基数", "base"), alignRight: true), .init(header: language.pick("系数", "coefficient"), alignRight: true),
                           .init(header: language.pick("天数", "days"), alignRight: true), .init(header: language.pick("权重", "weight"), alignRight: true),
                           .init(header: language.pick("金额", "amount"), alignRight: true), .init(header: language.pick("说明", "note"))])
        let organisation = try appraisals.organisation
        let departments = Dictionary(organisation.employees.map { ($0.id, organisation.department(of: $0.id) ?? "") }) { first, _ in first }
        for share in shares {
            table.append([share.pool, share.employee, view.name(share.employee),
                          CatalogText(language: language).departmentName(departments[share.employee] ?? "", in: appraisals.catalog),
                          trimmed(share.base, digits: 4), share.coefficient.map { trimmed($0, digits: 4) } ?? "—", String(share.days),
                          trimmed(share.weight, digits: 4), yuan(share.amount), share.reason.map { language.pick("无: \($0.chinese)", "nothing: \($0.english)") } ?? ""])
        }
        let json = JSON.array(shares.map { share in
            .object([("pool", .string(share.pool)), ("employee", .string(share.employee)), ("name", .string(view.name(share.employee))),
                     ("department", .string(departments[share.employee] ?? "")), ("base", .number(share.base)),
                     ("coefficient", .number(share.coefficient)), ("days", .integer(share.days)), ("weight", .number(share.weight)),
                     ("amount", .fen(share.amount))])
        })
        guard global.format == .table else { return show(table, json: json, format: global.format) }
        emit(table.rendered())
        let total = shares.reduce(Int64(0)) { $0 + $1.amount }
        emit(language.pick(
            "\(period): \(list.count) 个奖金池共 \(yuan(total)) 元，分给 \(Set(shares.filter { $0.amount > 0 }.map(\.employee)).count) 人" + (dryRun ? "（试算，未保存）" : "，已保存"),
            "\(period): \(list.count) pool\(list.count == 1 ? "" : "s"), \(yuan(total)) yuan shared among \(Set(shares.filter { $0.amount > 0 }.map(\.employee)).count) people"
                + (dryRun ? " (dry run, nothing kept)" : ", kept")))
    }
}
