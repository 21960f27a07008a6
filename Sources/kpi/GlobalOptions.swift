import KPIViews
import ArgumentParser
import Foundation
import KPICatalog
import KPIStore

/// Options every command takes.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "The catalog folder holding roles/ and kpi-definitions/ (default: $KPI_CATALOG, else the current folder).",
        valueName: "dir"))
    var catalog: String?

    @Option(name: .long, help: ArgumentHelp(
        "The SQLite database (default: $KPI_DB, else kpi.sqlite in the current folder).", valueName: "path"))
    var db: String?

    @Option(name: .long, help: ArgumentHelp(
        "Language of labels: zh or en (default: Chinese when $LANG starts with zh).", valueName: "zh|en"))
    var lang: Language?

    @Option(name: .long, help: ArgumentHelp("How to show data: table, json or csv.", valueName: "table|json|csv"))
    var format: OutputFormat = .table

    var language: Language { Language.resolve(lang) }

    var catalogPath: String {
        catalog ?? ProcessInfo.processInfo.environment["KPI_CATALOG"].flatMap { $0.isEmpty ? nil : $0 } ?? "."
    }

    var databasePath: String {
        db ?? ProcessInfo.processInfo.environment["KPI_DB"].flatMap { $0.isEmpty ? nil : $0 } ?? "kpi.sqlite"
    }

    /// The checked catalog; a `CatalogError` listing every problem otherwise.
    func loadCatalog() throws -> Catalog {
        try Catalog.load(from: catalogPath, measures: MeasureFamily.catalogue)
    }
}
