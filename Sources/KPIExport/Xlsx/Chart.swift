import CXlsxWriter

/// A chart of a workbook, fed from cell ranges of its sheets.
public final class Chart {
    public enum Kind: UInt8 {
        case column, bar, radar, line

        public var rawValue: UInt8 {
            switch self {
            case .column: return UInt8(LXW_CHART_COLUMN.rawValue)
            case .bar: return UInt8(LXW_CHART_BAR.rawValue)
            case .radar: return UInt8(LXW_CHART_RADAR.rawValue)
            case .line: return UInt8(LXW_CHART_LINE.rawValue)
            }
        }
    }

    let handle: UnsafeMutablePointer<lxw_chart>
    let kind: Kind

    init(handle: UnsafeMutablePointer<lxw_chart>, kind: Kind) {
        self.handle = handle
        self.kind = kind
    }

    /// A series: categories and values from one column each of `sheet`, rows `first...last`.
    public func addSeries(sheet: String, categoryColumn: Int, valueColumn: Int, first: Int, last: Int, name: String) throws {
        guard let series = chart_add_series(handle, nil, nil) else {
            throw XlsxError(message: "cannot add a series", context: "adding the series \(name)")
        }
        chart_series_set_categories(series, sheet, lxw_row_t(first), lxw_col_t(categoryColumn), lxw_row_t(last), lxw_col_t(categoryColumn))
        chart_series_set_values(series, sheet, lxw_row_t(first), lxw_col_t(valueColumn), lxw_row_t(last), lxw_col_t(valueColumn))
        chart_series_set_name(series, name)
    }

    public func title(_ text: String) { chart_title_set_name(handle, text) }

    public func hideLegend() { chart_legend_set_position(handle, UInt8(LXW_CHART_LEGEND_NONE.rawValue)) }

    /// The range of the value axis (horizontal for a bar chart).
    public func valueAxis(min: Double, max: Double) {
        let axis = kind == .bar ? handle.pointee.x_axis : handle.pointee.y_axis
        chart_axis_set_min(axis, min)
        chart_axis_set_max(axis, max)
    }
}
