-- The floor for `kpi appraisal run 2026-10`: the same per-owner aggregates the engine runs
-- (the queries of KPIStore's MeasureFamily declarations), as plain SQL for October 2026 (days
-- 20727–20757; local seconds 1790812800 up to 1793491200), and the service aggregate of
-- September (from 1788220800), which the catalog's prev() formula reads, run by the sqlite3
-- shell with their output discarded.
SELECT p.manager, COUNT(*), SUM(m.done_date IS NOT NULL AND m.done_date <= m.due_date)
FROM milestones m JOIN projects p ON p.id = m.project WHERE m.due_date BETWEEN 20727 AND 20757 GROUP BY p.manager;
SELECT p.manager, SUM(i.items_checked), SUM(i.items_failed), SUM(i.items_reworked)
FROM inspections i JOIN projects p ON p.id = i.project WHERE i.date BETWEEN 20727 AND 20757 GROUP BY p.manager;
SELECT p.manager, SUM(x.severity = 'major'), SUM(x.severity = 'minor')
FROM incidents x JOIN projects p ON p.id = x.project WHERE x.date BETWEEN 20727 AND 20757 GROUP BY p.manager;
SELECT manager, SUM(COALESCE(budget_cost, 0)), SUM(COALESCE(actual_cost, 0))
FROM projects WHERE actual_end BETWEEN 20727 AND 20757 GROUP BY manager;
SELECT sales, SUM(COALESCE(contract_amount, 0)) FROM projects WHERE signed_date BETWEEN 20727 AND 20757 AND sales IS NOT NULL GROUP BY sales;
SELECT employee, SUM(amount) FROM sales_targets WHERE period BETWEEN '2026-10' AND '2026-10' GROUP BY employee;
SELECT owner, SUM(amount) FROM receivables WHERE due_date BETWEEN 20727 AND 20757 GROUP BY owner;
SELECT r.owner, SUM(c.amount) FROM receivables r JOIN collections c ON c.receivable = r.id
WHERE r.due_date BETWEEN 20727 AND 20757 AND c.date <= 20757 GROUP BY r.owner;
SELECT r.owner, SUM(c.amount) FROM collections c JOIN receivables r ON r.id = c.receivable
WHERE c.date BETWEEN 20727 AND 20757 GROUP BY r.owner;
SELECT r.owner, SUM(MAX(r.amount - COALESCE(
    (SELECT SUM(c.amount) FROM collections c WHERE c.receivable = r.id AND c.date <= 20757), 0), 0))
FROM receivables r WHERE r.due_date <= 20757 GROUP BY r.owner;
SELECT keeper, COUNT(*), SUM(counted_qty = book_qty), SUM(ABS(counted_qty - book_qty))
FROM stock_counts WHERE date BETWEEN 20727 AND 20757 GROUP BY keeper;
SELECT keeper, COUNT(*), SUM(document_no IS NOT NULL AND document_no <> '') FROM stock_movements WHERE date BETWEEN 20727 AND 20757 GROUP BY keeper;
SELECT buyer, COUNT(*), SUM(received_date <= promised_date), SUM(conforming = 1)
FROM purchase_orders WHERE received_date BETWEEN 20727 AND 20757 GROUP BY buyer;
SELECT assignee, COUNT(*),
       SUM(first_response_at IS NOT NULL AND first_response_at <= response_due),
       SUM(resolved_at IS NOT NULL),
       SUM(resolved_at IS NOT NULL AND resolved_at <= resolution_due),
       SUM(resolved_at IS NOT NULL AND reopened = 0 AND COALESCE(visits, 0) <= 1),
       SUM(satisfaction IS NOT NULL), SUM(COALESCE(satisfaction, 0)), SUM(reopened = 1)
FROM tickets WHERE opened_at >= 1790812800 AND opened_at < 1793491200 GROUP BY assignee;
SELECT assignee, COUNT(*),
       SUM(first_response_at IS NOT NULL AND first_response_at <= response_due),
       SUM(resolved_at IS NOT NULL),
       SUM(resolved_at IS NOT NULL AND resolved_at <= resolution_due),
       SUM(resolved_at IS NOT NULL AND reopened = 0 AND COALESCE(visits, 0) <= 1),
       SUM(satisfaction IS NOT NULL), SUM(COALESCE(satisfaction, 0)), SUM(reopened = 1)
FROM tickets WHERE opened_at >= 1788220800 AND opened_at < 1790812800 GROUP BY assignee;
SELECT recruiter, SUM(positions),
       SUM(CASE WHEN filled_date IS NOT NULL AND filled_date <= needed_by THEN COALESCE(filled, 0) ELSE 0 END)
FROM requisitions WHERE needed_by BETWEEN 20727 AND 20757 GROUP BY recruiter;
SELECT employee, kind, SUM(quantity), SUM(defects), SUM(late), COUNT(*)
FROM activities WHERE date BETWEEN 20727 AND 20757 GROUP BY employee, kind;
SELECT id, role, manager, hire_date, leave_date, probation_end, probation_passed FROM employees;
SELECT employee, kpi, score, rater, comment FROM ratings WHERE period BETWEEN '2026-10' AND '2026-10';
