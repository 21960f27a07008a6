import KPIViews
import ArgumentParser
import KPICatalog
import KPIEngine
import KPIFormula
import KPIStore

struct Measures: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show every measure of one employee for a period, to check the data behind the KPIs.",
        discussion: """
        Shows each measure of docs/measures.md (service.tickets, billing.collected_on_due, …) over the records in scope: self (owned by the employee), team (the employee and everyone below in the manager tree), department (the employee's department and its sub-departments) or company. Amounts are in yuan. One set of activity.* measures is shown per activity kind with records in the period.

        Example:
          kpi measures E0012 --period 2026-10 --scope team
        """)

    @OptionGroup var global: GlobalOptions

    @Argument(help: ArgumentHelp("The employee: their 工号 (employee id, any case), login, or name.", valueName: "employee"))
    var employee: String

    @Option(help: ArgumentHelp("The period: YYYY-MM, YYYY-Qn or YYYY.", valueName: "period"))
    var period: Period

    @Option(help: ArgumentHelp("self, team, department or company.", valueName: "scope"))
    var scope: MeasureScope = .self

    func run() throws {
        let appraisals = try global.appraisals()
        let catalog = appraisals.catalog
        let employee = try appraisals.employeeID(named: employee)
        let values = try appraisals.measures(of: employee, period: period, scope: scope)
        let language = global.language
        switch global.format {
        case .json:
            emit(JSON.object([
                ("employee", .string(employee)), ("period", .string(period.description)), ("scope", .string(scope.rawValue)),
                ("measures", .object(values.map { ($0.measure.key, .number($0.value)) })),
            ]).text(indent: 2))
        case .table, .csv:
            var table = Table([
                .init(header: language.pick("度量", "measure")), .init(header: language.pick("值", "value"), alignRight: true),
                .init(header: language.pick("含义", "meaning")),
            ])
            for (measure, value) in values {
                let definition = catalog.measures.definition(named: measure.name)
                let shown = definition?.quantity == .amount ? grouped(value) : trimmed(value, digits: 4)
                table.append([measure.key, shown, definition.map { language.pick($0.meaningZh, $0.meaningEn) } ?? ""])
            }
            if global.format == .csv {
                emit(table.csv())
            } else {
                let name = try appraisals.employee(employee)?.name ?? employee
                emit("\(employee) \(name) · \(period) · \(CatalogText(language: language).scope(scope))")
                emit(table.rendered())
            }
        }
    }
}

extension MeasureScope: ExpressibleByArgument {}
