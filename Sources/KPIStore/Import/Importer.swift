import Foundation
import KPIFormula
import KPIReaders

/// Where an import's records come from.
public enum ImportSource: Sendable {
    /// A CSV or TSV file; `encoding` nil tells UTF-8 from GB18030 by the bytes.
    case text(path: String, encoding: TextEncoding?)
    /// A sheet of an `.xlsx` workbook; nil for the first.
    case sheet(path: String, name: String?)

    /// The source a path names: a workbook when the file is a ZIP archive (as every `.xlsx` is,
    /// whatever its name), text otherwise.
    public static func file(_ path: String, sheet: String? = nil, encoding: TextEncoding? = nil) -> ImportSource {
        var magic = [UInt8](repeating: 0, count: 4)
        if let handle = FileHandle(forReadingAtPath: path) {
            magic = [UInt8]((try? handle.read(upToCount: 4)) ?? Data())
            try? handle.close()
        }
        return magic == [0x50, 0x4B, 0x03, 0x04] || sheet != nil ? .sheet(path: path, name: sheet) : .text(path: path, encoding: encoding)
    }

    public var path: String {
        switch self {
        case .text(let path, _), .sheet(let path, _): return path
        }
    }

    /// The file's records: its text, or its sheet — of `workbook` when it is already open. A
    /// file or sheet that cannot be read is refused naming it.
    func records(in workbook: XLSXWorkbook? = nil, chinese: Bool) throws -> any RecordSource {
        switch self {
        case .text(let path, let encoding):
            guard let reader = CSVReader(path: path, encoding: encoding) else { throw ImportError.unreadable(path, chinese: chinese) }
            return reader
        case .sheet(let path, let name):
            do {
                return try workbook.map { try $0.sheet(named: name) } ?? XLSXWorkbook(path: path).sheet(named: name)
            } catch let failure as XLSXWorkbook.Failure {
                throw ImportError(file: path, failure, chinese: chinese)
            }
        }
    }
}

extension ImportError {
    /// A file that cannot be opened.
    static func unreadable(_ file: String, chinese: Bool) -> ImportError {
        ImportError(file: file, problems: [ImportProblem(line: 0, column: 0, chinese ? "无法读取这个文件；请检查路径和权限"
                                                                                   : "cannot read the file; check the path and its permissions")], badRows: 0)
    }

    /// A workbook that cannot be read, as its reader said.
    init(file: String, sheet: String? = nil, _ failure: XLSXWorkbook.Failure, chinese: Bool) {
        self.init(file: file, sheet: sheet, problems: [ImportProblem(line: 0, column: 0, failure.message(chinese: chinese))], badRows: 0)
    }
}

/// What one sheet of a monthly workbook holds: the kind its name stands for, or nil.
public struct WorkbookSheet: Sendable {
    public let name: String
    public let kind: ImportKind?
    /// Whether the sheet is hidden, as a template's list of choices is.
    public let hidden: Bool
}

extension Store {
    /// Imports one file of `kind` in one transaction: on any bad row nothing is written and
    /// every bad row (up to 100) is reported; rows whose key exists replace it, so importing the
    /// same file twice changes nothing the second time. Appends one audit entry.
    public func importRecords(_ kind: ImportKind, from source: ImportSource, actor: String, dryRun: Bool = false,
                              strict: Bool = false, context: ImportContext) throws -> ImportSummary {
        let workbook = try openWorkbook(source, chinese: context.chinese)
        // A dry run reads in a read transaction and writes only temporary tables: it takes no
        // write lock, and waits for nobody's.
        return try (dryRun ? database.reading : database.transaction) {
            try importing(kind, from: source, workbook: workbook, sheet: nil, actor: actor, dryRun: dryRun, strict: strict, context: context)
        }
    }

    /// The sheets of a monthly workbook, each with the kind its name stands for (its id or its
    /// name, in Chinese or English), in the workbook's order.
    public func sheets(ofWorkbook path: String, chinese: Bool = false) throws -> [WorkbookSheet] {
        guard let workbook = try openWorkbook(.sheet(path: path, name: nil), chinese: chinese) else { return [] }
        return workbook.sheets.map { WorkbookSheet(name: $0.name, kind: ImportKind.named(bySheet: $0.name), hidden: $0.hidden) }
    }

    /// Imports every sheet of a monthly workbook that names a kind, in the order the kinds depend
    /// on each other, in one transaction: any problem in any sheet and nothing is written, every
    /// problem listed by sheet and cell.
    public func importWorkbook(_ path: String, actor: String, dryRun: Bool = false, strict: Bool = false,
                               context: (ImportKind) throws -> ImportContext) throws -> [ImportSummary] {
        guard let workbook = try openWorkbook(.sheet(path: path, name: nil), chinese: context(.employees).chinese) else { return [] }
        let sheets = workbook.sheets.compactMap { sheet in ImportKind.named(bySheet: sheet.name).map { (sheet.name, $0) } }
            .sorted { ImportKind.all.firstIndex(of: $0.1)! < ImportKind.all.firstIndex(of: $1.1)! }
        return try (dryRun ? database.reading : database.transaction) {
            var summaries: [ImportSummary] = []
            var refusals: [ImportError] = []
            // A dry run writes nothing: the keys an earlier sheet would add are handed to the
            // later ones, which may refer to them (a new engineer's tickets).
            var added: [String: Set<String>] = [:]
            for (sheet, kind) in sheets {
                do {
                    summaries.append(try importing(kind, from: .sheet(path: path, name: sheet), workbook: workbook, sheet: sheet, actor: actor,
                                                   dryRun: dryRun, strict: strict, context: context(kind), addedBefore: added))
                } catch let error as ImportError {
                    refusals.append(error)
                }
                if dryRun { added[kind.id] = try RowWriter.keysNewInDryRun(database) }
            }
            if !refusals.isEmpty { throw ImportRefusals(errors: refusals) }
            return summaries
        }
    }

    /// The workbook a source reads, opened once; nil for a text file. A file that cannot be
    /// read is refused naming it.
    private func openWorkbook(_ source: ImportSource, chinese: Bool) throws -> XLSXWorkbook? {
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: source.path, isDirectory: &isFolder), !isFolder.boolValue,
              FileManager.default.isReadableFile(atPath: source.path) else {
            throw ImportError.unreadable(source.path, chinese: chinese)
        }
        guard case .sheet(let path, _) = source else { return nil }
        do {
            return try XLSXWorkbook(path: path)
        } catch let failure as XLSXWorkbook.Failure {
            throw ImportError(file: path, failure, chinese: chinese)
        }
    }

    /// One kind's import inside the caller's transaction.
    private func importing(_ kind: ImportKind, from source: ImportSource, workbook: XLSXWorkbook?, sheet: String?, actor: String,
                           dryRun: Bool, strict: Bool, context: ImportContext, addedBefore: [String: Set<String>] = [:]) throws -> ImportSummary {
        let file = source.path
        let records = try source.records(in: workbook, chinese: context.chinese)
        // Read inside the import's own transaction: a close that commits while the import
        // waits for the lock is seen.
        let closed = try closedPeriods()
        let reading = ReadingSide(rows: RowReader(store: self, kind: kind, file: file, context: context, closed: closed, strict: strict,
                                                  addedBefore: addedBefore),
                                  records: records)
        let indexes = dryRun ? [] : try setIndexesAside(of: kind.table)
        var writer = try RowWriter(database: database, kind: kind, closed: closed, dryRun: dryRun)
        var reported = 0
        try HandOff<RowBatch>.run(produce: { handOff in try reading.read(into: handOff) }) { batch in
            try writer.write(batch)
            if let progress = context.progress, batch.rowsRead / 10_000 > reported / 10_000 {
                progress(batch.rowsRead)
                reported = batch.rowsRead
            }
        }
        try reading.rows.finish(repeats: writer.repeats, closedRecords: writer.closedRecords)
        let rows = reading.rows.rows
        var result = ImportSummary(kind: kind, rows: rows, added: writer.added, changed: writer.changed,
                                   unchanged: rows - writer.added - writer.changed, dryRun: dryRun)
        result.sheet = reading.rows.sheet
        result.notes = reading.rows.notes
        result.months = writer.months.counts.filter { $0.value.added + $0.value.changed > 0 }.keys.sorted()
        guard !dryRun else { return result }
        for index in indexes {
            try database.execute(index.sql, context: "building index \(index.name) of \(kind.table)")
        }
        let origin = file + (sheet.map { " (\($0))" } ?? "")
        try audit(actor: actor, action: "import", target: kind.id,
                  summary: "\(origin): \(result.rows) rows, \(result.added) added, \(result.changed) changed, \(result.unchanged) unchanged")
        for change in writer.auditedChanges {
            try audit(actor: actor, action: "change", target: kind.id, summary: change)
        }
        for (month, count) in writer.months.counts.sorted(by: { $0.key < $1.key }) {
            try audit(actor: actor, action: "import", target: month.description,
                      summary: "\(kind.id) from \(origin): \(count.added) added, \(count.changed) changed")
        }
        return result
    }
}

/// A monthly workbook refused: each sheet's problems.
public struct ImportRefusals: LocalizedError, Equatable {
    public let errors: [ImportError]

    public var closedPeriod: Bool { errors.contains(where: \.closedPeriod) }
    public var errorDescription: String? { errors.map { $0.errorDescription ?? "" }.joined(separator: "\n") }
}

extension Store {
    /// The keys the database holds for what a reference column points at, in order: employee
    /// ids, project ids, receivable ids or item skus.
    public func keys(of reference: ImportKind.Reference) throws -> [String] {
        var keys: [String] = []
        let key = reference.kind.key[0]
        try database.prepare("SELECT \(key) FROM \(reference.kind.table) ORDER BY \(key)").forEach { keys.append($0.text(0)) }
        return keys
    }
}

extension ImportKind {
    /// The kind a sheet's name stands for: its id, or its name in Chinese or English (`售后工单`,
    /// `service tickets`), compared as headers are.
    static func named(bySheet name: String) -> ImportKind? {
        let wanted = HeaderMatch.normalized(name)
        return all.first { kind in [kind.id, kind.nameZh, kind.nameEn].contains { HeaderMatch.normalized($0) == wanted } }
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

/// The reading side of an import: the records and the checks on them. The reading thread has
/// it from the start of `HandOff.run` until that returns; the calling thread touches it only
/// before and after, so the two never share it at once.
private final class ReadingSide: @unchecked Sendable {
    var rows: RowReader
    var records: any RecordSource

    init(rows: RowReader, records: any RecordSource) {
        self.rows = rows
        self.records = records
    }

    func read(into handOff: HandOff<RowBatch>) throws {
        try rows.read(&records, into: handOff)
    }
}
