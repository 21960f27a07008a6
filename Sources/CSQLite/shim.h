#include <sqlite3.h>

// SQLITE_TRANSIENT is a macro Swift cannot import: bind copies of the text.
static inline void (*kpi_sqlite_transient(void))(void *) { return SQLITE_TRANSIENT; }
