"""The Python baseline: the same cells as floor_export.c, written with XlsxWriter (constant memory)."""
import sys
import xlsxwriter


def write_sheet(workbook, name, path):
    sheet = workbook.add_worksheet(name)
    with open(path, encoding="utf-8") as lines:
        for row, line in enumerate(lines):
            for column, field in enumerate(line.rstrip("\r\n").split("\t")):
                if not field:
                    continue
                try:
                    sheet.write_number(row, column, float(field))
                except ValueError:
                    sheet.write_string(row, column, field)


workbook = xlsxwriter.Workbook(sys.argv[1], {"constant_memory": True})
write_sheet(workbook, "汇总", sys.argv[2])
write_sheet(workbook, "明细", sys.argv[3])
workbook.close()
