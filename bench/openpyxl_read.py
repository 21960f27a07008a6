"""Iterates over every cell of a workbook's first sheet with openpyxl in read-only mode, the way
HR's own scripts read a sheet: the baseline of kpi's XLSX import. Usage: openpyxl_read.py FILE.xlsx"""
import sys

import openpyxl

workbook = openpyxl.load_workbook(sys.argv[1], read_only=True)
cells = 0
for row in workbook.worksheets[0].iter_rows(values_only=True):
    cells += sum(1 for value in row if value is not None)
print(cells)
