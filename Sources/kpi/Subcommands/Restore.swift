import ArgumentParser
import KPIEngine

struct Restore: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Put a backup back in place of the database, keeping the current one as a copy.",
        discussion: """
        FILE must be whole (SQLite's integrity check) and a kpi database this kpi can read; otherwise nothing changes. The current database is first copied beside itself as DB.before-restore-YYYYMMDD-HHMMSS. Needs appraisal:admin; recorded in the audit log of the restored database.
        """)
    @OptionGroup var global: GlobalOptions
    @Argument(help: ArgumentHelp("The backup to restore.", valueName: "file")) var file: String

    func run() throws {
        let kept = try global.appraisals().restore(from: file)
        emit(global.language.pick("已从 \(file) 恢复; 恢复前的数据库保存为 \(kept)", "restored from \(file); the database before is kept as \(kept)"))
    }
}
