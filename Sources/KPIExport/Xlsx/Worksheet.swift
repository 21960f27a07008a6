import CXlsxWriter
import KPIReaders

/// One sheet of a workbook; rows and columns count from 0, as in libxlsxwriter.
public final class Worksheet {
    let handle: UnsafeMutablePointer<lxw_worksheet>
    public let name: String
    unowned let workbook: Workbook

    init(handle: UnsafeMutablePointer<lxw_worksheet>, name: String, workbook: Workbook) {
        self.handle = handle
        self.name = name
        self.workbook = workbook
    }

    public func write(_ row: Int, _ column: Int, _ text: String, _ format: CellFormat? = nil) throws {
        try write(row, column, text, workbook.format(format))
    }

    public func write(_ row: Int, _ column: Int, _ text: String, _ format: Format) throws {
        try check(worksheet_write_string(handle, lxw_row_t(row), lxw_col_t(column), text, format.pointer),
                  "writing \(name)!\(cellName(row, column))")
    }

    /// A number, or an empty cell for nil.
    public func write(_ row: Int, _ column: Int, _ number: Double?, _ format: CellFormat? = nil) throws {
        try write(row, column, number, workbook.format(format))
    }

    /// A number, or an empty cell for nil.
    public func write(_ row: Int, _ column: Int, _ number: Double?, _ format: Format) throws {
        guard let number, number.isFinite else {
            try check(worksheet_write_blank(handle, lxw_row_t(row), lxw_col_t(column), format.pointer),
                      "writing \(name)!\(cellName(row, column))")
            return
        }
        try check(worksheet_write_number(handle, lxw_row_t(row), lxw_col_t(column), number, format.pointer),
                  "writing \(name)!\(cellName(row, column))")
    }

    public func setColumn(_ first: Int, _ last: Int, width: Double, _ format: CellFormat? = nil) throws {
        try check(worksheet_set_column(handle, lxw_col_t(first), lxw_col_t(last), width, try workbook.format(format).pointer),
                  "setting the width of \(name) columns")
    }

    public func freeze(rows: Int, columns: Int = 0) {
        worksheet_freeze_panes(handle, lxw_row_t(rows), lxw_col_t(columns))
    }

    public func autofilter(firstRow: Int, firstColumn: Int, lastRow: Int, lastColumn: Int) throws {
        try check(worksheet_autofilter(handle, lxw_row_t(firstRow), lxw_col_t(firstColumn), lxw_row_t(lastRow), lxw_col_t(lastColumn)),
                  "setting the autofilter of \(name)")
    }

    /// A red–yellow–green colour scale over a column range.
    public func colorScale(firstRow: Int, lastRow: Int, column: Int) throws {
        var format = lxw_conditional_format()
        format.type = UInt8(LXW_CONDITIONAL_3_COLOR_SCALE.rawValue)
        format.min_color = 0xF8696B
        format.mid_color = 0xFFEB84
        format.max_color = 0x63BE7B
        try check(worksheet_conditional_format_range(handle, lxw_row_t(firstRow), lxw_col_t(column), lxw_row_t(lastRow),
                                                     lxw_col_t(column), &format), "adding the colour scale of \(name)")
    }

    /// Landscape, fit to one page wide, the header rows repeated on each page.
    public func printSetup(repeatRows: Int) throws {
        worksheet_set_landscape(handle)
        worksheet_set_paper(handle, 9)
        worksheet_fit_to_pages(handle, 1, 0)
        if repeatRows > 0 {
            try check(worksheet_repeat_rows(handle, 0, lxw_row_t(repeatRows - 1)), "repeating the header rows of \(name)")
        }
    }

    /// Places a chart with its top-left corner at the cell, scaled from libxlsxwriter's 480×288 pixels.
    public func insert(_ chart: Chart, row: Int, column: Int, width: Double = 1, height: Double = 1) throws {
        var options = lxw_chart_options()
        options.x_scale = width
        options.y_scale = height
        try check(worksheet_insert_chart_opt(handle, lxw_row_t(row), lxw_col_t(column), chart.handle, &options), "placing a chart on \(name)")
    }

    public func activate() { worksheet_activate(handle) }

    /// Hides the sheet (a list of choices other sheets' dropdowns read).
    public func hide() { worksheet_hide(handle) }

    /// A note on a cell (Excel's comment), shown when the pointer rests on it.
    public func note(_ row: Int, _ column: Int, _ text: String) throws {
        try check(worksheet_write_comment(handle, lxw_row_t(row), lxw_col_t(column), text), "writing the note of \(name)!\(cellName(row, column))")
    }

    /// Lets the cells of a column, from `firstRow` to `lastRow`, take only the values `source`
    /// lists (`=选项!$A$1:$A$32`), from a dropdown; anything else is refused with `message`.
    public func dropdown(column: Int, firstRow: Int, lastRow: Int, source: String, title: String, message: String) throws {
        var validation = lxw_data_validation()
        validation.validate = UInt8(LXW_VALIDATION_TYPE_LIST_FORMULA.rawValue)
        try source.withCString { source in
            try title.withCString { title in
                try message.withCString { message in
                    validation.value_formula = UnsafeMutablePointer(mutating: source)
                    validation.error_title = UnsafeMutablePointer(mutating: title)
                    validation.error_message = UnsafeMutablePointer(mutating: message)
                    try check(worksheet_data_validation_range(handle, lxw_row_t(firstRow), lxw_col_t(column), lxw_row_t(lastRow), lxw_col_t(column),
                                                              &validation), "adding the dropdown of \(name)!\(cellName(firstRow, column))")
                }
            }
        }
    }
}

/// `A1`-style name of a cell, from its 0-based row and column.
func cellName(_ row: Int, _ column: Int) -> String { columnLetters(column + 1) + String(row + 1) }
