import KPIViews
import Foundation

/// Writes a line to standard output.
func emit(_ text: String) {
    print(text)
}

/// Writes a line to standard error.
func warn(_ text: String) {
    FileHandle.standardError.write(Data((text + "\n").utf8))
}

/// Prints `table` in the chosen format; `json` gives the same data as JSON.
func show(_ table: Table, json: @autoclosure () -> JSON, format: OutputFormat) {
    switch format {
    case .table: emit(table.rendered())
    case .csv: emit(table.csv())
    case .json: emit(json().text(indent: 2))
    }
}

/// Rewrites the current stderr line (progress on a terminal); an empty text clears it.
func warnInPlace(_ text: String) {
    FileHandle.standardError.write(Data(("\r\u{1B}[K" + text).utf8))
}
