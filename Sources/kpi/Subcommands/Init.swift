import ArgumentParser
import KPIStore

struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Create the database, or bring an existing one up to date.",
        discussion: """
        Creates kpi.sqlite (or --db PATH, or $KPI_DB) with every table, or applies the migrations an older database lacks. Running it again changes nothing. Then load records with `kpi import`.
        """)

    @OptionGroup var global: GlobalOptions

    func run() throws {
        let store = try global.openStore(creating: true)
        let migrations = try store.appliedMigrations()
        emit(global.language.pick("数据库就绪: \(global.databasePath) (\(migrations.count) 个迁移)",
                                  "database ready: \(global.databasePath) (\(migrations.count) migrations)"))
    }
}
