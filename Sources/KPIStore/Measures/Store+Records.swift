/// Records behind a measure: the rows that made a value what it is, those that pulled it down first.
public struct RecordList: Equatable, Sendable {
    /// What the rows are, e.g. "tickets answered late or not at all".
    public let title: String
    public let columns: [String]
    public let rows: [[String]]
    /// How many rows there are in all; `rows` holds at most the limit asked for.
    public let total: Int
}

extension Store {
    /// The records behind the measures of `family` (`service`, `billing`, `activity`, …) for the
    /// records owned by `owners` in `period`; `kind` for the activity family.
    public func records(behind family: String, kind: String? = nil, owners: [String], period: Period, limit: Int = 20) throws -> [RecordList] {
        let ownerList = "[" + owners.map { "\"" + $0.replacingOccurrences(of: "\"", with: "\\\"") + "\"" }.joined(separator: ",") + "]"
        let first = Int64(period.firstDay.number), last = Int64(period.lastDay.number)
        let start = Int64(period.start.seconds), end = Int64(period.end.seconds)
        let inOwners = "IN (SELECT value FROM json_each(?1))"
        func day(_ value: Int64?) -> String { value.map { Day(number: Int($0)).iso } ?? "—" }
        func time(_ value: Int64?) -> String { value.map { LocalTime(seconds: Int($0)).iso } ?? "—" }
        func money(_ cents: Int64) -> String {
            let text = String(cents / 100) + "." + (cents % 100 < 10 ? "0" : "") + String(cents % 100)
            return text
        }
        func list(_ title: String, _ columns: [String], _ sql: String, _ values: [Statement.Value],
                  _ row: (Statement) -> [String]) throws -> RecordList {
            var rows: [[String]] = []
            var total = 0
            try database.prepare(sql).forEach([.text(ownerList)] + values) { statement in
                total += 1
                if rows.count < limit { rows.append(row(statement)) }
            }
            return RecordList(title: title, columns: columns, rows: rows, total: total)
        }
        switch family {
        case "service":
            return [try list("tickets answered late or not at all", ["id", "priority", "opened_at", "response_due", "first_response_at", "assignee"], """
                SELECT id, priority, opened_at, response_due, first_response_at, assignee FROM tickets
                WHERE assignee \(inOwners) AND opened_at >= ?2 AND opened_at < ?3
                  AND (first_response_at IS NULL OR first_response_at > response_due) ORDER BY opened_at
                """, [.integer(start), .integer(end)]) { [$0.text(0), $0.text(1), time($0.int(2)), time($0.int(3)), time($0.optionalInt(4)), $0.text(5)] },
                try list("tickets not resolved in time, reopened, or visited more than once", ["id", "resolution_due", "resolved_at", "visits", "reopened", "satisfaction"], """
                SELECT id, resolution_due, resolved_at, visits, reopened, satisfaction FROM tickets
                WHERE assignee \(inOwners) AND opened_at >= ?2 AND opened_at < ?3
                  AND (resolved_at IS NULL OR resolved_at > resolution_due OR reopened = 1 OR COALESCE(visits, 0) > 1) ORDER BY opened_at
                """, [.integer(start), .integer(end)]) { [$0.text(0), time($0.int(1)), time($0.optionalInt(2)), $0.optionalText(3) ?? "—",
                                                         $0.int(4) == 1 ? "yes" : "no", $0.optionalText(5) ?? "—"] }]
        case "billing":
            return [try list("receivables due by the period end and not fully collected", ["id", "owner", "due_date", "amount", "collected_by_end", "outstanding"], """
                SELECT r.id, r.owner, r.due_date, r.amount,
                       COALESCE((SELECT SUM(c.amount) FROM collections c WHERE c.receivable = r.id AND c.date <= ?3), 0) AS paid
                FROM receivables r WHERE r.owner \(inOwners) AND r.due_date <= ?3 AND paid < r.amount ORDER BY r.due_date
                """, [.integer(first), .integer(last)]) { [$0.text(0), $0.text(1), day($0.int(2)), money($0.int(3)), money($0.int(4)), money($0.int(3) - $0.int(4))] }]
        case "project":
            return [try list("milestones due in the period and missed", ["id", "project", "name", "due_date", "done_date"], """
                SELECT m.id, m.project, m.name, m.due_date, m.done_date FROM milestones m JOIN projects p ON p.id = m.project
                WHERE p.manager \(inOwners) AND m.due_date BETWEEN ?2 AND ?3 AND (m.done_date IS NULL OR m.done_date > m.due_date) ORDER BY m.due_date
                """, [.integer(first), .integer(last)]) { [$0.text(0), $0.text(1), $0.text(2), day($0.int(3)), day($0.optionalInt(4))] },
                try list("inspections with failed items", ["id", "project", "date", "items_checked", "items_failed", "items_reworked"], """
                SELECT i.id, i.project, i.date, i.items_checked, i.items_failed, i.items_reworked FROM inspections i JOIN projects p ON p.id = i.project
                WHERE p.manager \(inOwners) AND i.date BETWEEN ?2 AND ?3 AND i.items_failed > 0 ORDER BY i.items_failed DESC, i.date
                """, [.integer(first), .integer(last)]) { [$0.text(0), $0.text(1), day($0.int(2)), $0.text(3), $0.text(4), $0.text(5)] },
                try list("incidents", ["id", "project", "date", "severity", "description"], """
                SELECT x.id, x.project, x.date, x.severity, x.description FROM incidents x JOIN projects p ON p.id = x.project
                WHERE p.manager \(inOwners) AND x.date BETWEEN ?2 AND ?3 ORDER BY x.severity, x.date
                """, [.integer(first), .integer(last)]) { [$0.text(0), $0.text(1), day($0.int(2)), $0.text(3), $0.optionalText(4) ?? ""] },
                try list("projects finished in the period, by cost over budget", ["id", "name", "actual_end", "budget_cost", "actual_cost"], """
                SELECT id, name, actual_end, COALESCE(budget_cost, 0), COALESCE(actual_cost, 0) FROM projects
                WHERE manager \(inOwners) AND actual_end BETWEEN ?2 AND ?3 ORDER BY COALESCE(actual_cost, 0) - COALESCE(budget_cost, 0) DESC
                """, [.integer(first), .integer(last)]) { [$0.text(0), $0.text(1), day($0.int(2)), money($0.int(3)), money($0.int(4))] }]
        case "sales":
            return [try list("projects signed in the period", ["id", "name", "sales", "signed_date", "contract_amount"], """
                SELECT id, name, sales, signed_date, COALESCE(contract_amount, 0) FROM projects
                WHERE sales \(inOwners) AND signed_date BETWEEN ?2 AND ?3 ORDER BY signed_date
                """, [.integer(first), .integer(last)]) { [$0.text(0), $0.text(1), $0.text(2), day($0.int(3)), money($0.int(4))] }]
        case "warehouse":
            return [try list("stock-count lines that did not match the books", ["id", "date", "sku", "book_qty", "counted_qty", "keeper"], """
                SELECT id, date, sku, book_qty, counted_qty, keeper FROM stock_counts
                WHERE keeper \(inOwners) AND date BETWEEN ?2 AND ?3 AND counted_qty <> book_qty ORDER BY ABS(counted_qty - book_qty) DESC, date
                """, [.integer(first), .integer(last)]) { [$0.text(0), day($0.int(1)), $0.text(2), $0.text(3), $0.text(4), $0.text(5)] },
                try list("stock movements without a document number", ["id", "date", "sku", "direction", "quantity", "keeper"], """
                SELECT id, date, sku, direction, quantity, keeper FROM stock_movements
                WHERE keeper \(inOwners) AND date BETWEEN ?2 AND ?3 AND (document_no IS NULL OR document_no = '') ORDER BY date
                """, [.integer(first), .integer(last)]) { [$0.text(0), day($0.int(1)), $0.text(2), $0.text(3), $0.text(4), $0.text(5)] }]
        case "purchasing":
            return [try list("orders received late or not conforming", ["id", "supplier", "promised_date", "received_date", "conforming"], """
                SELECT id, supplier, promised_date, received_date, conforming FROM purchase_orders
                WHERE buyer \(inOwners) AND received_date BETWEEN ?2 AND ?3 AND (received_date > promised_date OR conforming IS NOT 1) ORDER BY received_date
                """, [.integer(first), .integer(last)]) { [$0.text(0), $0.optionalText(1) ?? "", day($0.int(2)), day($0.int(3)), $0.int(4) == 1 ? "yes" : "no"] }]
        case "recruiting":
            return [try list("requisitions not filled by their date", ["id", "department", "positions", "needed_by", "filled", "filled_date"], """
                SELECT id, department, positions, needed_by, filled, filled_date FROM requisitions
                WHERE recruiter \(inOwners) AND needed_by BETWEEN ?2 AND ?3
                  AND (filled_date IS NULL OR filled_date > needed_by OR COALESCE(filled, 0) < positions) ORDER BY needed_by
                """, [.integer(first), .integer(last)]) { [$0.text(0), $0.optionalText(1) ?? "", $0.text(2), day($0.int(3)), $0.optionalText(4) ?? "0", day($0.optionalInt(5))] }]
        case "activity":
            guard let kind else { return [] }
            return [try list("\(kind) work with errors or done late", ["id", "employee", "date", "quantity", "defects", "late"], """
                SELECT id, employee, date, quantity, defects, late FROM activities
                WHERE employee \(inOwners) AND date BETWEEN ?2 AND ?3 AND kind = ?4 ORDER BY defects + late DESC, date
                """, [.integer(first), .integer(last), .text(kind)]) { [$0.text(0), $0.text(1), day($0.int(2)), $0.text(3), $0.text(4), $0.text(5)] }]
        default:
            return []
        }
    }
}
