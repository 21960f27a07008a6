import CXlsxWriter
import Foundation

/// An XLSX workbook being written. Close it exactly once with `close()`. It is written to a
/// hidden file beside `path` and renamed into place once complete, so that the file at `path`
/// is always a whole workbook — the previous one until the new one is done, even if the process
/// is killed; a workbook dropped without closing leaves nothing behind.
public final class Workbook {
    private var handle: UnsafeMutablePointer<lxw_workbook>?
    public let path: String
    /// Where libxlsxwriter writes, beside `path` so that the rename stays on one file system.
    private let partial: String
    private var formats: [CellFormat: UnsafeMutablePointer<lxw_format>] = [:]
    /// Whether the finished file has been renamed into place.
    private var published = false

    /// - Parameter constantMemory: write each row to disk as it is finished, so that memory stays
    ///   flat however large the workbook (rows must then be written in order).
    public init(path: String, constantMemory: Bool) throws {
        let url = URL(fileURLWithPath: path)
        // The folder it goes in is made when missing (`exports/`); one that cannot be made fails below, named.
        try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        partial = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier).partial").path
        var options = lxw_workbook_options()
        options.constant_memory = constantMemory ? 1 : 0
        guard let handle = workbook_new_opt(partial, &options) else {
            throw XlsxError(message: "cannot create \(path)", context: "creating the workbook")
        }
        self.handle = handle
        self.path = path
    }

    deinit {
        if let handle { lxw_workbook_free(handle) }
        if !published { try? FileManager.default.removeItem(atPath: partial) }
    }

    private func open(_ context: String) throws -> UnsafeMutablePointer<lxw_workbook> {
        guard let handle else { throw XlsxError(message: "the workbook is already closed", context: context) }
        return handle
    }

    public func addWorksheet(_ name: String) throws -> Worksheet {
        let workbook = try open("adding the sheet \(name)")
        try check(workbook_validate_sheet_name(workbook, name), "naming the sheet \(name)")
        guard let sheet = workbook_add_worksheet(workbook, name) else {
            throw XlsxError(message: "cannot add the sheet", context: "adding the sheet \(name)")
        }
        return Worksheet(handle: sheet, name: name, workbook: self)
    }

    /// The format for `spec`, created once per workbook. Rows written by the thousand should
    /// take their formats from here once, rather than name a `CellFormat` per cell.
    public func format(_ spec: CellFormat?) throws -> Format {
        guard let spec else { return Format(pointer: nil) }
        if let existing = formats[spec] { return Format(pointer: existing) }
        guard let format = workbook_add_format(try open("adding a format")) else {
            throw XlsxError(message: "cannot add a format", context: "adding a format")
        }
        spec.apply(to: format)
        formats[spec] = format
        return Format(pointer: format)
    }

    public func addChart(_ type: Chart.Kind) throws -> Chart {
        guard let chart = workbook_add_chart(try open("adding a chart"), type.rawValue) else {
            throw XlsxError(message: "cannot add the chart", context: "adding a chart")
        }
        return Chart(handle: chart, kind: type)
    }

    /// Title, subject, author, company and comments shown in the file's properties.
    public func setProperties(title: String, subject: String, author: String, company: String, comments: String) throws {
        let workbook = try open("setting the document properties")
        try title.withCString { title in
            try subject.withCString { subject in
                try author.withCString { author in
                    try company.withCString { company in
                        try comments.withCString { comments in
                            var properties = lxw_doc_properties()
                            properties.title = UnsafeMutablePointer(mutating: title)
                            properties.subject = UnsafeMutablePointer(mutating: subject)
                            properties.author = UnsafeMutablePointer(mutating: author)
                            properties.company = UnsafeMutablePointer(mutating: company)
                            properties.comments = UnsafeMutablePointer(mutating: comments)
                            try check(workbook_set_properties(workbook, &properties), "setting the document properties")
                        }
                    }
                }
            }
        }
    }

    /// Writes the file, renames it into place and frees the workbook. Calling it twice is an
    /// error, not a second write.
    public func close() throws {
        try finish()
        try publish()
    }

    /// Writes the whole file beside `path` and frees the workbook; `publish()` puts it in place.
    /// Dropped unpublished, the workbook leaves nothing behind.
    public func finish() throws {
        let workbook = try open("closing")
        handle = nil
        let result = workbook_close(workbook)
        guard result == LXW_NO_ERROR else { throw XlsxError(result, "saving \(path)") }
    }

    /// Renames the finished file into place.
    public func publish() throws {
        guard handle == nil, !published else { throw XlsxError(message: "the workbook is not finished, or already in place", context: "saving \(path)") }
        guard rename(partial, path) == 0 else {
            throw XlsxError(message: "cannot put the workbook in place: \(String(cString: strerror(errno)))", context: "saving \(path)")
        }
        published = true
    }
}
