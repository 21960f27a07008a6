// KPIEngine: periods and their lifecycle, scoring, totals, grades, forced distribution,
// actors and permissions, explain. It reads the catalog and the store and writes results
// through the store. Its contents arrive with the engine issue.
