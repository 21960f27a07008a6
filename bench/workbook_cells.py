"""Writes the cells of kpi's 汇总 and 明细 sheets, with their formats, as tab-separated files, so
that the baselines write exactly the same cells: numbers as numbers, text as text, formatted
blanks as formatted blanks. Each field is STYLE<US>VALUE (US = \\x1f): STYLE is a line number of
the styles file (0: no format), VALUE is empty for a blank cell. A styles line holds: number
format, bold, font colour, fill colour, border colour (empty: no border), wrap, centred, font size.
Usage: workbook_cells.py KPI.xlsx SUMMARY.tsv DETAILS.tsv STYLES.tsv"""
import sys
import openpyxl
from openpyxl.cell.read_only import EmptyCell


def rgb(color):
    return color.rgb[2:] if color is not None and isinstance(color.rgb, str) else ""


def style(cell):
    return "\t".join([
        cell.number_format,
        "1" if cell.font.b else "0",
        rgb(cell.font.color),
        rgb(cell.fill.fgColor) if cell.fill.fill_type == "solid" else "",
        rgb(cell.border.left.color) if cell.border.left.style else "",
        "1" if cell.alignment.wrap_text else "0",
        "1" if cell.alignment.horizontal == "center" else "0",
        repr(float(cell.font.sz)),
    ])


def value(cell):
    if cell.value is None:
        return ""
    if isinstance(cell.value, float):
        return repr(cell.value)
    return str(cell.value).replace("\t", " ").replace("\n", " ")


styles = {}
workbook = openpyxl.load_workbook(sys.argv[1], read_only=True)
for sheet, path in zip(workbook.worksheets[:2], sys.argv[2:4]):
    with open(path, "w", encoding="utf-8") as out:
        for row in sheet.iter_rows():
            fields = []
            for cell in row:
                if isinstance(cell, EmptyCell):
                    fields.append("0\x1f")
                    continue
                number = styles.setdefault(style(cell), len(styles) + 1)
                fields.append(f"{number}\x1f{value(cell)}")
            out.write("\t".join(fields) + "\n")
with open(sys.argv[4], "w", encoding="utf-8") as out:
    for line in styles:
        out.write(line + "\n")
