import ArgumentParser
import KPIEngine

struct Backup: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a consistent copy of the database to a file, even while others use it.",
        discussion: """
        The copy is made with SQLite's online backup, page by page, so it is whole even while imports and ratings go on; it is written beside FILE and renamed into place, readable by its owner alone. Needs appraisal:admin. kpi restore puts a copy back.

        A nightly backup, kept for a month (crontab -e as the administrator):
          0 2 * * * cd /srv/kpi && KPI_USER=hr kpi backup backups/kpi-$(date +\\%d).sqlite
        """)
    @OptionGroup var global: GlobalOptions
    @Argument(help: ArgumentHelp("Where to write the copy.", valueName: "file")) var file: String

    func run() throws {
        try global.appraisals().backup(to: file)
        emit(global.language.pick("已备份到 \(file)", "backed up to \(file)"))
    }
}
