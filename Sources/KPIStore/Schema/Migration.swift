/// A named schema change. Shipped migrations are never edited: a change is a new migration.
struct Migration {
    let name: String
    let sql: String
}

extension Migration {
    /// Every migration, in the order they apply.
    static let all: [Migration] = [operationalRecords, auditLog, appraisals, checksWithoutLists, scorecardRun, seals, ruleSets, bonus, roleSegments, accounts,
                                    ratersAndLiveScorecards, conversation, ownerInDateIndexes, ownerIndexes,
                                    receivableSettlements]

    static let operationalRecords = Migration(name: "001-operational-records", sql: """
    CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);

    CREATE TABLE employees (
        id TEXT PRIMARY KEY, name TEXT NOT NULL, login TEXT UNIQUE, role TEXT NOT NULL,
        manager TEXT REFERENCES employees(id) DEFERRABLE INITIALLY DEFERRED,
        hire_date INTEGER NOT NULL, leave_date INTEGER, probation_end INTEGER, probation_passed INTEGER
    );
    CREATE INDEX employees_manager ON employees(manager);

    CREATE TABLE projects (
        id TEXT PRIMARY KEY, name TEXT NOT NULL, customer TEXT,
        manager TEXT NOT NULL REFERENCES employees(id) DEFERRABLE INITIALLY DEFERRED,
        sales TEXT REFERENCES employees(id) DEFERRABLE INITIALLY DEFERRED,
        contract_amount INTEGER, signed_date INTEGER, budget_cost INTEGER, actual_cost INTEGER,
        start_date INTEGER, planned_end INTEGER, actual_end INTEGER
    );
    CREATE INDEX projects_signed ON projects(signed_date);
    CREATE INDEX projects_actual_end ON projects(actual_end);

    CREATE TABLE milestones (
        id TEXT PRIMARY KEY, project TEXT NOT NULL REFERENCES projects(id) DEFERRABLE INITIALLY DEFERRED,
        name TEXT NOT NULL, due_date INTEGER NOT NULL, done_date INTEGER
    );
    CREATE INDEX milestones_due ON milestones(due_date);

    CREATE TABLE inspections (
        id TEXT PRIMARY KEY, project TEXT NOT NULL REFERENCES projects(id) DEFERRABLE INITIALLY DEFERRED,
        date INTEGER NOT NULL, inspector TEXT REFERENCES employees(id) DEFERRABLE INITIALLY DEFERRED,
        items_checked INTEGER NOT NULL, items_failed INTEGER NOT NULL, items_reworked INTEGER NOT NULL
    );
    CREATE INDEX inspections_date ON inspections(date);

    CREATE TABLE incidents (
        id TEXT PRIMARY KEY, project TEXT NOT NULL REFERENCES projects(id) DEFERRABLE INITIALLY DEFERRED,
        date INTEGER NOT NULL, severity TEXT NOT NULL CHECK (severity IN ('major', 'minor')), description TEXT
    );
    CREATE INDEX incidents_date ON incidents(date);

    CREATE TABLE receivables (
        id TEXT PRIMARY KEY, project TEXT REFERENCES projects(id) DEFERRABLE INITIALLY DEFERRED, customer TEXT,
        owner TEXT NOT NULL REFERENCES employees(id) DEFERRABLE INITIALLY DEFERRED,
        due_date INTEGER NOT NULL, amount INTEGER NOT NULL
    );
    CREATE INDEX receivables_due ON receivables(due_date);

    CREATE TABLE collections (
        id TEXT PRIMARY KEY, receivable TEXT NOT NULL REFERENCES receivables(id) DEFERRABLE INITIALLY DEFERRED,
        date INTEGER NOT NULL, amount INTEGER NOT NULL
    );
    CREATE INDEX collections_date ON collections(date);
    CREATE INDEX collections_receivable ON collections(receivable, date);

    CREATE TABLE sales_targets (
        employee TEXT NOT NULL REFERENCES employees(id) DEFERRABLE INITIALLY DEFERRED,
        period TEXT NOT NULL, amount INTEGER NOT NULL, PRIMARY KEY (employee, period)
    );
    CREATE INDEX sales_targets_period ON sales_targets(period);

    CREATE TABLE items (sku TEXT PRIMARY KEY, name TEXT NOT NULL, unit TEXT);

    CREATE TABLE stock_movements (
        id TEXT PRIMARY KEY, date INTEGER NOT NULL, sku TEXT NOT NULL REFERENCES items(sku) DEFERRABLE INITIALLY DEFERRED,
        direction TEXT NOT NULL CHECK (direction IN ('in', 'out', 'return')), quantity REAL NOT NULL,
        document_no TEXT, project TEXT REFERENCES projects(id) DEFERRABLE INITIALLY DEFERRED,
        keeper TEXT NOT NULL REFERENCES employees(id) DEFERRABLE INITIALLY DEFERRED
    );
    CREATE INDEX stock_movements_date ON stock_movements(date);

    CREATE TABLE stock_counts (
        id TEXT PRIMARY KEY, date INTEGER NOT NULL, sku TEXT NOT NULL REFERENCES items(sku) DEFERRABLE INITIALLY DEFERRED,
        book_qty REAL NOT NULL, counted_qty REAL NOT NULL,
        keeper TEXT NOT NULL REFERENCES employees(id) DEFERRABLE INITIALLY DEFERRED
    );
    CREATE INDEX stock_counts_date ON stock_counts(date);

    CREATE TABLE purchase_orders (
        id TEXT PRIMARY KEY, supplier TEXT, buyer TEXT NOT NULL REFERENCES employees(id) DEFERRABLE INITIALLY DEFERRED,
        ordered_date INTEGER NOT NULL, promised_date INTEGER NOT NULL, received_date INTEGER, conforming INTEGER
    );
    CREATE INDEX purchase_orders_received ON purchase_orders(received_date);

    CREATE TABLE tickets (
        id TEXT PRIMARY KEY, customer TEXT, project TEXT REFERENCES projects(id) DEFERRABLE INITIALLY DEFERRED,
        priority TEXT NOT NULL CHECK (priority IN ('P1', 'P2', 'P3')), opened_at INTEGER NOT NULL,
        response_due INTEGER NOT NULL, resolution_due INTEGER NOT NULL, first_response_at INTEGER, resolved_at INTEGER,
        assignee TEXT NOT NULL REFERENCES employees(id) DEFERRABLE INITIALLY DEFERRED,
        channel TEXT CHECK (channel IN ('phone', 'remote', 'onsite')), visits INTEGER,
        satisfaction INTEGER CHECK (satisfaction BETWEEN 1 AND 5), reopened INTEGER NOT NULL DEFAULT 0
    );
    CREATE INDEX tickets_opened ON tickets(opened_at);

    CREATE TABLE requisitions (
        id TEXT PRIMARY KEY, department TEXT, recruiter TEXT NOT NULL REFERENCES employees(id) DEFERRABLE INITIALLY DEFERRED,
        positions INTEGER NOT NULL, needed_by INTEGER NOT NULL, filled INTEGER, filled_date INTEGER
    );
    CREATE INDEX requisitions_needed_by ON requisitions(needed_by);

    CREATE TABLE activities (
        id TEXT PRIMARY KEY, employee TEXT NOT NULL REFERENCES employees(id) DEFERRABLE INITIALLY DEFERRED,
        date INTEGER NOT NULL, kind TEXT NOT NULL, quantity REAL NOT NULL, defects REAL NOT NULL DEFAULT 0,
        late REAL NOT NULL DEFAULT 0
    );
    CREATE INDEX activities_date ON activities(date);

    CREATE TABLE ratings (
        period TEXT NOT NULL, employee TEXT NOT NULL REFERENCES employees(id) DEFERRABLE INITIALLY DEFERRED,
        kpi TEXT NOT NULL, score REAL NOT NULL, rater TEXT REFERENCES employees(id) DEFERRABLE INITIALLY DEFERRED,
        comment TEXT, PRIMARY KEY (period, employee, kpi)
    );
    """)

    static let auditLog = Migration(name: "002-audit-log", sql: """
    CREATE TABLE audit_log (
        id INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL, actor TEXT NOT NULL, action TEXT NOT NULL,
        target TEXT NOT NULL, summary TEXT NOT NULL
    );
    CREATE INDEX audit_log_target ON audit_log(target);
    """)

    static let appraisals = Migration(name: "003-appraisals", sql: """
    CREATE TABLE appraisal_periods (
        period TEXT PRIMARY KEY, status TEXT NOT NULL CHECK (status IN ('open', 'closed')),
        opened_at TEXT NOT NULL, last_run_at TEXT, runs INTEGER NOT NULL DEFAULT 0, closed_at TEXT
    );
    CREATE TABLE scorecards (
        period TEXT NOT NULL REFERENCES appraisal_periods(period), employee TEXT NOT NULL REFERENCES employees(id),
        role TEXT NOT NULL, department TEXT NOT NULL, total REAL, raw_grade TEXT, grade TEXT, coefficient REAL,
        PRIMARY KEY (period, employee)
    );
    CREATE TABLE scorecard_kpis (
        period TEXT NOT NULL, employee TEXT NOT NULL, position INTEGER NOT NULL, kpi TEXT NOT NULL,
        weight INTEGER NOT NULL, scope TEXT NOT NULL, value REAL, score REAL, weighted REAL, status TEXT NOT NULL,
        rater TEXT, comment TEXT,
        PRIMARY KEY (period, employee, kpi), FOREIGN KEY (period, employee) REFERENCES scorecards(period, employee)
    );
    CREATE TABLE scorecard_measures (
        period TEXT NOT NULL, employee TEXT NOT NULL, kpi TEXT NOT NULL, measure TEXT NOT NULL, value REAL NOT NULL,
        PRIMARY KEY (period, employee, kpi, measure)
    );
    CREATE INDEX audit_log_at ON audit_log(at);
    """)

    /// SQLite checks `x IN (a, b, c)` by building a temporary table on every execution of the
    /// statement, that is for every imported row; the same checks as comparisons cost nothing.
    /// Rebuilds the two tables whose checks listed three values (tickets: a quarter of an import).
    static let checksWithoutLists = Migration(name: "004-checks-without-lists", sql: """
    CREATE TABLE tickets_rebuilt (
        id TEXT PRIMARY KEY, customer TEXT, project TEXT REFERENCES projects(id) DEFERRABLE INITIALLY DEFERRED,
        priority TEXT NOT NULL CHECK (priority = 'P1' OR priority = 'P2' OR priority = 'P3'), opened_at INTEGER NOT NULL,
        response_due INTEGER NOT NULL, resolution_due INTEGER NOT NULL, first_response_at INTEGER, resolved_at INTEGER,
        assignee TEXT NOT NULL REFERENCES employees(id) DEFERRABLE INITIALLY DEFERRED,
        channel TEXT CHECK (channel = 'phone' OR channel = 'remote' OR channel = 'onsite'), visits INTEGER,
        satisfaction INTEGER CHECK (satisfaction BETWEEN 1 AND 5), reopened INTEGER NOT NULL DEFAULT 0
    );
    INSERT INTO tickets_rebuilt SELECT * FROM tickets;
    DROP TABLE tickets;
    ALTER TABLE tickets_rebuilt RENAME TO tickets;
    CREATE INDEX tickets_opened ON tickets(opened_at);

    CREATE TABLE stock_movements_rebuilt (
        id TEXT PRIMARY KEY, date INTEGER NOT NULL, sku TEXT NOT NULL REFERENCES items(sku) DEFERRABLE INITIALLY DEFERRED,
        direction TEXT NOT NULL CHECK (direction = 'in' OR direction = 'out' OR direction = 'return'), quantity REAL NOT NULL,
        document_no TEXT, project TEXT REFERENCES projects(id) DEFERRABLE INITIALLY DEFERRED,
        keeper TEXT NOT NULL REFERENCES employees(id) DEFERRABLE INITIALLY DEFERRED
    );
    INSERT INTO stock_movements_rebuilt SELECT * FROM stock_movements;
    DROP TABLE stock_movements;
    ALTER TABLE stock_movements_rebuilt RENAME TO stock_movements;
    CREATE INDEX stock_movements_date ON stock_movements(date);
    """)

    /// Each scorecard records the run that wrote it (the period's run count at the time), so
    /// that what one reads can be told apart from what another run wrote. The results kept so far
    /// were written by their period's latest run.
    static let scorecardRun = Migration(name: "005-scorecard-run", sql: """
    ALTER TABLE scorecards ADD COLUMN run INTEGER;
    UPDATE scorecards SET run = (SELECT runs FROM appraisal_periods p WHERE p.period = scorecards.period);
    """)

    /// Each audit entry carries a hash over its content and the entry before it, so that an entry
    /// changed or removed breaks the chain; a closed period carries a digest of its results, so
    /// that results changed after the close are found. Entries written before are sealed when
    /// the database is next opened (`Store.sealAuditLog`).
    static let seals = Migration(name: "006-audit-chain-and-result-digests", sql: """
    ALTER TABLE audit_log ADD COLUMN hash TEXT;
    ALTER TABLE appraisal_periods ADD COLUMN digest TEXT;
    """)

    /// The rules each period was scored by: a catalog's files, kept once per distinct content
    /// (named by their hash), and the rule set of each period's latest run.
    static let ruleSets = Migration(name: "007-rule-sets", sql: """
    CREATE TABLE rule_sets (hash TEXT PRIMARY KEY, catalog_commit TEXT, kept_at TEXT NOT NULL);
    CREATE TABLE rule_set_files (
        rule_set TEXT NOT NULL REFERENCES rule_sets(hash), path TEXT NOT NULL, content TEXT NOT NULL,
        PRIMARY KEY (rule_set, path)
    ) WITHOUT ROWID;
    ALTER TABLE appraisal_periods ADD COLUMN rule_set TEXT REFERENCES rule_sets(hash);
    """)

    /// Bonus pools shared by weight: each employee's optional bonus base, and the shares of a
    /// period's pools, in fen.
    static let bonus = Migration(name: "008-bonus", sql: """
    ALTER TABLE employees ADD COLUMN bonus_base REAL;
    CREATE TABLE bonus_shares (
        period TEXT NOT NULL, pool TEXT NOT NULL, employee TEXT NOT NULL REFERENCES employees(id),
        base REAL NOT NULL, coefficient REAL, days INTEGER NOT NULL, weight REAL NOT NULL, amount INTEGER NOT NULL, reason TEXT,
        PRIMARY KEY (period, pool, employee)
    ) WITHOUT ROWID;
    """)

    /// A month with two roles is scored for each over its own days: each segment's role, days,
    /// total and lines, beside the combined scorecard.
    static let roleSegments = Migration(name: "009-role-segments", sql: """
    CREATE TABLE scorecard_segments (
        period TEXT NOT NULL, employee TEXT NOT NULL, position INTEGER NOT NULL, role TEXT NOT NULL, department TEXT NOT NULL,
        from_day INTEGER NOT NULL, to_day INTEGER NOT NULL, total REAL,
        PRIMARY KEY (period, employee, position), FOREIGN KEY (period, employee) REFERENCES scorecards(period, employee)
    ) WITHOUT ROWID;
    CREATE TABLE scorecard_segment_kpis (
        period TEXT NOT NULL, employee TEXT NOT NULL, segment INTEGER NOT NULL, position INTEGER NOT NULL, kpi TEXT NOT NULL,
        weight INTEGER NOT NULL, scope TEXT NOT NULL, value REAL, score REAL, weighted REAL, status TEXT NOT NULL,
        rater TEXT, comment TEXT,
        PRIMARY KEY (period, employee, segment, position)
    ) WITHOUT ROWID;
    """)

    /// Logins for `kpi serve`: an account per employee login with its bcrypt hash, the sessions
    /// and API tokens (kept as SHA-256 hashes, never in clear), and failed logins for throttling.
    static let accounts = Migration(name: "010-accounts", sql: """
    CREATE TABLE accounts (
        login TEXT PRIMARY KEY, password_hash TEXT NOT NULL, disabled INTEGER NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL, changed_at TEXT NOT NULL
    ) WITHOUT ROWID;
    CREATE TABLE sessions (
        token_hash TEXT PRIMARY KEY, login TEXT NOT NULL REFERENCES accounts(login), csrf TEXT NOT NULL,
        expires_at INTEGER NOT NULL
    ) WITHOUT ROWID;
    CREATE TABLE api_tokens (
        token_hash TEXT PRIMARY KEY, login TEXT NOT NULL REFERENCES accounts(login), name TEXT NOT NULL,
        created_at TEXT NOT NULL, revoked_at TEXT
    ) WITHOUT ROWID;
    CREATE UNIQUE INDEX api_tokens_name ON api_tokens(login, name) WHERE revoked_at IS NULL;
    CREATE TABLE login_failures (login TEXT NOT NULL, at INTEGER NOT NULL);
    CREATE INDEX login_failures_login ON login_failures(login, at);
    """)

    /// A rated KPI has several raters, each by their relation to the rated employee: a rating is
    /// kept per relation, with its time (those entered before are the manager's). A scorecard
    /// says when it was computed: by a run, or again after a rating.
    static let ratersAndLiveScorecards = Migration(name: "011-raters-and-live-scorecards", sql: """
    ALTER TABLE ratings RENAME TO ratings_010;
    CREATE TABLE ratings (
        "period" TEXT NOT NULL, "employee" TEXT NOT NULL REFERENCES employees(id) DEFERRABLE INITIALLY DEFERRED,
        "kpi" TEXT NOT NULL, "relation" TEXT NOT NULL, "score" REAL NOT NULL,
        "rater" TEXT REFERENCES employees(id) DEFERRABLE INITIALLY DEFERRED, "comment" TEXT, "rated_at" INTEGER NOT NULL,
        PRIMARY KEY ("period", "employee", "kpi", "relation")
    );
    INSERT INTO ratings (period, employee, kpi, relation, score, rater, comment, rated_at)
        SELECT period, employee, kpi, 'manager', score, rater, comment, CAST(strftime('%s', 'now', 'localtime') AS INTEGER) FROM ratings_010;
    DROP TABLE ratings_010;
    ALTER TABLE scorecards ADD COLUMN computed_at TEXT;
    UPDATE scorecards SET computed_at = (SELECT last_run_at FROM appraisal_periods p WHERE p.period = scorecards.period);
    """)

    /// The appraisal as a conversation: who confirmed their scorecard, the objections (申诉) with
    /// their outcome, and the grades HR or a head calibrated (校准) with the reason.
    static let conversation = Migration(name: "012-confirmations-objections-calibrations", sql: """
    CREATE TABLE confirmations (
        period TEXT NOT NULL, employee TEXT NOT NULL REFERENCES employees(id), confirmed_at TEXT NOT NULL,
        PRIMARY KEY (period, employee)
    ) WITHOUT ROWID;
    CREATE TABLE objections (
        id INTEGER PRIMARY KEY AUTOINCREMENT, period TEXT NOT NULL, employee TEXT NOT NULL REFERENCES employees(id),
        kpi TEXT NOT NULL, reason TEXT NOT NULL, raised_at TEXT NOT NULL,
        status TEXT NOT NULL DEFAULT 'open' CHECK (status = 'open' OR status = 'accepted' OR status = 'rejected'),
        resolution TEXT, resolved_by TEXT, resolved_at TEXT
    );
    CREATE INDEX objections_period ON objections(period, employee);
    CREATE TABLE calibrations (
        period TEXT NOT NULL, employee TEXT NOT NULL REFERENCES employees(id), grade TEXT NOT NULL, from_grade TEXT,
        reason TEXT NOT NULL, calibrated_by TEXT NOT NULL, calibrated_at TEXT NOT NULL,
        PRIMARY KEY (period, employee)
    ) WITHOUT ROWID;
    """)

    /// The date index of each kind whose records one person's explanation lists carries the
    /// owner too, so that one person's rows of a month are found in the index without reading
    /// everyone's: the cost of an `explain` follows the person, not the company.
    static let ownerInDateIndexes = Migration(name: "013-owner-in-date-indexes", sql: """
    DROP INDEX tickets_opened; CREATE INDEX tickets_opened ON tickets(opened_at, assignee);
    DROP INDEX stock_movements_date; CREATE INDEX stock_movements_date ON stock_movements(date, keeper);
    DROP INDEX stock_counts_date; CREATE INDEX stock_counts_date ON stock_counts(date, keeper);
    DROP INDEX purchase_orders_received; CREATE INDEX purchase_orders_received ON purchase_orders(received_date, buyer);
    DROP INDEX receivables_due; CREATE INDEX receivables_due ON receivables(due_date, owner);
    DROP INDEX requisitions_needed_by; CREATE INDEX requisitions_needed_by ON requisitions(needed_by, recruiter);
    DROP INDEX activities_date; CREATE INDEX activities_date ON activities(date, employee);
    """)

    /// The same kinds gain an index that leads with the owner, so that one person's rows of a
    /// month are a range of their own: with the owner second, `explain` still read the whole
    /// month's index entries to find them (a million tickets at 50,000 people). The date
    /// indexes stay for the run, which reads everyone's month.
    static let ownerIndexes = Migration(name: "014-owner-indexes", sql: """
    CREATE INDEX tickets_assignee ON tickets(assignee, opened_at);
    CREATE INDEX stock_movements_keeper ON stock_movements(keeper, date);
    CREATE INDEX stock_counts_keeper ON stock_counts(keeper, date);
    CREATE INDEX purchase_orders_buyer ON purchase_orders(buyer, received_date);
    CREATE INDEX receivables_owner ON receivables(owner, due_date);
    CREATE INDEX requisitions_recruiter ON requisitions(recruiter, needed_by);
    CREATE INDEX activities_employee ON activities(employee, date);
    """)

    /// The day each receivable was fully collected: the first collection date by which its
    /// collections reach its amount (NULL while they do not). `billing.overdue` at a day sums the
    /// receivables due by then and not settled by then, found through the index on the day
    /// settled instead of reading every receivable ever due: the run's cost follows the open
    /// receivables, not the years kept. Triggers keep it as receivables and collections change,
    /// whoever writes them.
    static let receivableSettlements = Migration(name: "015-receivable-settlements", sql: """
    CREATE TABLE receivable_settlements (
        receivable TEXT PRIMARY KEY REFERENCES receivables(id) ON DELETE CASCADE, settled_on INTEGER
    ) WITHOUT ROWID;
    INSERT INTO receivable_settlements (receivable, settled_on) SELECT r.id, \(settledOn("r")) FROM receivables r;
    CREATE INDEX receivable_settlements_open ON receivable_settlements(settled_on);
    CREATE TRIGGER receivables_settlement_insert AFTER INSERT ON receivables BEGIN
        INSERT INTO receivable_settlements (receivable, settled_on) VALUES (NEW.id, \(settledOn("NEW")))
            ON CONFLICT (receivable) DO UPDATE SET settled_on = excluded.settled_on;
    END;
    CREATE TRIGGER receivables_settlement_amount AFTER UPDATE OF amount ON receivables BEGIN
        UPDATE receivable_settlements SET settled_on = \(settledOn("NEW")) WHERE receivable = NEW.id;
    END;
    CREATE TRIGGER collections_settlement_insert AFTER INSERT ON collections BEGIN
        \(settle("NEW.receivable"))
    END;
    CREATE TRIGGER collections_settlement_update AFTER UPDATE OF receivable, date, amount ON collections BEGIN
        \(settle("OLD.receivable")) \(settle("NEW.receivable"))
    END;
    CREATE TRIGGER collections_settlement_delete AFTER DELETE ON collections BEGIN
        \(settle("OLD.receivable"))
    END;
    """)

    /// The day receivable `r` (a row of `receivables`, by name) was settled: the first date at
    /// which its collections up to and including that date reach its amount.
    private static func settledOn(_ r: String) -> String {
        """
        (SELECT MIN(day) FROM (SELECT c.date AS day, SUM(c.amount) OVER (ORDER BY c.date) AS paid
                               FROM collections c WHERE c.receivable = \(r).id) WHERE paid >= \(r).amount)
        """
    }

    /// The statement that works the day settled out again for the receivable whose id is `id`.
    private static func settle(_ id: String) -> String {
        "UPDATE receivable_settlements SET settled_on = (SELECT \(settledOn("r")) FROM receivables r WHERE r.id = \(id)) WHERE receivable = \(id);"
    }
}
