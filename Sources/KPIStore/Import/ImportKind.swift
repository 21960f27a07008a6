/// The sixteen kinds of operational records a CSV file can hold (SPEC §5.1).
public enum ImportKind: String, CaseIterable, Sendable {
    case employees, projects, milestones, inspections, incidents, receivables, collections
    case salesTargets = "sales-targets"
    case items
    case stockMovements = "stock-movements"
    case stockCounts = "stock-counts"
    case purchaseOrders = "purchase-orders"
    case tickets, requisitions, activities, ratings

    /// What a column holds and how its text is checked.
    enum ColumnType: Equatable {
        case text
        case date
        case dateTime
        /// A whole number no smaller than the bound.
        case integer(minimum: Int)
        /// Money with at most two decimals, stored as cents.
        case amount
        /// A non-negative decimal quantity.
        case quantity
        case bool
        case choice([String])
        /// `YYYY-MM`.
        case month
        /// A rating score: a number, checked against the KPI by the caller.
        case score
        case reference(Reference)
    }

    /// What a reference column points at.
    enum Reference: String {
        case employee, project, receivable, sku

        var table: String {
            switch self {
            case .employee: return "employees"
            case .project: return "projects"
            case .receivable: return "receivables"
            case .sku: return "items"
            }
        }

        var keyColumn: String { self == .sku ? "sku" : "id" }

        /// The kind whose file defines these keys.
        var kind: ImportKind {
            switch self {
            case .employee: return .employees
            case .project: return .projects
            case .receivable: return .receivables
            case .sku: return .items
            }
        }
    }

    struct Column {
        let name: String
        let type: ColumnType
        let required: Bool
    }

    public var table: String {
        switch self {
        case .salesTargets: return "sales_targets"
        case .stockMovements: return "stock_movements"
        case .stockCounts: return "stock_counts"
        case .purchaseOrders: return "purchase_orders"
        default: return rawValue
        }
    }

    /// The columns making a row's key.
    var key: [String] {
        switch self {
        case .salesTargets: return ["employee", "period"]
        case .items: return ["sku"]
        case .ratings: return ["period", "employee", "kpi"]
        default: return ["id"]
        }
    }

    private static func required(_ name: String, _ type: ColumnType = .text) -> Column { Column(name: name, type: type, required: true) }
    private static func optional(_ name: String, _ type: ColumnType = .text) -> Column { Column(name: name, type: type, required: false) }
    private static let employee = ColumnType.reference(.employee)
    private static let project = ColumnType.reference(.project)

    /// The columns of the kind's CSV file, in the table's order.
    var columns: [Column] {
        switch self {
        case .employees:
            return [Self.required("id"), Self.required("name"), Self.optional("login"), Self.required("role"),
                    Self.optional("manager", Self.employee), Self.required("hire_date", .date), Self.optional("leave_date", .date),
                    Self.optional("probation_end", .date), Self.optional("probation_passed", .bool)]
        case .projects:
            return [Self.required("id"), Self.required("name"), Self.optional("customer"), Self.required("manager", Self.employee),
                    Self.optional("sales", Self.employee), Self.optional("contract_amount", .amount), Self.optional("signed_date", .date),
                    Self.optional("budget_cost", .amount), Self.optional("actual_cost", .amount), Self.optional("start_date", .date),
                    Self.optional("planned_end", .date), Self.optional("actual_end", .date)]
        case .milestones:
            return [Self.required("id"), Self.required("project", Self.project), Self.required("name"),
                    Self.required("due_date", .date), Self.optional("done_date", .date)]
        case .inspections:
            return [Self.required("id"), Self.required("project", Self.project), Self.required("date", .date),
                    Self.optional("inspector", Self.employee), Self.required("items_checked", .integer(minimum: 0)),
                    Self.required("items_failed", .integer(minimum: 0)), Self.required("items_reworked", .integer(minimum: 0))]
        case .incidents:
            return [Self.required("id"), Self.required("project", Self.project), Self.required("date", .date),
                    Self.required("severity", .choice(["major", "minor"])), Self.optional("description")]
        case .receivables:
            return [Self.required("id"), Self.optional("project", Self.project), Self.optional("customer"),
                    Self.required("owner", Self.employee), Self.required("due_date", .date), Self.required("amount", .amount)]
        case .collections:
            return [Self.required("id"), Self.required("receivable", .reference(.receivable)), Self.required("date", .date),
                    Self.required("amount", .amount)]
        case .salesTargets:
            return [Self.required("employee", Self.employee), Self.required("period", .month), Self.required("amount", .amount)]
        case .items:
            return [Self.required("sku"), Self.required("name"), Self.optional("unit")]
        case .stockMovements:
            return [Self.required("id"), Self.required("date", .date), Self.required("sku", .reference(.sku)),
                    Self.required("direction", .choice(["in", "out", "return"])), Self.required("quantity", .quantity),
                    Self.optional("document_no"), Self.optional("project", Self.project), Self.required("keeper", Self.employee)]
        case .stockCounts:
            return [Self.required("id"), Self.required("date", .date), Self.required("sku", .reference(.sku)),
                    Self.required("book_qty", .quantity), Self.required("counted_qty", .quantity), Self.required("keeper", Self.employee)]
        case .purchaseOrders:
            return [Self.required("id"), Self.optional("supplier"), Self.required("buyer", Self.employee),
                    Self.required("ordered_date", .date), Self.required("promised_date", .date), Self.optional("received_date", .date),
                    Self.optional("conforming", .bool)]
        case .tickets:
            return [Self.required("id"), Self.optional("customer"), Self.optional("project", Self.project),
                    Self.required("priority", .choice(["P1", "P2", "P3"])), Self.required("opened_at", .dateTime),
                    Self.optional("response_due", .dateTime), Self.optional("resolution_due", .dateTime),
                    Self.optional("first_response_at", .dateTime), Self.optional("resolved_at", .dateTime),
                    Self.required("assignee", Self.employee), Self.optional("channel", .choice(["phone", "remote", "onsite"])),
                    Self.optional("visits", .integer(minimum: 0)), Self.optional("satisfaction", .integer(minimum: 1)),
                    Self.optional("reopened", .bool)]
        case .requisitions:
            return [Self.required("id"), Self.optional("department"), Self.required("recruiter", Self.employee),
                    Self.required("positions", .integer(minimum: 1)), Self.required("needed_by", .date),
                    Self.optional("filled", .integer(minimum: 0)), Self.optional("filled_date", .date)]
        case .activities:
            return [Self.required("id"), Self.required("employee", Self.employee), Self.required("date", .date),
                    Self.required("kind"), Self.required("quantity", .quantity), Self.optional("defects", .quantity),
                    Self.optional("late", .quantity)]
        case .ratings:
            return [Self.required("period", .month), Self.required("employee", Self.employee), Self.required("kpi"),
                    Self.required("score", .score), Self.optional("rater", Self.employee), Self.optional("comment")]
        }
    }

    /// The column whose date places a record in a period, for the closed-period check.
    public var periodColumn: String? {
        switch self {
        case .employees, .projects, .items: return nil
        case .milestones: return "due_date"
        case .inspections, .incidents, .collections, .stockMovements, .stockCounts, .activities: return "date"
        case .receivables: return "due_date"
        case .salesTargets, .ratings: return "period"
        case .purchaseOrders: return "received_date"
        case .tickets: return "opened_at"
        case .requisitions: return "needed_by"
        }
    }
}
