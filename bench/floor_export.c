/* The export floor: the same cells as `kpi export`'s 汇总 and 明细 sheets, with the same formats,
 * read from the files of bench/workbook_cells.py and written with libxlsxwriter directly in
 * constant-memory mode. Usage:
 *   floor_export OUT.xlsx summary.tsv details.tsv styles.tsv
 * A value that parses entirely as a number is written as a number, an empty one as a formatted
 * blank (or not at all without a format), any other as text. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <xlsxwriter.h>

#define MAX_STYLES 256

static lxw_format *formats[MAX_STYLES];

/* One format per line of the styles file: number format, bold, font colour, fill colour,
 * border colour, wrap, centred, font size. */
static int read_styles(lxw_workbook *workbook, const char *path) {
    FILE *file = fopen(path, "r");
    if (!file) { perror(path); return 1; }
    char *line = NULL;
    size_t capacity = 0;
    int count = 1;
    while (getline(&line, &capacity, file) > 0 && count < MAX_STYLES) {
        line[strcspn(line, "\r\n")] = '\0';
        char *rest = line;
        char *number = strsep(&rest, "\t"), *bold = strsep(&rest, "\t"), *font = strsep(&rest, "\t"),
             *fill = strsep(&rest, "\t"), *border = strsep(&rest, "\t"), *wrap = strsep(&rest, "\t"),
             *centred = strsep(&rest, "\t"), *size = strsep(&rest, "\t");
        if (!size) { fprintf(stderr, "%s: line %d has too few fields\n", path, count); return 1; }
        lxw_format *format = workbook_add_format(workbook);
        if (strcmp(number, "General") != 0) format_set_num_format(format, number);
        if (*bold == '1') format_set_bold(format);
        if (*font) format_set_font_color(format, (lxw_color_t)strtol(font, NULL, 16));
        if (*fill) format_set_bg_color(format, (lxw_color_t)strtol(fill, NULL, 16));
        if (*border) {
            format_set_border(format, LXW_BORDER_THIN);
            format_set_border_color(format, (lxw_color_t)strtol(border, NULL, 16));
        }
        if (*wrap == '1') format_set_text_wrap(format);
        if (*centred == '1') format_set_align(format, LXW_ALIGN_CENTER);
        if (strtod(size, NULL) != 11.0) format_set_font_size(format, strtod(size, NULL));
        formats[count++] = format;
    }
    free(line);
    fclose(file);
    return 0;
}

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
            char *value = strchr(field, '\x1f');
            if (!value) { fprintf(stderr, "%s: a field without a style\n", path); return 1; }
            *value++ = '\0';
            int style = atoi(field);
            lxw_format *format = style > 0 && style < MAX_STYLES ? formats[style] : NULL;
            lxw_error error = LXW_NO_ERROR;
            if (*value == '\0') {
                if (format) error = worksheet_write_blank(sheet, row, column, format);
            } else {
                char *end = NULL;
                double number = strtod(value, &end);
                error = (end != value && *end == '\0')
                    ? worksheet_write_number(sheet, row, column, number, format)
                    : worksheet_write_string(sheet, row, column, value, format);
            }
            if (error) { fprintf(stderr, "%s\n", lxw_strerror(error)); return 1; }
        }
        row++;
    }
    free(line);
    fclose(file);
    return 0;
}

int main(int argc, char **argv) {
    if (argc != 5) { fprintf(stderr, "usage: floor_export OUT.xlsx summary.tsv details.tsv styles.tsv\n"); return 2; }
    lxw_workbook_options options = {.constant_memory = LXW_TRUE};
    lxw_workbook *workbook = workbook_new_opt(argv[1], &options);
    if (!workbook) return 1;
    if (read_styles(workbook, argv[4]) || write_sheet(workbook, "汇总", argv[2]) || write_sheet(workbook, "明细", argv[3])) return 1;
    lxw_error error = workbook_close(workbook);
    if (error) { fprintf(stderr, "%s\n", lxw_strerror(error)); return 1; }
    return 0;
}
