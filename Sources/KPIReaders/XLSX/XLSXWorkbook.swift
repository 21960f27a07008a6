import CZlib  // zlib's module, as ZIPFoundation declares it
import Foundation
import ZIPFoundation

/// An Excel or WPS workbook (`.xlsx`) opened for reading: its sheets' names, its shared strings
/// and which of its cell styles show dates. A sheet's rows are read as they are inflated
/// (`XLSXSheet`), never held whole.
public final class XLSXWorkbook: @unchecked Sendable {
    // Set once in `init` and only read afterwards, from whichever thread reads a sheet.
    public let path: String
    /// The sheets in the workbook's order, with the part holding each and whether it is hidden
    /// (a template's list of choices).
    public let sheets: [(name: String, part: String, hidden: Bool)]
    let archive: Archive
    /// Every shared string's UTF-8, one after the other, and where each starts (one more offset
    /// than strings, for the end of the last).
    let sharedText: [UInt8]
    let sharedStarts: [Int]
    /// For each cell style (the `s` of a cell), whether its number format shows a date or a time.
    let dateStyles: [Bool]
    /// Whether serial 0 is 1904-01-01 rather than 1899-12-31 (old Mac workbooks).
    let date1904: Bool

    /// Why a workbook cannot be read, in English and in Chinese.
    public struct Failure: Error, Equatable {
        public let message: String
        public let chinese: String

        public func message(chinese: Bool) -> String { chinese ? self.chinese : message }
    }

    public init(path: String) throws {
        self.path = path
        do {
            archive = try Archive(url: URL(fileURLWithPath: path), accessMode: .read)
        } catch {
            throw Failure(message: "not an .xlsx workbook (it cannot be opened as one); save it from Excel or WPS as .xlsx, or as CSV",
                          chinese: "不是 .xlsx 工作簿（无法打开）；请在 Excel 或 WPS 中另存为 .xlsx 或 CSV")
        }
        guard archive["xl/workbook.xml"] != nil else {
            throw Failure(message: "not an .xlsx workbook (it has no xl/workbook.xml); an old .xls must be saved as .xlsx first",
                          chinese: "不是 .xlsx 工作簿（缺少 xl/workbook.xml）；旧的 .xls 须先另存为 .xlsx")
        }
        var names: [(name: String, id: String, hidden: Bool)] = []
        var date1904 = false
        try Self.scanPart("xl/workbook.xml", in: archive) { token, bytes in
            guard case .open(let name, let attributes, _) = token else { return }
            if XMLScanner.is(name, "sheet", in: bytes),
               let sheetName = XMLScanner.attribute("name", in: attributes, of: bytes),
               let id = XMLScanner.attribute("r:id", in: attributes, of: bytes) {
                var decoded: [UInt8] = []
                XMLScanner.appendDecoded(bytes, sheetName, to: &decoded)
                let state = XMLScanner.attribute("state", in: attributes, of: bytes).map { String(decoding: UnsafeBufferPointer(rebasing: bytes[$0]), as: UTF8.self) }
                names.append((String(decoding: decoded, as: UTF8.self), String(decoding: UnsafeBufferPointer(rebasing: bytes[id]), as: UTF8.self),
                              state == "hidden" || state == "veryHidden"))
            } else if XMLScanner.is(name, "workbookPr", in: bytes), let flag = XMLScanner.attribute("date1904", in: attributes, of: bytes) {
                let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[flag]), as: UTF8.self)
                date1904 = text == "1" || text == "true"
            }
        }
        self.date1904 = date1904
        var targets: [String: String] = [:]
        try Self.scanPart("xl/_rels/workbook.xml.rels", in: archive) { token, bytes in
            guard case .open(let name, let attributes, _) = token, XMLScanner.is(name, "Relationship", in: bytes),
                  let id = XMLScanner.attribute("Id", in: attributes, of: bytes),
                  let target = XMLScanner.attribute("Target", in: attributes, of: bytes) else { return }
            targets[String(decoding: UnsafeBufferPointer(rebasing: bytes[id]), as: UTF8.self)] =
                String(decoding: UnsafeBufferPointer(rebasing: bytes[target]), as: UTF8.self)
        }
        sheets = names.compactMap { sheet in
            guard let target = targets[sheet.id] else { return nil }
            return (sheet.name, target.hasPrefix("/") ? String(target.dropFirst()) : "xl/" + target, sheet.hidden)
        }
        (sharedText, sharedStarts) = try Self.sharedStrings(in: archive)
        dateStyles = try Self.dateStyles(in: archive)
    }

    /// The sheet called `name` (ignoring case and surrounding spaces), or the first when nil.
    public func sheet(named name: String?) throws -> XLSXSheet {
        guard let name else {
            guard let first = sheets.first else { throw Failure(message: "the workbook has no sheet", chinese: "工作簿里没有工作表") }
            return XLSXSheet(workbook: self, name: first.name, part: first.part)
        }
        let wanted = name.trimmingCharacters(in: .whitespaces).lowercased()
        guard let sheet = sheets.first(where: { $0.name.trimmingCharacters(in: .whitespaces).lowercased() == wanted }) else {
            let names = sheets.map(\.name)
            throw Failure(message: "the workbook has no sheet `\(name)`; its sheets are " + names.joined(separator: ", "),
                          chinese: "工作簿里没有工作表「\(name)」；它的工作表是 " + names.joined(separator: "、"))
        }
        return XLSXSheet(workbook: self, name: sheet.name, part: sheet.part)
    }

    /// Inflates one part of the archive chunk by chunk into the scanner, handing on its tokens;
    /// nothing when the archive lacks the part and it is optional.
    static func scanPart(_ part: String, in archive: Archive, optional: Bool = false,
                         _ handle: (XMLScanner.Token, UnsafeBufferPointer<UInt8>) throws -> Void) throws {
        guard let entry = archive[part] else {
            if optional { return }
            throw Failure(message: "the workbook has no \(part); save it again from Excel or WPS", chinese: "工作簿缺少 \(part)；请在 Excel 或 WPS 中重新保存")
        }
        var scanner = XMLScanner()
        let inflating = Inflating(archive: archive, entry: entry)
        do {
            // The part is inflated on a thread of its own while this one scans what came before.
            try HandOff<Data>.run(capacity: 8, produce: { handOff in
                // ZIPFoundation's own checksum is byte by byte in Swift on Linux; zlib's is many
                // times faster, and checked the same way: a part whose CRC-32 differs is damaged.
                var checksum = crc32(0, nil, 0)
                _ = try inflating.archive.extract(inflating.entry, bufferSize: 1 << 18, skipCRC32: true) { chunk in
                    chunk.withUnsafeBytes { bytes in
                        checksum = crc32(checksum, bytes.bindMemory(to: Bytef.self).baseAddress, uInt(bytes.count))
                    }
                    guard handOff.put(chunk) else { throw StopReading() }
                }
                guard UInt32(checksum) == inflating.entry.checksum else {
                    throw Failure(message: "the workbook's \(part) is damaged (its checksum does not match); save it again from Excel or WPS",
                                  chinese: "工作簿的 \(part) 已损坏（校验和不符）；请在 Excel 或 WPS 中重新保存")
                }
            }) { chunk in
                scanner.append(chunk)
                try scanner.scan(handle)
            }
        } catch let failure as Failure {
            throw failure
        } catch let failure as ReadFailure {
            throw failure
        } catch is StopReading {
            throw StopReading()
        } catch {
            throw Failure(message: "the workbook's \(part) cannot be read (\(error)); the file may be damaged",
                          chinese: "无法读取工作簿的 \(part)（\(error)）；文件可能已损坏")
        }
    }

    /// Every shared string, its rich-text runs joined and its phonetic guides (`rPh`) left out.
    private static func sharedStrings(in archive: Archive) throws -> ([UInt8], [Int]) {
        var text: [UInt8] = []
        var starts: [Int] = []
        var inText = false, inPhonetic = false
        try scanPart("xl/sharedStrings.xml", in: archive, optional: true) { token, bytes in
            switch token {
            case .open(let name, _, let empty):
                if XMLScanner.is(name, "si", in: bytes) {
                    starts.append(text.count)
                } else if XMLScanner.is(name, "t", in: bytes) {
                    inText = !empty
                } else if XMLScanner.is(name, "rPh", in: bytes) {
                    inPhonetic = !empty
                }
            case .close(let name):
                if XMLScanner.is(name, "t", in: bytes) { inText = false }
                if XMLScanner.is(name, "rPh", in: bytes) { inPhonetic = false }
            case .text(let range, let raw):
                guard inText, !inPhonetic else { return }
                if raw { text.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[range])) } else { XMLScanner.appendDecoded(bytes, range, to: &text) }
            }
        }
        starts.append(text.count)
        return (text, starts)
    }

    /// For each cell style, whether it shows a date: a built-in date format (14–22, 27–36,
    /// 45–47, 50–58: the Chinese ones among them) or a custom one with a year, month, day, hour
    /// or second outside quotes and brackets.
    private static func dateStyles(in archive: Archive) throws -> [Bool] {
        var custom: [Int: Bool] = [:]
        var styles: [Bool] = []
        var inCellStyles = false
        try scanPart("xl/styles.xml", in: archive, optional: true) { token, bytes in
            switch token {
            case .open(let name, let attributes, let empty):
                if XMLScanner.is(name, "numFmt", in: bytes),
                   let id = XMLScanner.attribute("numFmtId", in: attributes, of: bytes).flatMap({ XMLScanner.integer(bytes, $0) }),
                   let code = XMLScanner.attribute("formatCode", in: attributes, of: bytes) {
                    var decoded: [UInt8] = []
                    XMLScanner.appendDecoded(bytes, code, to: &decoded)
                    custom[id] = isDateFormat(String(decoding: decoded, as: UTF8.self))
                } else if XMLScanner.is(name, "cellXfs", in: bytes) {
                    inCellStyles = !empty
                } else if inCellStyles, XMLScanner.is(name, "xf", in: bytes) {
                    let id = XMLScanner.attribute("numFmtId", in: attributes, of: bytes).flatMap { XMLScanner.integer(bytes, $0) } ?? 0
                    styles.append(custom[id] ?? isBuiltInDate(id))
                }
            case .close(let name):
                if XMLScanner.is(name, "cellXfs", in: bytes) { inCellStyles = false }
            case .text:
                break
            }
        }
        return styles
    }

    private static func isBuiltInDate(_ id: Int) -> Bool {
        (14...22).contains(id) || (27...36).contains(id) || (45...47).contains(id) || (50...58).contains(id)
    }

    /// Whether a number format shows a date or time: `yyyy/m/d`, `yyyy"年"m"月"d"日"`, `h:mm`;
    /// not `0.00`, `#,##0"元"`, `[Red]0`, or an elapsed `[h]:mm`.
    static func isDateFormat(_ code: String) -> Bool {
        var inQuotes = false, inBrackets = false, escaped = false
        for character in code.lowercased() {
            if escaped { escaped = false; continue }
            switch character {
            case "\\": escaped = true
            case "\"": inQuotes.toggle()
            case "[" where !inQuotes: inBrackets = true
            case "]" where !inQuotes: inBrackets = false
            case "y", "m", "d", "h", "s": if !inQuotes && !inBrackets { return true }
            default: break
            }
        }
        return false
    }

    /// The UTF-8 of shared string `index`; nil when there is no such string.
    func sharedString(_ index: Int) -> ArraySlice<UInt8>? {
        guard index >= 0, index + 1 < sharedStarts.count else { return nil }
        return sharedText[sharedStarts[index]..<sharedStarts[index + 1]]
    }
}

/// Thrown through the archive's extraction to stop reading a sheet early.
struct StopReading: Error {}

/// The archive and the entry the inflating thread reads, alone, while the scanning thread waits
/// for its chunks: the two never touch the archive at once.
private struct Inflating: @unchecked Sendable {
    let archive: Archive
    let entry: Entry
}
