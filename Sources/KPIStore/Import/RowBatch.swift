/// One value of a row on its way to the table.
enum Cell: Equatable, Sendable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    /// Text lying in a buffer: the reader's while a row is checked, the batch's once handed on.
    case bytes(Range<Int>)
}

extension Cell {
    /// The value as text — `.bytes` read from `buffer` — or nil for a blank.
    func text(in buffer: UnsafeBufferPointer<UInt8>) -> String? {
        switch self {
        case .null: return nil
        case .integer(let number): return String(number)
        case .real(let number): return String(number)
        case .text(let value): return value
        case .bytes(let range): return String(decoding: UnsafeBufferPointer(rebasing: buffer[range]), as: UTF8.self)
        }
    }

    /// A stored value as a cell: column `column` of `row`.
    static func stored(_ row: Statement, _ column: Int32) -> Cell {
        row.isNull(column) ? .null : row.isInteger(column) ? .integer(row.int(column)) : .text(row.text(column))
    }
}

/// Checked rows on their way from the reading thread to SQLite: one cell per column for each
/// row, `.bytes` cells pointing into `text`.
struct RowBatch: Sendable {
    var cells: [Cell] = []
    var text: [UInt8] = []
    /// Each row's line in the file.
    var lines: [Int32] = []
    /// How many rows of the file had been read when the batch was handed on, for progress.
    var rowsRead = 0

    /// Appends a row of `line` whose `.bytes` cells point into `buffer`, copying their text.
    mutating func append(_ row: [Cell], line: Int, from buffer: UnsafeBufferPointer<UInt8>) {
        lines.append(Int32(clamping: line))
        for cell in row {
            guard case .bytes(let range) = cell else {
                cells.append(cell)
                continue
            }
            let start = text.count
            text.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[range]))
            cells.append(.bytes(start..<text.count))
        }
    }
}
