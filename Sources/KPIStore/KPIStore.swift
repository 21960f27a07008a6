// KPIStore: the operational records in SQLite — migrations, one record type per table,
// CSV import, set-based measure queries, the audit log and the appraisal tables.
// It knows nothing of scoring. Its contents arrive with the store issue.
