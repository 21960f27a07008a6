"""Writes the cells of kpi's 汇总 and 明细 sheets as tab-separated files, so that the baselines
write exactly the same cells: numbers as numbers, text as text, empty cells as empty fields.
Usage: workbook_cells.py KPI.xlsx SUMMARY.tsv DETAILS.tsv"""
import sys
import openpyxl


def field(value):
    if value is None:
        return ""
    if isinstance(value, float):
        return repr(value)
    return str(value).replace("\t", " ").replace("\n", " ")


workbook = openpyxl.load_workbook(sys.argv[1], read_only=True)
for sheet, path in zip(workbook.worksheets[:2], sys.argv[2:4]):
    with open(path, "w", encoding="utf-8") as out:
        for row in sheet.iter_rows(values_only=True):
            out.write("\t".join(field(value) for value in row) + "\n")
