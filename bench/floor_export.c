/* The export floor: the same cells as `kpi export`'s 汇总 and 明细 sheets, read from tab-separated
 * files (bench/workbook_cells.py) and written with libxlsxwriter directly in constant-memory mode.
 * Usage:
 *   floor_export OUT.xlsx summary.tsv details.tsv
 * A field that parses entirely as a number is written as a number, an empty one not at all, any
 * other as text. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

static int write_sheet(lxw_workbook *workbook, const char *name, const char *path) {
    FILE *file = fopen(path, "r");
    if (!file) { perror(path); return 1; }
    lxw_worksheet *sheet = workbook_add_worksheet(workbook, name);
    char *line = NULL;
    size_t capacity = 0;
    lxw_row_t row = 0;
    while (getline(&line, &capacity, file) > 0) {
        line[strcspn(line, "\r\n")] = '\0';
        lxw_col_t column = 0;
        char *rest = line;
        for (char *field = strsep(&rest, "\t"); field; field = strsep(&rest, "\t"), column++) {
            if (*field == '\0') continue;
            char *end = NULL;
            double number = strtod(field, &end);
            lxw_error error = (end != field && *end == '\0')
                ? worksheet_write_number(sheet, row, column, number, NULL)
                : worksheet_write_string(sheet, row, column, field, NULL);
            if (error) { fprintf(stderr, "%s\n", lxw_strerror(error)); return 1; }
        }
        row++;
    }
    free(line);
    fclose(file);
    return 0;
}

int main(int argc, char **argv) {
    if (argc != 4) { fprintf(stderr, "usage: floor_export OUT.xlsx summary.tsv details.tsv\n"); return 2; }
    lxw_workbook_options options = {.constant_memory = LXW_TRUE};
    lxw_workbook *workbook = workbook_new_opt(argv[1], &options);
    if (!workbook) return 1;
    if (write_sheet(workbook, "汇总", argv[2]) || write_sheet(workbook, "明细", argv[3])) return 1;
    lxw_error error = workbook_close(workbook);
    if (error) { fprintf(stderr, "%s\n", lxw_strerror(error)); return 1; }
    return 0;
}
