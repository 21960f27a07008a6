import KPIFormula

/// Every kind `kpi import` reads, in the order their files depend on each other. A new kind is
/// one more declaration here: its table is created from it on the next open of a database, and
/// the reader, the help text and the schema test take it from `all`.
extension ImportKind {
    public static let all: [ImportKind] = [
        .employees, .projects, .milestones, .inspections, .incidents, .receivables, .collections, .salesTargets,
        .items, .stockMovements, .stockCounts, .purchaseOrders, .tickets, .requisitions, .activities, .ratings,
    ]

    private typealias C = Column
    private static let employee = ColumnType.reference(.employee)
    private static let project = ColumnType.reference(.project)

    public static let employees = ImportKind(
        id: "employees", table: "employees", nameZh: "员工", nameEn: "employees",
        columns: [C.required("id", "工号, the employee id"), C.required("name", "姓名"),
                  C.optional("login", "the login kpi knows them by", unique: true),
                  C.required("role", "the role id of the catalog"),
                  C.optional("manager", employee, "直接上级's employee id (in the database or earlier in the file)"),
                  C.required("hire_date", .date, "入职日期"), C.optional("leave_date", .date, "离职日期"),
                  C.optional("probation_end", .date, "试用期截止"), C.optional("probation_passed", .bool, "是否转正")],
        key: ["id"], owner: .none, periodColumn: nil, importRight: "import:hr",
        indexes: [Index(name: "employees_manager", columns: ["manager"])],
        check: { row, context in
            if let role = row.text("role") {
                if let problem = context.checkRole(role) {
                    row.require(false, "role", problem)
                } else if let id = row.text("id"), let problem = context.checkRoleGrant?(id, role) {
                    row.require(false, "role", problem)
                }
            }
            if let manager = row.text("manager"), manager == row.text("id") {
                row.require(false, "manager", "an employee cannot be their own manager")
            }
            row.notBefore("leave_date", "hire_date")
        },
        auditedChanges: ["role", "manager", "hire_date", "leave_date"],
        datedGroups: [DatedGroup(date: "hire_date", with: []), DatedGroup(date: "leave_date", with: []),
                      DatedGroup(date: "probation_end", with: ["probation_passed"])])

    public static let projects = ImportKind(
        id: "projects", table: "projects", nameZh: "项目", nameEn: "projects",
        columns: [C.required("id", "project id"), C.required("name", "project name"), C.optional("customer", "customer"),
                  C.required("manager", employee, "项目经理: owns delivery measures"),
                  C.optional("sales", employee, "the salesperson: owns the signed amount"),
                  C.optional("contract_amount", .amount, "合同金额"), C.optional("signed_date", .date, "签约日期"),
                  C.optional("budget_cost", .amount, "预算成本"), C.optional("actual_cost", .amount, "实际成本"),
                  C.optional("start_date", .date, "开工日期"), C.optional("planned_end", .date, "计划完工"),
                  C.optional("actual_end", .date, "实际完工: places the costs in a period")],
        key: ["id"], owner: .column("manager"), periodColumn: nil, importRight: "import:project",
        indexes: [Index(name: "projects_signed", columns: ["signed_date"]), Index(name: "projects_actual_end", columns: ["actual_end"])],
        check: nil,
        datedGroups: [DatedGroup(date: "signed_date", with: ["contract_amount", "sales"]),
                      DatedGroup(date: "actual_end", with: ["budget_cost", "actual_cost", "manager"])])

    public static let milestones = ImportKind(
        id: "milestones", table: "milestones", nameZh: "里程碑", nameEn: "milestones",
        columns: [C.required("id", "milestone id"), C.required("project", project, "the project"), C.required("name", "milestone"),
                  C.required("due_date", .date, "计划日期"), C.optional("done_date", .date, "完成日期")],
        key: ["id"], owner: .through(column: "project", ownerColumn: "manager"), periodColumn: "due_date", importRight: "import:project",
        indexes: [Index(name: "milestones_due", columns: ["due_date"])], check: nil)

    public static let inspections = ImportKind(
        id: "inspections", table: "inspections", nameZh: "质量检查", nameEn: "quality inspections",
        columns: [C.required("id", "inspection id"), C.required("project", project, "the project"), C.required("date", .date, "检查日期"),
                  C.optional("inspector", employee, "who inspected"),
                  C.required("items_checked", .integer(minimum: 0), "items checked"),
                  C.required("items_failed", .integer(minimum: 0), "of those, failed"),
                  C.required("items_reworked", .integer(minimum: 0), "of the failed, reworked")],
        key: ["id"], owner: .through(column: "project", ownerColumn: "manager"), periodColumn: "date", importRight: "import:project",
        indexes: [Index(name: "inspections_date", columns: ["date"])],
        check: { row, _ in
            if let checked = row.number("items_checked"), let failed = row.number("items_failed"), let reworked = row.number("items_reworked") {
                row.require(failed <= checked, "items_failed", "items_failed (\(Int(failed))) is more than items_checked (\(Int(checked)))")
                row.require(reworked <= failed, "items_reworked", "items_reworked (\(Int(reworked))) is more than items_failed (\(Int(failed)))")
            }
        })

    public static let incidents = ImportKind(
        id: "incidents", table: "incidents", nameZh: "安全质量事故", nameEn: "incidents",
        columns: [C.required("id", "incident id"), C.required("project", project, "the project"), C.required("date", .date, "发生日期"),
                  C.required("severity", .choice(["major", "minor"]), "major (重大) or minor"), C.optional("description", "what happened")],
        key: ["id"], owner: .through(column: "project", ownerColumn: "manager"), periodColumn: "date", importRight: "import:project",
        indexes: [Index(name: "incidents_date", columns: ["date"])], check: nil)

    public static let receivables = ImportKind(
        id: "receivables", table: "receivables", nameZh: "应收款", nameEn: "receivables",
        columns: [C.required("id", "receivable id"), C.optional("project", project, "the project"), C.optional("customer", "customer"),
                  C.required("owner", employee, "who collects it"), C.required("due_date", .date, "到期日"),
                  C.required("amount", .amount, "amount due, above 0")],
        key: ["id"], owner: .column("owner"), periodColumn: "due_date", importRight: "import:sales",
        indexes: [Index(name: "receivables_due", columns: ["due_date"])], check: amountAboveZero)

    public static let collections = ImportKind(
        id: "collections", table: "collections", nameZh: "回款", nameEn: "collections",
        columns: [C.required("id", "collection id"), C.required("receivable", .reference(.receivable), "the receivable paid"),
                  C.required("date", .date, "回款日期"), C.required("amount", .amount, "amount paid, above 0")],
        key: ["id"], owner: .through(column: "receivable", ownerColumn: "owner"), periodColumn: "date", importRight: "import:sales",
        indexes: [Index(name: "collections_date", columns: ["date"]), Index(name: "collections_receivable", columns: ["receivable", "date"])],
        check: amountAboveZero)

    public static let salesTargets = ImportKind(
        id: "sales-targets", table: "sales_targets", nameZh: "销售目标", nameEn: "sales targets",
        columns: [C.required("employee", employee, "the salesperson"), C.required("period", .month, "the month, YYYY-MM"),
                  C.required("amount", .amount, "目标金额")],
        key: ["employee", "period"], owner: .column("employee"), periodColumn: "period", importRight: "import:sales",
        indexes: [Index(name: "sales_targets_period", columns: ["period"])], check: nil)

    public static let items = ImportKind(
        id: "items", table: "items", nameZh: "物料", nameEn: "stock items",
        columns: [C.required("sku", "物料编码"), C.required("name", "物料名称"), C.optional("unit", "单位")],
        key: ["sku"], owner: .none, periodColumn: nil, importRight: "import:warehouse", indexes: [], check: nil)

    public static let stockMovements = ImportKind(
        id: "stock-movements", table: "stock_movements", nameZh: "出入库", nameEn: "stock movements",
        columns: [C.required("id", "movement id"), C.required("date", .date, "日期"), C.required("sku", .reference(.sku), "the item"),
                  C.required("direction", .choice(["in", "out", "return"]), "in 入库, out 出库, return 退库"),
                  C.required("quantity", .quantity, "数量"), C.optional("document_no", "单据号: counts as documented"),
                  C.optional("project", project, "the project it went to"), C.required("keeper", employee, "仓管员")],
        key: ["id"], owner: .column("keeper"), periodColumn: "date", importRight: "import:warehouse",
        indexes: [Index(name: "stock_movements_date", columns: ["date"])], check: nil)

    public static let stockCounts = ImportKind(
        id: "stock-counts", table: "stock_counts", nameZh: "盘点", nameEn: "stock counts",
        columns: [C.required("id", "count line id"), C.required("date", .date, "盘点日期"), C.required("sku", .reference(.sku), "the item"),
                  C.required("book_qty", .quantity, "账面数量"), C.required("counted_qty", .quantity, "实盘数量"),
                  C.required("keeper", employee, "仓管员")],
        key: ["id"], owner: .column("keeper"), periodColumn: "date", importRight: "import:warehouse",
        indexes: [Index(name: "stock_counts_date", columns: ["date"])], check: nil)

    public static let purchaseOrders = ImportKind(
        id: "purchase-orders", table: "purchase_orders", nameZh: "采购订单", nameEn: "purchase orders",
        columns: [C.required("id", "order id"), C.optional("supplier", "供应商"), C.required("buyer", employee, "采购员"),
                  C.required("ordered_date", .date, "下单日期"), C.required("promised_date", .date, "承诺到货"),
                  C.optional("received_date", .date, "实际到货: places the order in a period"),
                  C.optional("conforming", .bool, "到货是否合格")],
        key: ["id"], owner: .column("buyer"), periodColumn: "received_date", importRight: "import:warehouse",
        indexes: [Index(name: "purchase_orders_received", columns: ["received_date"])],
        check: { row, _ in
            row.notBefore("promised_date", "ordered_date")
            row.notBefore("received_date", "ordered_date")
        })

    public static let tickets = ImportKind(
        id: "tickets", table: "tickets", nameZh: "售后工单", nameEn: "service tickets",
        columns: [C.required("id", "工单号"), C.optional("customer", "客户"), C.optional("project", project, "the project"),
                  C.required("priority", .choice(["P1", "P2", "P3"]), "优先级"), C.required("opened_at", .dateTime, "受理时间"),
                  C.optional("response_due", .dateTime, "响应时限 (blank: opened_at + the priority's minutes)", whenBlank: .derived),
                  C.optional("resolution_due", .dateTime, "解决时限 (blank: opened_at + the priority's minutes)", whenBlank: .derived),
                  C.optional("first_response_at", .dateTime, "首次响应时间"), C.optional("resolved_at", .dateTime, "解决时间"),
                  C.required("assignee", employee, "处理人"),
                  C.optional("channel", .choice(["phone", "remote", "onsite"]), "phone 电话, remote 远程, onsite 上门"),
                  C.optional("visits", .integer(minimum: 0), "上门次数"),
                  C.optional("satisfaction", .integer(minimum: 1, maximum: 5), "满意度 1–5"),
                  C.optional("reopened", .bool, "是否重开 (blank: no)", whenBlank: .defaultValue("0"))],
        key: ["id"], owner: .column("assignee"), periodColumn: "opened_at", importRight: "import:service",
        indexes: [Index(name: "tickets_opened", columns: ["opened_at"])],
        check: { row, context in
            row.notBefore("first_response_at", "opened_at")
            row.notBefore("resolved_at", "opened_at")
            if let opened = row.number("opened_at"), let priority = row.text("priority"), let minutes = context.serviceMinutes[priority] {
                let open = LocalTime(seconds: Int(opened))
                row.fill("response_due", .integer(Int64(open.adding(minutes: minutes.respond).seconds)))
                row.fill("resolution_due", .integer(Int64(open.adding(minutes: minutes.resolve).seconds)))
            }
            row.fill("reopened", .integer(0))
        })

    public static let requisitions = ImportKind(
        id: "requisitions", table: "requisitions", nameZh: "招聘需求", nameEn: "requisitions",
        columns: [C.required("id", "requisition id"), C.optional("department", "the department hiring"),
                  C.required("recruiter", employee, "招聘专员"), C.required("positions", .integer(minimum: 1), "需求人数"),
                  C.required("needed_by", .date, "需到岗日期"), C.optional("filled", .integer(minimum: 0), "已到岗人数"),
                  C.optional("filled_date", .date, "到岗日期")],
        key: ["id"], owner: .column("recruiter"), periodColumn: "needed_by", importRight: "import:hr",
        indexes: [Index(name: "requisitions_needed_by", columns: ["needed_by"])],
        check: { row, _ in
            if let filled = row.number("filled"), let positions = row.number("positions") {
                row.require(filled <= positions, "filled", "`filled` (\(Int(filled))) is more than `positions` (\(Int(positions)))")
            }
        })

    public static let activities = ImportKind(
        id: "activities", table: "activities", nameZh: "工作记录", nameEn: "activities",
        columns: [C.required("id", "record id"), C.required("employee", employee, "who did the work"), C.required("date", .date, "日期"),
                  C.required("kind", "the kind of work, as the catalog's formulas name it (凭证, 合同, …)"),
                  C.required("quantity", .quantity, "how many pieces"),
                  C.optional("defects", .quantity, "of those, with errors (blank: 0)", whenBlank: .defaultValue("0")),
                  C.optional("late", .quantity, "of those, late (blank: 0)", whenBlank: .defaultValue("0"))],
        key: ["id"], owner: .column("employee"), periodColumn: "date", importRight: "import:hr",
        indexes: [Index(name: "activities_date", columns: ["date"])],
        check: { row, _ in
            if let quantity = row.number("quantity") {
                for name in ["defects", "late"] {
                    if let part = row.number(name) {
                        row.require(part <= quantity, name, "`\(name)` (\(part.formulaText)) is more than `quantity` (\(quantity.formulaText))")
                    }
                }
            }
            row.fill("defects", .real(0))
            row.fill("late", .real(0))
        })

    public static let ratings = ImportKind(
        id: "ratings", table: "ratings", nameZh: "评分", nameEn: "ratings",
        columns: [C.required("period", .month, "the month, YYYY-MM"), C.required("employee", employee, "who is rated"),
                  C.required("kpi", "a rated KPI's id"), C.required("score", .score, "on the KPI's scale"),
                  C.optional("rater", employee, "who rated (blank: the employee's manager)"), C.optional("comment", "评语")],
        key: ["period", "employee", "kpi"], owner: .column("employee"), periodColumn: "period", importRight: nil,
        indexes: [],
        check: { row, context in
            guard let kpi = row.text("kpi") else { return }
            if let problem = context.checkRatingKPI(kpi) {
                row.require(false, "kpi", problem)
            } else if let score = row.number("score"), let problem = context.checkRatingScore(kpi, score) {
                row.require(false, "score", problem)
            }
            if let employee = row.text("employee"), let problem = context.checkRater?(employee, row.text("rater")) {
                row.require(false, row.inFile.contains("rater") ? "rater" : "employee", problem)
            }
        })

    /// An amount must be above 0 (receivables, collections).
    private static let amountAboveZero: @Sendable (inout RowCheck, ImportContext) -> Void = { row, _ in
        row.require((row.number("amount") ?? 1) > 0, "amount", "`amount` must be above 0")
    }
}
