import KPIFormula

/// Every kind `kpi import` reads, in the order their files depend on each other. A new kind is
/// one more declaration here: its table is created from it on the next open of a database, and
/// the reader, the help text and the schema test take it from `all`.
extension ImportKind {
    public static let all: [ImportKind] = [
        .employees, .roleChanges, .projects, .assignments, .milestones, .inspections, .incidents, .receivables, .collections, .salesTargets,
        .items, .stockMovements, .stockCounts, .purchaseOrders, .tickets, .requisitions, .activities, .ratings,
    ]

    private typealias C = Column
    private static let employee = ColumnType.reference(.employee)
    private static let project = ColumnType.reference(.project)

    public static let employees = ImportKind(
        id: "employees", table: "employees", nameZh: "员工", nameEn: "employees",
        columns: [C.required("id", "工号", "the employee id"), C.required("name", "姓名", "the person's name"),
                  C.optional("login", "登录名", "the login kpi knows them by", unique: true),
                  C.required("role", "岗位", "the role: its id in the catalog, or its Chinese name"),
                  C.optional("manager", "直接上级", employee, "their manager's employee id (in the database or anywhere in the file)"),
                  C.required("hire_date", "入职日期", .date, "the day they joined"), C.optional("leave_date", "离职日期", .date, "the day they left"),
                  C.optional("probation_end", "试用期截止", .date, "the end of probation"), C.optional("probation_passed", "是否转正", .bool, "whether probation was passed"),
                  C.optional("bonus_base", "奖金基数", .quantity, "the base of their share of a bonus pool (blank: 1)")],
        key: ["id"], owner: .none, periodColumn: nil, importRight: "import:hr",
        indexes: [Index(name: "employees_manager", columns: ["manager"])],
        check: { row, context in
            checkRole(&row, context, of: "id")
            if let manager = row.text("manager"), manager == row.text("id") {
                row.report("manager", zh: "员工不能是自己的直接上级", en: "an employee cannot be their own manager")
            }
            row.notBefore("leave_date", "hire_date")
        },
        auditedChanges: ["role", "manager", "hire_date", "leave_date"],
        datedGroups: [DatedGroup(date: "hire_date", with: []), DatedGroup(date: "leave_date", with: []),
                      DatedGroup(date: "probation_end", with: ["probation_passed"])])

    /// A role history: from `from` on, the employee holds `role`. The days before an employee's
    /// first change are held in the role the employees file names.
    public static let roleChanges = ImportKind(
        id: "role-changes", table: "role_changes", nameZh: "调岗", nameEn: "role changes",
        columns: [C.required("employee", "工号", employee, "who changes role"),
                  C.required("role", "岗位", "the role held from that day: its id in the catalog, or its Chinese name"),
                  C.required("from", "生效日期", .date, "the first day in the role")],
        key: ["employee", "from"], owner: .column("employee"), periodColumn: "from", importRight: "import:hr",
        indexes: [],
        check: { row, context in checkRole(&row, context, of: "employee") },
        auditedChanges: ["role"])

    public static let assignments = ImportKind(
        id: "assignments", table: "assignments", nameZh: "项目派工", nameEn: "project-group assignments",
        columns: [C.required("id", "派工编号", "the assignment's id"), C.required("employee", "工号", employee, "who is lent to the project group"),
                  C.required("project", "项目", project, "the project"), C.required("from", "开始日期", .date, "the first day in the group"),
                  C.optional("to", "结束日期", .date, "the last day (blank: still assigned)"),
                  C.optional("role_in_project", "项目角色", "what they do there (现场工程师, 调试)")],
        key: ["id"], owner: .column("employee"), periodColumn: "from", importRight: "import:project",
        indexes: [],
        check: { row, _ in row.notBefore("to", "from") })

    /// A row's role, written by its id or its name (售后工程师 stands for its id), must be in the
    /// catalog and one the importer may grant to the employee in column `employee`.
    private static func checkRole(_ row: inout RowCheck, _ context: ImportContext, of employee: String) {
        guard let written = row.text("role") else { return }
        let role = context.checkRole(written) == nil ? written : context.roleByName?(written) ?? written
        if role != written { row.replace("role", .text(role)) }
        if let problem = context.checkRole(role) {
            row.require(false, "role", problem)
        } else if let id = row.text(employee), let problem = context.checkRoleGrant?(id, role) {
            row.require(false, "role", problem)
        }
    }

    public static let projects = ImportKind(
        id: "projects", table: "projects", nameZh: "项目", nameEn: "projects",
        columns: [C.required("id", "项目编号", "project id"), C.required("name", "项目名称", "project name"), C.optional("customer", "客户", "customer"),
                  C.required("manager", "项目经理", employee, "owns delivery measures"),
                  C.optional("sales", "销售", employee, "the salesperson: owns the signed amount"),
                  C.optional("contract_amount", "合同金额", .amount, "the contract amount"), C.optional("signed_date", "签约日期", .date, "the day the contract was signed"),
                  C.optional("budget_cost", "预算成本", .amount, "the budgeted cost"), C.optional("actual_cost", "实际成本", .amount, "the actual cost"),
                  C.optional("start_date", "开工日期", .date, "the start"), C.optional("planned_end", "计划完工", .date, "the planned end"),
                  C.optional("actual_end", "实际完工", .date, "places the costs in a period")],
        key: ["id"], owner: .column("manager"), periodColumn: nil, importRight: "import:project",
        indexes: [Index(name: "projects_signed", columns: ["signed_date"]), Index(name: "projects_actual_end", columns: ["actual_end"])],
        check: nil,
        datedGroups: [DatedGroup(date: "signed_date", with: ["contract_amount", "sales"]),
                      DatedGroup(date: "actual_end", with: ["budget_cost", "actual_cost", "manager"])])

    public static let milestones = ImportKind(
        id: "milestones", table: "milestones", nameZh: "里程碑", nameEn: "milestones",
        columns: [C.required("id", "里程碑编号", "milestone id"), C.required("project", "项目", project, "the project"), C.required("name", "里程碑", "milestone"),
                  C.required("due_date", "计划日期", .date, "the planned day"), C.optional("done_date", "完成日期", .date, "the day it was done")],
        key: ["id"], owner: .through(column: "project", ownerColumn: "manager"), periodColumn: "due_date", importRight: "import:project",
        indexes: [Index(name: "milestones_due", columns: ["due_date"])], check: nil)

    public static let inspections = ImportKind(
        id: "inspections", table: "inspections", nameZh: "质量检查", nameEn: "quality inspections",
        columns: [C.required("id", "检查编号", "inspection id"), C.required("project", "项目", project, "the project"), C.required("date", "检查日期", .date, "the day of the inspection"),
                  C.optional("inspector", "检查人", employee, "who inspected"),
                  C.required("items_checked", "检查项数", .integer(minimum: 0), "items checked"),
                  C.required("items_failed", "不合格项数", .integer(minimum: 0), "of those, failed"),
                  C.required("items_reworked", "整改项数", .integer(minimum: 0), "of the failed, reworked")],
        key: ["id"], owner: .through(column: "project", ownerColumn: "manager"), periodColumn: "date", importRight: "import:project",
        indexes: [Index(name: "inspections_date", columns: ["date"])],
        check: { row, _ in
            row.notMore("items_failed", than: "items_checked")
            row.notMore("items_reworked", than: "items_failed")
        })

    public static let incidents = ImportKind(
        id: "incidents", table: "incidents", nameZh: "安全质量事故", nameEn: "incidents",
        columns: [C.required("id", "事故编号", "incident id"), C.required("project", "项目", project, "the project"), C.required("date", "发生日期", .date, "the day it happened"),
                  C.required("severity", "严重程度", .choice(["major", "minor"], names: ["重大", "一般"]), "major or minor"), C.optional("description", "事故描述", "what happened")],
        key: ["id"], owner: .through(column: "project", ownerColumn: "manager"), periodColumn: "date", importRight: "import:project",
        indexes: [Index(name: "incidents_date", columns: ["date"])], check: nil)

    public static let receivables = ImportKind(
        id: "receivables", table: "receivables", nameZh: "应收款", nameEn: "receivables",
        columns: [C.required("id", "应收编号", "receivable id"), C.optional("project", "项目", project, "the project"), C.optional("customer", "客户", "customer"),
                  C.required("owner", "催收人", employee, "who collects it"), C.required("due_date", "到期日", .date, "the day it falls due"),
                  C.required("amount", "应收金额", .amount, "amount due, above 0")],
        key: ["id"], owner: .column("owner"), periodColumn: "due_date", importRight: "import:sales",
        indexes: [Index(name: "receivables_due", columns: ["due_date", "owner"]), Index(name: "receivables_owner", columns: ["owner", "due_date"])], check: amountAboveZero)

    public static let collections = ImportKind(
        id: "collections", table: "collections", nameZh: "回款", nameEn: "collections",
        columns: [C.required("id", "回款编号", "collection id"), C.required("receivable", "应收编号", .reference(.receivable), "the receivable paid"),
                  C.required("date", "回款日期", .date, "the day it was paid"), C.required("amount", "回款金额", .amount, "amount paid, above 0")],
        key: ["id"], owner: .through(column: "receivable", ownerColumn: "owner"), periodColumn: "date", importRight: "import:sales",
        indexes: [Index(name: "collections_date", columns: ["date"]), Index(name: "collections_receivable", columns: ["receivable", "date"])],
        check: amountAboveZero)

    public static let salesTargets = ImportKind(
        id: "sales-targets", table: "sales_targets", nameZh: "销售目标", nameEn: "sales targets",
        columns: [C.required("employee", "销售", employee, "the salesperson"), C.required("period", "月份", .month, "the month, YYYY-MM"),
                  C.required("amount", "目标金额", .amount, "the month's target")],
        key: ["employee", "period"], owner: .column("employee"), periodColumn: "period", importRight: "import:sales",
        indexes: [Index(name: "sales_targets_period", columns: ["period"])], check: nil)

    public static let items = ImportKind(
        id: "items", table: "items", nameZh: "物料", nameEn: "stock items",
        columns: [C.required("sku", "物料编码", "the item's code"), C.required("name", "物料名称", "the item's name"), C.optional("unit", "单位", "the unit counted in")],
        key: ["sku"], owner: .none, periodColumn: nil, importRight: "import:warehouse", indexes: [], check: nil)

    public static let stockMovements = ImportKind(
        id: "stock-movements", table: "stock_movements", nameZh: "出入库", nameEn: "stock movements",
        columns: [C.required("id", "出入库编号", "movement id"), C.required("date", "日期", .date, "the day"), C.required("sku", "物料编码", .reference(.sku), "the item"),
                  C.required("direction", "出入库类型", .choice(["in", "out", "return"], names: ["入库", "出库", "退库"]), "in, out or return"),
                  C.required("quantity", "数量", .quantity, "how many"), C.optional("document_no", "单据号", "counts as documented"),
                  C.optional("project", "项目", project, "the project it went to"), C.required("keeper", "仓管员", employee, "the warehouse keeper")],
        key: ["id"], owner: .column("keeper"), periodColumn: "date", importRight: "import:warehouse",
        indexes: [Index(name: "stock_movements_date", columns: ["date", "keeper"]), Index(name: "stock_movements_keeper", columns: ["keeper", "date"])], check: nil)

    public static let stockCounts = ImportKind(
        id: "stock-counts", table: "stock_counts", nameZh: "盘点", nameEn: "stock counts",
        columns: [C.required("id", "盘点编号", "count line id"), C.required("date", "盘点日期", .date, "the day of the count"), C.required("sku", "物料编码", .reference(.sku), "the item"),
                  C.required("book_qty", "账面数量", .quantity, "the quantity on the books"), C.required("counted_qty", "实盘数量", .quantity, "the quantity counted"),
                  C.required("keeper", "仓管员", employee, "the warehouse keeper")],
        key: ["id"], owner: .column("keeper"), periodColumn: "date", importRight: "import:warehouse",
        indexes: [Index(name: "stock_counts_date", columns: ["date", "keeper"]), Index(name: "stock_counts_keeper", columns: ["keeper", "date"])], check: nil)

    public static let purchaseOrders = ImportKind(
        id: "purchase-orders", table: "purchase_orders", nameZh: "采购订单", nameEn: "purchase orders",
        columns: [C.required("id", "订单号", "order id"), C.optional("supplier", "供应商", "the supplier"), C.required("buyer", "采购员", employee, "the buyer"),
                  C.required("ordered_date", "下单日期", .date, "the day it was ordered"), C.required("promised_date", "承诺到货日期", .date, "the day delivery was promised"),
                  C.optional("received_date", "实际到货日期", .date, "the day it arrived: places the order in a period"),
                  C.optional("conforming", "到货是否合格", .bool, "whether the delivery conformed")],
        key: ["id"], owner: .column("buyer"), periodColumn: "received_date", importRight: "import:warehouse",
        indexes: [Index(name: "purchase_orders_received", columns: ["received_date", "buyer"]), Index(name: "purchase_orders_buyer", columns: ["buyer", "received_date"])],
        check: { row, _ in
            row.notBefore("promised_date", "ordered_date")
            row.notBefore("received_date", "ordered_date")
        })

    public static let tickets = ImportKind(
        id: "tickets", table: "tickets", nameZh: "售后工单", nameEn: "service tickets",
        columns: [C.required("id", "工单号", "the ticket number"), C.optional("customer", "客户", "the customer"), C.optional("project", "项目", project, "the project"),
                  C.required("priority", "优先级", .choice(["P1", "P2", "P3"]), "the priority, or its name in the catalog's service levels (高, 中, 低)"), C.required("opened_at", "受理时间", .dateTime, "when the ticket was opened"),
                  C.optional("response_due", "响应时限", .dateTime, "the response deadline (blank: opened_at + the priority's minutes)", whenBlank: .derived),
                  C.optional("resolution_due", "解决时限", .dateTime, "the resolution deadline (blank: opened_at + the priority's minutes)", whenBlank: .derived),
                  C.optional("first_response_at", "首次响应时间", .dateTime, "when someone first responded"), C.optional("resolved_at", "解决时间", .dateTime, "when it was resolved"),
                  C.required("assignee", "处理人", employee, "who handled it"),
                  C.optional("channel", "渠道", .choice(["phone", "remote", "onsite"], names: ["电话", "远程", "上门"]), "phone, remote or onsite"),
                  C.optional("visits", "上门次数", .integer(minimum: 0), "on-site visits"),
                  C.optional("satisfaction", "满意度", .integer(minimum: 1, maximum: 5), "the customer's rating, 1–5"),
                  C.optional("reopened", "是否重开", .bool, "whether it was reopened (blank: no)", whenBlank: .defaultValue("0"))],
        key: ["id"], owner: .column("assignee"), periodColumn: "opened_at", importRight: "import:service",
        indexes: [Index(name: "tickets_opened", columns: ["opened_at", "assignee"]), Index(name: "tickets_assignee", columns: ["assignee", "opened_at"])],
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
        columns: [C.required("id", "需求编号", "requisition id"), C.optional("department", "部门", "the department hiring"),
                  C.required("recruiter", "招聘专员", employee, "the recruiter"), C.required("positions", "需求人数", .integer(minimum: 1), "positions to fill"),
                  C.required("needed_by", "需到岗日期", .date, "the day they are needed by"), C.optional("filled", "已到岗人数", .integer(minimum: 0), "positions filled"),
                  C.optional("filled_date", "到岗日期", .date, "the day the last one started")],
        key: ["id"], owner: .column("recruiter"), periodColumn: "needed_by", importRight: "import:hr",
        indexes: [Index(name: "requisitions_needed_by", columns: ["needed_by", "recruiter"]), Index(name: "requisitions_recruiter", columns: ["recruiter", "needed_by"])],
        check: { row, _ in
            row.notMore("filled", than: "positions")
        })

    public static let activities = ImportKind(
        id: "activities", table: "activities", nameZh: "工作记录", nameEn: "activities",
        columns: [C.required("id", "记录编号", "record id"), C.required("employee", "员工", employee, "who did the work"), C.required("date", "日期", .date, "the day"),
                  C.required("kind", "工作类型", "the kind of work, as the catalog's formulas name it (凭证, 合同, …)"),
                  C.required("quantity", "数量", .quantity, "how many pieces"),
                  C.optional("defects", "差错数", .quantity, "of those, with errors (blank: 0)", whenBlank: .defaultValue("0")),
                  C.optional("late", "延误数", .quantity, "of those, late (blank: 0)", whenBlank: .defaultValue("0"))],
        key: ["id"], owner: .column("employee"), periodColumn: "date", importRight: "import:hr",
        indexes: [Index(name: "activities_date", columns: ["date", "employee"]), Index(name: "activities_employee", columns: ["employee", "date"])],
        check: { row, _ in
            row.notMore("defects", than: "quantity")
            row.notMore("late", than: "quantity")
            row.fill("defects", .real(0))
            row.fill("late", .real(0))
        })

    public static let ratings = ImportKind(
        id: "ratings", table: "ratings", nameZh: "评分", nameEn: "ratings",
        columns: [C.required("period", "月份", .month, "the month, YYYY-MM"), C.required("employee", "被评人", employee, "who is rated"),
                  C.required("kpi", "指标", "a rated KPI's id"),
                  C.optional("relation", "评分关系", .text, "the rater's relation to them: manager, department-head, hr or self (blank: the first of the KPI's raters the rater is)",
                             whenBlank: .derived),
                  C.required("score", "评分", .score, "on the KPI's scale (a row of a rating form left blank is skipped)"),
                  C.optional("rater", "评分人", employee, "who rated (blank: the employee's manager)"), C.optional("comment", "评语", "the rater's comment"),
                  C.optional("rated_at", "评分时间", .dateTime, "when it was rated (blank: when imported)", whenBlank: .derived)],
        key: ["period", "employee", "kpi", "relation"], owner: .column("employee"), periodColumn: "period", importRight: nil,
        indexes: [],
        check: { row, context in
            row.fill("rated_at", .integer(Int64(LocalTime.now.seconds)))
            guard let kpi = row.text("kpi") else { return }
            if let problem = context.checkRatingKPI(kpi) { return row.require(false, "kpi", problem) }
            if let score = row.number("score"), let problem = context.checkRatingScore(kpi, score) {
                row.require(false, "score", problem)
            }
            guard let employee = row.text("employee"), let checkRater = context.checkRater else { return }
            switch checkRater(employee, row.text("rater"), kpi, row.text("period"), row.text("relation")) {
            case .rates(let rater, let relation):
                row.fill("rater", .text(rater))
                row.fill("relation", .text(relation))
            case .refused(let problem):
                row.require(false, row.inFile.contains("rater") ? "rater" : "employee", problem)
            }
        },
        unfilled: "score")

    /// An amount must be above 0 (receivables, collections).
    private static let amountAboveZero: @Sendable (inout RowCheck, ImportContext) -> Void = { row, _ in
        if let amount = row.number("amount"), amount <= 0 {
            let label = row.label("amount")
            row.report("amount", zh: "\(label)必须大于 0", en: "\(label) must be above 0")
        }
    }
}
