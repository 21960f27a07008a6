import Foundation
import KPIFormula

extension Store {
    /// Imports one CSV file of `kind` in one transaction: on any bad row nothing is written and
    /// every bad row (up to 100) is reported; rows whose key exists replace it, so importing the
    /// same file twice changes nothing the second time. Appends one audit entry.
    ///
    /// - Parameter file: the path to read, also how problems name the file.
    public func importCSV(_ kind: ImportKind, file: String, actor: String, dryRun: Bool = false,
                          context: ImportContext) throws -> ImportSummary {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: file, isDirectory: &isFolder), !isFolder.boolValue,
              let reader = CSVReader(path: file) else {
            throw ImportError(file: file, problems: [ImportProblem(line: 0, column: 0, "cannot read the file; check the path and its permissions")], badRows: 0)
        }
        // A dry run reads in a read transaction and writes only temporary tables: it takes no
        // write lock, and waits for nobody's.
        return try (dryRun ? database.reading : database.transaction) {
            // Read inside the import's own transaction: a close that commits while the import
            // waits for the lock is seen.
            let closed = try closedPeriods()
            let reading = ReadingSide(rows: try RowReader(store: self, kind: kind, file: file, context: context, closed: closed), csv: reader)
            try reading.rows.readHeader(&reading.csv)
            let indexes = dryRun ? [] : try setIndexesAside(of: kind.table)
            var writer = try RowWriter(database: database, kind: kind, closed: closed, dryRun: dryRun)
            var reported = 0
            try HandOff<RowBatch>.run(produce: { handOff in reading.rows.readRows(&reading.csv, into: handOff) }) { batch in
                try writer.write(batch)
                if let progress = context.progress, batch.rowsRead / 10_000 > reported / 10_000 {
                    progress(batch.rowsRead)
                    reported = batch.rowsRead
                }
            }
            try reading.rows.finish(repeats: writer.repeats, closedRecords: writer.closedRecords)
            let rows = reading.rows.rows
            let result = ImportSummary(kind: kind, rows: rows, added: writer.added, changed: writer.changed,
                                       unchanged: rows - writer.added - writer.changed, dryRun: dryRun)
            guard !dryRun else { return result }
            for index in indexes {
                try database.execute(index.sql, context: "building index \(index.name) of \(kind.table)")
            }
            try audit(actor: actor, action: "import", target: kind.id,
                      summary: "\(file): \(result.rows) rows, \(result.added) added, \(result.changed) changed, \(result.unchanged) unchanged")
            for change in writer.auditedChanges {
                try audit(actor: actor, action: "change", target: kind.id, summary: change)
            }
            for (month, count) in writer.months.counts.sorted(by: { $0.key < $1.key }) {
                try audit(actor: actor, action: "import", target: month.description,
                          summary: "\(kind.id) from \(file): \(count.added) added, \(count.changed) changed")
            }
            return result
        }
    }
}

extension Store {
    /// When `table` is empty, drops its secondary indexes and returns them, to be built again
    /// once the rows are in: SQLite builds an index from sorted keys several times faster than
    /// it inserts millions of keys in file order. Inside the import's transaction, so a failed
    /// import gets them back with the rollback.
    fileprivate func setIndexesAside(of table: String) throws -> [(name: String, sql: String)] {
        var empty = false
        try database.prepare("SELECT NOT EXISTS (SELECT 1 FROM \(table))").forEach { empty = $0.int(0) == 1 }
        guard empty else { return [] }
        var indexes: [(name: String, sql: String)] = []
        try database.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL")
            .forEach([.text(table)]) { indexes.append(($0.text(0), $0.text(1))) }
        for index in indexes {
            try database.execute("DROP INDEX \(index.name)", context: "setting index \(index.name) aside")
        }
        return indexes
    }
}

/// The reading side of an import: the file and the checks on its rows. The reading thread has it
/// from the start of `HandOff.run` until that returns; the calling thread touches it only
/// before and after, so the two never share it at once.
private final class ReadingSide: @unchecked Sendable {
    var rows: RowReader
    var csv: CSVReader

    init(rows: RowReader, csv: CSVReader) {
        self.rows = rows
        self.csv = csv
    }
}
