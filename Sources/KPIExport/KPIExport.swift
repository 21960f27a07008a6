// KPIExport: the XLSX workbooks, written from finished scorecards through CXlsxWriter with
// every libxlsxwriter return code turned into a Swift error. Its contents arrive with the
// export issue.
