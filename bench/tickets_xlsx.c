/* The XLSX import's input: the first ROWS tickets of a CSV file as one sheet, the way a service
 * desk keeps it in Excel — a title row, Chinese headers, date-times as date cells, counts as
 * number cells, text as shared strings — and the same rows as CSV beside it, for kpi's own CSV
 * import of them. Usage:
 *   tickets_xlsx TICKETS.csv ROWS OUT.xlsx OUT.csv
 * The CSV is the bench's: a header naming the ticket columns, fields quoted only without inner
 * quotes or line breaks, date-times as YYYY-MM-DDTHH:MM:SS. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <xlsxwriter.h>

#define MAX_FIELDS 32

static const char *chinese(const char *name) {
    static const char *names[][2] = {
        {"id", "工单号"}, {"customer", "客户"}, {"project", "项目"}, {"priority", "优先级"},
        {"opened_at", "受理时间"}, {"response_due", "响应时限"}, {"resolution_due", "解决时限"},
        {"first_response_at", "首次响应时间"}, {"resolved_at", "解决时间"}, {"assignee", "处理人"},
        {"channel", "渠道"}, {"visits", "上门次数"}, {"satisfaction", "满意度"}, {"reopened", "是否重开"},
    };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strcmp(names[i][0], name) == 0) return names[i][1];
    return name;
}

/* Splits a CSV line in place; returns the number of fields. */
static int split(char *line, char **fields) {
    int count = 0;
    char *cursor = line;
    while (count < MAX_FIELDS) {
        if (*cursor == '"') {
            char *end = strchr(cursor + 1, '"');
            if (!end) return -1;
            *end = '\0';
            fields[count++] = cursor + 1;
            cursor = end + 1;
        } else {
            fields[count++] = cursor;
            cursor += strcspn(cursor, ",");
        }
        if (*cursor != ',') { *cursor = '\0'; return count; }
        *cursor++ = '\0';
    }
    return count;
}

/* Days since 1899-12-30 of YYYY-MM-DDTHH:MM:SS, with the time as a fraction. */
static double serial(const char *text) {
    struct tm moment = {0};
    if (sscanf(text, "%d-%d-%dT%d:%d:%d", &moment.tm_year, &moment.tm_mon, &moment.tm_mday,
               &moment.tm_hour, &moment.tm_min, &moment.tm_sec) != 6) return -1;
    moment.tm_year -= 1900;
    moment.tm_mon -= 1;
    return (double)timegm(&moment) / 86400.0 + 25569.0;
}

int main(int argc, char **argv) {
    if (argc != 5) { fprintf(stderr, "usage: tickets_xlsx TICKETS.csv ROWS OUT.xlsx OUT.csv\n"); return 2; }
    long wanted = atol(argv[2]);
    FILE *input = fopen(argv[1], "r"), *copy = fopen(argv[4], "w");
    if (!input || !copy) { perror("opening the files"); return 1; }
    lxw_workbook *workbook = workbook_new(argv[3]);
    lxw_worksheet *sheet = workbook_add_worksheet(workbook, "工单");
    lxw_format *moment = workbook_add_format(workbook);
    format_set_num_format(moment, "yyyy-mm-dd hh:mm");
    char *line = NULL, *fields[MAX_FIELDS];
    size_t capacity = 0;
    char kinds[MAX_FIELDS];
    if (getline(&line, &capacity, input) <= 0) { fprintf(stderr, "%s: empty\n", argv[1]); return 1; }
    fputs(line, copy);
    line[strcspn(line, "\r\n")] = '\0';
    int columns = split(line, fields);
    worksheet_write_string(sheet, 0, 0, "售后工单 2025-11 至 2026-10", NULL);
    for (int column = 0; column < columns; column++) {
        worksheet_write_string(sheet, 1, column, chinese(fields[column]), NULL);
        size_t length = strlen(fields[column]);
        kinds[column] = (length > 3 && (strcmp(fields[column] + length - 3, "_at") == 0 || strcmp(fields[column] + length - 4, "_due") == 0)) ? 'm'
                      : (strcmp(fields[column], "visits") == 0 || strcmp(fields[column], "satisfaction") == 0 || strcmp(fields[column], "reopened") == 0) ? 'n' : 't';
    }
    long row = 0;
    while (row < wanted && getline(&line, &capacity, input) > 0) {
        fputs(line, copy);
        line[strcspn(line, "\r\n")] = '\0';
        int count = split(line, fields);
        for (int column = 0; column < count && column < columns; column++) {
            if (fields[column][0] == '\0') continue;
            lxw_row_t at = (lxw_row_t)(row + 2);
            if (kinds[column] == 'm') worksheet_write_number(sheet, at, column, serial(fields[column]), moment);
            else if (kinds[column] == 'n') worksheet_write_number(sheet, at, column, atof(fields[column]), NULL);
            else worksheet_write_string(sheet, at, column, fields[column], NULL);
        }
        row++;
    }
    fclose(copy);
    fclose(input);
    lxw_error error = workbook_close(workbook);
    if (error != LXW_NO_ERROR) { fprintf(stderr, "%s: %s\n", argv[3], lxw_strerror(error)); return 1; }
    return 0;
}
