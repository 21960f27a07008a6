import CXlsxWriter

/// What a cell looks like; equal specs share one format in the workbook.
public struct CellFormat: Hashable, Sendable {
    public var bold = false
    public var numberFormat: String?
    public var fontColor: UInt32?
    public var background: UInt32?
    public var border = false
    public var wrap = false
    public var centered = false
    public var fontSize: Double?
    public var italic = false

    public init(bold: Bool = false, numberFormat: String? = nil, fontColor: UInt32? = nil, background: UInt32? = nil,
                border: Bool = false, wrap: Bool = false, centered: Bool = false, fontSize: Double? = nil, italic: Bool = false) {
        self.bold = bold
        self.numberFormat = numberFormat
        self.fontColor = fontColor
        self.background = background
        self.border = border
        self.wrap = wrap
        self.centered = centered
        self.fontSize = fontSize
        self.italic = italic
    }

    func apply(to format: UnsafeMutablePointer<lxw_format>) {
        if bold { format_set_bold(format) }
        if let numberFormat { format_set_num_format(format, numberFormat) }
        if let fontColor { format_set_font_color(format, fontColor) }
        if let background { format_set_bg_color(format, background) }
        if border {
            format_set_border(format, UInt8(LXW_BORDER_THIN.rawValue))
            format_set_border_color(format, 0xBFBFBF)
        }
        if wrap { format_set_text_wrap(format) }
        if centered { format_set_align(format, UInt8(LXW_ALIGN_CENTER.rawValue)) }
        if let fontSize { format_set_font_size(format, fontSize) }
        if italic { format_set_italic(format) }
    }
}

/// A format added to a workbook (`Workbook.format(_:)`), ready to give to cells.
public struct Format {
    let pointer: UnsafeMutablePointer<lxw_format>?
}
