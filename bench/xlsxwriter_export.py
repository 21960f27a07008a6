"""The Python baseline: the same cells and formats as floor_export.c, written with XlsxWriter
(constant memory). Usage: xlsxwriter_export.py OUT.xlsx summary.tsv details.tsv styles.tsv"""
import sys
import xlsxwriter


def read_styles(workbook, path):
    formats = [None]
    with open(path, encoding="utf-8") as lines:
        for line in lines:
            number, bold, font, fill, border, wrap, centred, size = line.rstrip("\r\n").split("\t")
            properties = {"bold": bold == "1", "text_wrap": wrap == "1"}
            if number != "General":
                properties["num_format"] = number
            if font:
                properties["font_color"] = "#" + font
            if fill:
                properties.update(pattern=1, bg_color="#" + fill)
            if border:
                properties.update(border=1, border_color="#" + border)
            if centred == "1":
                properties["align"] = "center"
            if float(size) != 11.0:
                properties["font_size"] = float(size)
            formats.append(workbook.add_format(properties))
    return formats


def write_sheet(workbook, name, path, formats):
    sheet = workbook.add_worksheet(name)
    with open(path, encoding="utf-8") as lines:
        for row, line in enumerate(lines):
            for column, field in enumerate(line.rstrip("\r\n").split("\t")):
                style, value = field.split("\x1f", 1)
                format = formats[int(style)]
                if not value:
                    if format is not None:
                        sheet.write_blank(row, column, None, format)
                    continue
                try:
                    sheet.write_number(row, column, float(value), format)
                except ValueError:
                    sheet.write_string(row, column, value, format)


workbook = xlsxwriter.Workbook(sys.argv[1], {"constant_memory": True})
formats = read_styles(workbook, sys.argv[4])
write_sheet(workbook, "汇总", sys.argv[2], formats)
write_sheet(workbook, "明细", sys.argv[3], formats)
workbook.close()
