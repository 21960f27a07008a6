import KPIFormula

/// Every measure family, in the order `kpi measures` lists them. A new measure is a definition,
/// a column of its family's query and, where a person would want to see them, the records
/// behind it; a new family is one more declaration here.
extension MeasureFamily {
    public static let all: [MeasureFamily] = [.project, .sales, .billing, .warehouse, .purchasing, .service, .recruiting, .hr, .activity]

    private typealias D = MeasureCatalogue.Definition

    static let project = MeasureFamily(
        name: "project",
        definitions: [
            D.count("project.milestones_due", "本期到期的里程碑数", "milestones due in the period"),
            D.count("project.milestones_on_time", "其中按期完成的里程碑数", "of those, done on or before the due date"),
            D.count("project.items_checked", "本期检查项数", "inspection items checked in the period"),
            D.count("project.items_failed", "本期不合格项数", "inspection items failed"),
            D.count("project.items_reworked", "本期返工项数", "inspection items reworked"),
            D.count("project.major_incidents", "本期重大施工事故数", "major incidents in the period"),
            D.count("project.minor_incidents", "本期一般事故数", "minor incidents in the period"),
            D.amount("project.budget_cost", "本期竣工项目的预算成本", "budget cost of projects finished in the period"),
            D.amount("project.actual_cost", "本期竣工项目的实际成本", "actual cost of projects finished in the period"),
        ],
        queries: [
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
        ],
        records: [
            RecordQuery(title: "milestones due in the period and missed",
                        columns: [("id", .text), ("project", .text), ("name", .text), ("due_date", .day), ("done_date", .day)], sql: """
                SELECT m.id, m.project, m.name, m.due_date, m.done_date FROM milestones m JOIN projects p ON p.id = m.project
                WHERE p.manager IN (SELECT value FROM json_each(?1)) AND m.due_date BETWEEN ?2 AND ?3
                  AND (m.done_date IS NULL OR m.done_date > m.due_date) ORDER BY m.due_date
                """),
            RecordQuery(title: "inspections with failed items",
                        columns: [("id", .text), ("project", .text), ("date", .day), ("items_checked", .text), ("items_failed", .text),
                                  ("items_reworked", .text)], sql: """
                SELECT i.id, i.project, i.date, i.items_checked, i.items_failed, i.items_reworked FROM inspections i JOIN projects p ON p.id = i.project
                WHERE p.manager IN (SELECT value FROM json_each(?1)) AND i.date BETWEEN ?2 AND ?3 AND i.items_failed > 0
                ORDER BY i.items_failed DESC, i.date
                """),
            RecordQuery(title: "incidents",
                        columns: [("id", .text), ("project", .text), ("date", .day), ("severity", .text), ("description", .text)], sql: """
                SELECT x.id, x.project, x.date, x.severity, x.description FROM incidents x JOIN projects p ON p.id = x.project
                WHERE p.manager IN (SELECT value FROM json_each(?1)) AND x.date BETWEEN ?2 AND ?3 ORDER BY x.severity, x.date
                """),
            RecordQuery(title: "projects finished in the period, by cost over budget",
                        columns: [("id", .text), ("name", .text), ("actual_end", .day), ("budget_cost", .money), ("actual_cost", .money)], sql: """
                SELECT id, name, actual_end, COALESCE(budget_cost, 0), COALESCE(actual_cost, 0) FROM projects
                WHERE manager IN (SELECT value FROM json_each(?1)) AND actual_end BETWEEN ?2 AND ?3
                ORDER BY COALESCE(actual_cost, 0) - COALESCE(budget_cost, 0) DESC
                """),
        ])

    static let sales = MeasureFamily(
        name: "sales",
        definitions: [
            D.amount("sales.signed_amount", "本期签约合同额", "contract amount signed in the period"),
            D.amount("sales.target", "本期销售目标", "sales target for the period"),
        ],
        queries: [
            MeasureQuery(sql: """
                SELECT sales, SUM(COALESCE(contract_amount, 0))
                FROM projects WHERE signed_date BETWEEN ?1 AND ?2 AND sales IS NOT NULL GROUP BY sales
                """, measures: ["sales.signed_amount"]),
            MeasureQuery(sql: """
                SELECT employee, SUM(amount) FROM sales_targets WHERE period BETWEEN ?5 AND ?6 GROUP BY employee
                """, measures: ["sales.target"]),
        ],
        records: [
            RecordQuery(title: "projects signed in the period",
                        columns: [("id", .text), ("name", .text), ("sales", .text), ("signed_date", .day), ("contract_amount", .money)], sql: """
                SELECT id, name, sales, signed_date, COALESCE(contract_amount, 0) FROM projects
                WHERE sales IN (SELECT value FROM json_each(?1)) AND signed_date BETWEEN ?2 AND ?3 ORDER BY signed_date
                """),
        ])

    static let billing = MeasureFamily(
        name: "billing",
        definitions: [
            D.amount("billing.due", "本期到期应收款", "receivables due in the period"),
            D.amount("billing.collected_on_due", "本期到期应收款中期末前已回款", "of those, collected by the period end"),
            D.amount("billing.collected", "本期回款额", "collections dated in the period"),
            D.amount("billing.overdue", "期末逾期未收款", "outstanding at the period end on receivables already due"),
        ],
        queries: [
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
            // Only receivables not settled by the period end can be outstanding (their collections
            // are below the amount): found through the day each was settled, not by reading all.
            MeasureQuery(sql: """
                SELECT r.owner, SUM(r.amount - COALESCE(
                    (SELECT SUM(c.amount) FROM collections c WHERE c.receivable = r.id AND c.date <= ?2), 0))
                FROM receivable_settlements s JOIN receivables r ON r.id = s.receivable
                WHERE (s.settled_on IS NULL OR s.settled_on > ?2) AND r.due_date <= ?2 GROUP BY r.owner
                """, measures: ["billing.overdue"]),
        ],
        records: [
            RecordQuery(title: "receivables due by the period end and not fully collected",
                        columns: [("id", .text), ("owner", .text), ("due_date", .day), ("amount", .money), ("collected_by_end", .money),
                                  ("outstanding", .money)], sql: """
                SELECT id, owner, due_date, amount, paid, amount - paid FROM (
                    SELECT r.id, r.owner, r.due_date, r.amount,
                           COALESCE((SELECT SUM(c.amount) FROM collections c WHERE c.receivable = r.id AND c.date <= ?3), 0) AS paid
                    FROM receivables r WHERE r.owner IN (SELECT value FROM json_each(?1)) AND r.due_date <= ?3)
                WHERE paid < amount ORDER BY due_date
                """),
        ])

    static let warehouse = MeasureFamily(
        name: "warehouse",
        definitions: [
            D.count("warehouse.count_lines", "本期盘点行数", "stock-count lines in the period"),
            D.count("warehouse.count_lines_matched", "其中账实相符的行数", "of those, counted quantity equals book quantity"),
            D.sum("warehouse.count_variance", "盘点差异数量合计", "sum of |counted − book| over those lines"),
            D.count("warehouse.movements", "本期出入库单数", "stock movements in the period"),
            D.count("warehouse.movements_documented", "其中有单据号的", "of those, with a document number"),
        ],
        queries: [
            MeasureQuery(sql: """
                SELECT keeper, COUNT(*), SUM(counted_qty = book_qty), SUM(ABS(counted_qty - book_qty))
                FROM stock_counts WHERE date BETWEEN ?1 AND ?2 GROUP BY keeper
                """, measures: ["warehouse.count_lines", "warehouse.count_lines_matched", "warehouse.count_variance"]),
            MeasureQuery(sql: """
                SELECT keeper, COUNT(*), SUM(document_no IS NOT NULL AND document_no <> '')
                FROM stock_movements WHERE date BETWEEN ?1 AND ?2 GROUP BY keeper
                """, measures: ["warehouse.movements", "warehouse.movements_documented"]),
        ],
        records: [
            RecordQuery(title: "stock-count lines that did not match the books",
                        columns: [("id", .text), ("date", .day), ("sku", .text), ("book_qty", .text), ("counted_qty", .text), ("keeper", .text)], sql: """
                SELECT id, date, sku, book_qty, counted_qty, keeper FROM stock_counts
                WHERE keeper IN (SELECT value FROM json_each(?1)) AND date BETWEEN ?2 AND ?3 AND counted_qty <> book_qty
                ORDER BY ABS(counted_qty - book_qty) DESC, date
                """),
            RecordQuery(title: "stock movements without a document number",
                        columns: [("id", .text), ("date", .day), ("sku", .text), ("direction", .text), ("quantity", .text), ("keeper", .text)], sql: """
                SELECT id, date, sku, direction, quantity, keeper FROM stock_movements
                WHERE keeper IN (SELECT value FROM json_each(?1)) AND date BETWEEN ?2 AND ?3 AND (document_no IS NULL OR document_no = '')
                ORDER BY date
                """),
        ])

    static let purchasing = MeasureFamily(
        name: "purchasing",
        definitions: [
            D.count("purchasing.orders_received", "本期到货采购单数", "purchase orders received in the period"),
            D.count("purchasing.orders_on_time", "其中按承诺日期到货", "of those, received by the promised date"),
            D.count("purchasing.orders_conforming", "其中规格数量质量相符", "of those, conforming"),
        ],
        queries: [
            MeasureQuery(sql: """
                SELECT buyer, COUNT(*), SUM(received_date <= promised_date), SUM(conforming = 1)
                FROM purchase_orders WHERE received_date BETWEEN ?1 AND ?2 GROUP BY buyer
                """, measures: ["purchasing.orders_received", "purchasing.orders_on_time", "purchasing.orders_conforming"]),
        ],
        records: [
            RecordQuery(title: "orders received late or not conforming",
                        columns: [("id", .text), ("supplier", .text), ("promised_date", .day), ("received_date", .day), ("conforming", .yesNo)], sql: """
                SELECT id, supplier, promised_date, received_date, conforming FROM purchase_orders
                WHERE buyer IN (SELECT value FROM json_each(?1)) AND received_date BETWEEN ?2 AND ?3
                  AND (received_date > promised_date OR conforming IS NOT 1) ORDER BY received_date
                """),
        ])

    static let service = MeasureFamily(
        name: "service",
        definitions: [
            D.count("service.tickets", "本期售后工单数", "service tickets opened in the period"),
            D.count("service.responded_on_time", "其中按时响应", "of those, first answered within the response due time"),
            D.count("service.resolved", "其中已解决", "of those, resolved"),
            D.count("service.resolved_on_time", "其中按时解决", "of those, resolved within the resolution due time"),
            D.count("service.first_time_fixes", "其中一次修复", "of those, resolved, not reopened, at most one visit"),
            D.count("service.rated", "其中有满意度评价", "of those, with a satisfaction rating"),
            D.sum("service.satisfaction_total", "满意度评分合计(1–5)", "sum of satisfaction ratings (1–5)"),
            D.count("service.reopened", "其中重开", "of those, reopened"),
        ],
        queries: [
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
        ],
        records: [
            RecordQuery(title: "tickets answered late or not at all",
                        columns: [("id", .text), ("priority", .text), ("opened_at", .time), ("response_due", .time),
                                  ("first_response_at", .time), ("assignee", .text)], sql: """
                SELECT id, priority, opened_at, response_due, first_response_at, assignee FROM tickets
                WHERE assignee IN (SELECT value FROM json_each(?1)) AND opened_at >= ?2 AND opened_at < ?3
                  AND (first_response_at IS NULL OR first_response_at > response_due) ORDER BY opened_at
                """, bySeconds: true),
            RecordQuery(title: "tickets not resolved in time, reopened, or visited more than once",
                        columns: [("id", .text), ("resolution_due", .time), ("resolved_at", .time), ("visits", .text), ("reopened", .yesNo),
                                  ("satisfaction", .text)], sql: """
                SELECT id, resolution_due, resolved_at, visits, reopened, satisfaction FROM tickets
                WHERE assignee IN (SELECT value FROM json_each(?1)) AND opened_at >= ?2 AND opened_at < ?3
                  AND (resolved_at IS NULL OR resolved_at > resolution_due OR reopened = 1 OR COALESCE(visits, 0) > 1) ORDER BY opened_at
                """, bySeconds: true),
        ])

    static let recruiting = MeasureFamily(
        name: "recruiting",
        definitions: [
            D.count("recruiting.positions_due", "本期需到岗人数", "positions needed by a date in the period"),
            D.count("recruiting.positions_filled_on_time", "其中按期到岗", "of those, filled on or before the needed-by date"),
        ],
        queries: [
            MeasureQuery(sql: """
                SELECT recruiter, SUM(positions),
                       SUM(CASE WHEN filled_date IS NOT NULL AND filled_date <= needed_by THEN COALESCE(filled, 0) ELSE 0 END)
                FROM requisitions WHERE needed_by BETWEEN ?1 AND ?2 GROUP BY recruiter
                """, measures: ["recruiting.positions_due", "recruiting.positions_filled_on_time"]),
        ],
        records: [
            RecordQuery(title: "requisitions not filled by their date",
                        columns: [("id", .text), ("department", .text), ("positions", .text), ("needed_by", .day), ("filled", .text),
                                  ("filled_date", .day)], sql: """
                SELECT id, department, positions, needed_by, COALESCE(filled, 0), filled_date FROM requisitions
                WHERE recruiter IN (SELECT value FROM json_each(?1)) AND needed_by BETWEEN ?2 AND ?3
                  AND (filled_date IS NULL OR filled_date > needed_by OR COALESCE(filled, 0) < positions) ORDER BY needed_by
                """),
        ])

    /// Counted over employees, not records: worked out from the employees themselves.
    static let hr = MeasureFamily(
        name: "hr",
        definitions: [
            D.count("hr.headcount", "期末在职人数", "employees active on the last day"),
            D.count("hr.leavers", "本期离职人数", "employees who left in the period"),
            D.count("hr.hires", "本期入职人数", "employees hired in the period"),
            D.count("hr.probation_ended", "本期试用期满人数", "probations ending in the period"),
            D.count("hr.probation_passed", "其中转正人数", "of those, passed"),
        ],
        queries: [], records: [])

    /// Summed per kind of work; the kinds are free text, as formulas name them.
    static let activity = MeasureFamily(
        name: "activity",
        definitions: [
            D.perKind("activity.quantity", "该类工作的完成数量", "work of that kind done"),
            D.perKind("activity.defects", "该类工作的差错数", "errors found in that work"),
            D.perKind("activity.late", "该类工作的延误数", "pieces of that work done late"),
        ],
        queries: [],
        records: [
            RecordQuery(title: "%@ work with errors or done late",
                        columns: [("id", .text), ("employee", .text), ("date", .day), ("quantity", .text), ("defects", .text), ("late", .text)], sql: """
                SELECT id, employee, date, quantity, defects, late FROM activities
                WHERE employee IN (SELECT value FROM json_each(?1)) AND date BETWEEN ?2 AND ?3 AND kind = ?4 ORDER BY defects + late DESC, date
                """),
        ])

    /// The activities of a period, grouped by owner and kind.
    static let activitiesByKind = """
        SELECT employee, kind, SUM(quantity), SUM(defects), SUM(late), COUNT(*)
        FROM activities WHERE date BETWEEN ?1 AND ?2 GROUP BY employee, kind
        """
}
