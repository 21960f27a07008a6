import KPIFormula

/// One SQL aggregate per measure family, grouped by owner: each reads one period's rows once,
/// through the index on the family's period date.
struct MeasureQuery {
    /// The SQL; `?1`/`?2` are the period's first and last day numbers, `?3`/`?4` its first
    /// moment and the first moment after it (local seconds), `?5`/`?6` its first and last month.
    let sql: String
    /// The measures the columns after the owner hold, in order; money is in cents.
    let measures: [String]
    /// Whether it reads far more rows than the others (all history, or the busiest table), so
    /// that it should be started first.
    var readsMost = false

    static let all: [MeasureQuery] = [
        MeasureQuery(sql: """
            SELECT p.manager, COUNT(*), SUM(m.done_date IS NOT NULL AND m.done_date <= m.due_date)
            FROM milestones m JOIN projects p ON p.id = m.project
            WHERE m.due_date BETWEEN ?1 AND ?2 GROUP BY p.manager
            """, measures: ["project.milestones_due", "project.milestones_on_time"]),
        MeasureQuery(sql: """
            SELECT p.manager, SUM(i.items_checked), SUM(i.items_failed), SUM(i.items_reworked)
            FROM inspections i JOIN projects p ON p.id = i.project
            WHERE i.date BETWEEN ?1 AND ?2 GROUP BY p.manager
            """, measures: ["project.items_checked", "project.items_failed", "project.items_reworked"]),
        MeasureQuery(sql: """
            SELECT p.manager, SUM(x.severity = 'major'), SUM(x.severity = 'minor')
            FROM incidents x JOIN projects p ON p.id = x.project
            WHERE x.date BETWEEN ?1 AND ?2 GROUP BY p.manager
            """, measures: ["project.major_incidents", "project.minor_incidents"]),
        MeasureQuery(sql: """
            SELECT manager, SUM(COALESCE(budget_cost, 0)), SUM(COALESCE(actual_cost, 0))
            FROM projects WHERE actual_end BETWEEN ?1 AND ?2 GROUP BY manager
            """, measures: ["project.budget_cost", "project.actual_cost"]),
        MeasureQuery(sql: """
            SELECT sales, SUM(COALESCE(contract_amount, 0))
            FROM projects WHERE signed_date BETWEEN ?1 AND ?2 AND sales IS NOT NULL GROUP BY sales
            """, measures: ["sales.signed_amount"]),
        MeasureQuery(sql: """
            SELECT employee, SUM(amount) FROM sales_targets WHERE period BETWEEN ?5 AND ?6 GROUP BY employee
            """, measures: ["sales.target"]),
        MeasureQuery(sql: """
            SELECT owner, SUM(amount) FROM receivables WHERE due_date BETWEEN ?1 AND ?2 GROUP BY owner
            """, measures: ["billing.due"]),
        MeasureQuery(sql: """
            SELECT r.owner, SUM(c.amount) FROM receivables r JOIN collections c ON c.receivable = r.id
            WHERE r.due_date BETWEEN ?1 AND ?2 AND c.date <= ?2 GROUP BY r.owner
            """, measures: ["billing.collected_on_due"]),
        MeasureQuery(sql: """
            SELECT r.owner, SUM(c.amount) FROM collections c JOIN receivables r ON r.id = c.receivable
            WHERE c.date BETWEEN ?1 AND ?2 GROUP BY r.owner
            """, measures: ["billing.collected"]),
        MeasureQuery(sql: """
            SELECT r.owner, SUM(MAX(r.amount - COALESCE(
                (SELECT SUM(c.amount) FROM collections c WHERE c.receivable = r.id AND c.date <= ?2), 0), 0))
            FROM receivables r WHERE r.due_date <= ?2 GROUP BY r.owner
            """, measures: ["billing.overdue"], readsMost: true),
        MeasureQuery(sql: """
            SELECT keeper, COUNT(*), SUM(counted_qty = book_qty), SUM(ABS(counted_qty - book_qty))
            FROM stock_counts WHERE date BETWEEN ?1 AND ?2 GROUP BY keeper
            """, measures: ["warehouse.count_lines", "warehouse.count_lines_matched", "warehouse.count_variance"]),
        MeasureQuery(sql: """
            SELECT keeper, COUNT(*), SUM(document_no IS NOT NULL AND document_no <> '')
            FROM stock_movements WHERE date BETWEEN ?1 AND ?2 GROUP BY keeper
            """, measures: ["warehouse.movements", "warehouse.movements_documented"]),
        MeasureQuery(sql: """
            SELECT buyer, COUNT(*), SUM(received_date <= promised_date), SUM(conforming = 1)
            FROM purchase_orders WHERE received_date BETWEEN ?1 AND ?2 GROUP BY buyer
            """, measures: ["purchasing.orders_received", "purchasing.orders_on_time", "purchasing.orders_conforming"]),
        MeasureQuery(sql: """
            SELECT assignee, COUNT(*),
                   SUM(first_response_at IS NOT NULL AND first_response_at <= response_due),
                   SUM(resolved_at IS NOT NULL),
                   SUM(resolved_at IS NOT NULL AND resolved_at <= resolution_due),
                   SUM(resolved_at IS NOT NULL AND reopened = 0 AND COALESCE(visits, 0) <= 1),
                   SUM(satisfaction IS NOT NULL), SUM(COALESCE(satisfaction, 0)), SUM(reopened = 1)
            FROM tickets WHERE opened_at >= ?3 AND opened_at < ?4 GROUP BY assignee
            """, measures: ["service.tickets", "service.responded_on_time", "service.resolved", "service.resolved_on_time",
                            "service.first_time_fixes", "service.rated", "service.satisfaction_total", "service.reopened"],
                    readsMost: true),
        MeasureQuery(sql: """
            SELECT recruiter, SUM(positions),
                   SUM(CASE WHEN filled_date IS NOT NULL AND filled_date <= needed_by THEN COALESCE(filled, 0) ELSE 0 END)
            FROM requisitions WHERE needed_by BETWEEN ?1 AND ?2 GROUP BY recruiter
            """, measures: ["recruiting.positions_due", "recruiting.positions_filled_on_time"]),
    ]

    /// Activities, grouped by owner and kind.
    static let activities = """
        SELECT employee, kind, SUM(quantity), SUM(defects), SUM(late), COUNT(*)
        FROM activities WHERE date BETWEEN ?1 AND ?2 GROUP BY employee, kind
        """

    /// The measures counted over employees rather than records.
    static let people = ["hr.headcount", "hr.leavers", "hr.hires", "hr.probation_ended", "hr.probation_passed"]
}
