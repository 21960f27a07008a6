import CSQLite

/// A prepared statement: bind by position (1-based), step, read columns (0-based).
public final class Statement {
    let database: Database
    let handle: OpaquePointer
    let sql: String

    init(database: Database, sql: String) throws {
        self.database = database
        self.sql = sql
        if let idle = database.idleStatement(sql) {
            handle = idle
            return
        }
        var handle: OpaquePointer?
        let code = sqlite3_prepare_v2(database.handle, sql, -1, &handle, nil)
        guard code == SQLITE_OK, let handle else {
            throw database.error(code, "preparing \(sql.prefix(60))")
        }
        self.handle = handle
    }

    /// The statement goes back to its connection, reset, for the next `prepare` of its SQL.
    deinit {
        database.release(handle, sql: sql)
    }

    /// A value to bind.
    public enum Value: Equatable, Sendable {
        case null
        case integer(Int64)
        case real(Double)
        case text(String)
    }

    public func bind(_ values: [Value]) throws {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
        for (offset, value) in values.enumerated() {
            try bind(value, at: Int32(offset + 1))
        }
    }

    /// Binds one parameter (1-based); text is copied.
    func bind(_ value: Value, at index: Int32) throws {
        let code: Int32
        switch value {
        case .null: code = sqlite3_bind_null(handle, index)
        case .integer(let number): code = sqlite3_bind_int64(handle, index, number)
        case .real(let number): code = sqlite3_bind_double(handle, index, number)
        case .text(let text): code = sqlite3_bind_text(handle, index, text, -1, kpi_sqlite_transient())
        }
        try check(code, index)
    }

    /// Binds UTF-8 text without copying it (SQLITE_STATIC): the bytes must stay where they are
    /// until the statement has run and been reset, as in `execute()`.
    func bind(utf8 bytes: UnsafeBufferPointer<UInt8>, at index: Int32) throws {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return try bind(.text(""), at: index) }
        let code = base.withMemoryRebound(to: CChar.self, capacity: bytes.count) {
            sqlite3_bind_text(handle, index, $0, Int32(bytes.count), nil)
        }
        try check(code, index)
    }

    private func check(_ code: Int32, _ index: Int32) throws {
        guard code == SQLITE_OK else { throw database.error(code, "binding parameter \(index) of \(sql.prefix(60))") }
    }

    /// Runs the statement, as bound, to its end and resets it.
    func execute() throws {
        defer { sqlite3_reset(handle) }
        while try step() {}
    }

    /// What `read` makes of the first row, as bound (nil for no row); resets the statement.
    func first<Value>(_ read: (Statement) -> Value) throws -> Value? {
        defer { sqlite3_reset(handle) }
        return try step() ? read(self) : nil
    }

    /// Steps once; true while a row is available.
    public func step() throws -> Bool {
        let code = sqlite3_step(handle)
        switch code {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default: throw database.error(code, "running \(sql.prefix(60))")
        }
    }

    /// Binds `values` and runs the statement to its end.
    public func run(_ values: [Value] = []) throws {
        try bind(values)
        try execute()
    }

    /// Binds `values` and calls `row` for each result row.
    public func forEach(_ values: [Value] = [], _ row: (Statement) throws -> Void) throws {
        try bind(values)
        while try step() { try row(self) }
        sqlite3_reset(handle)
    }

    /// How many columns each result row has.
    public var columnCount: Int32 { sqlite3_column_count(handle) }

    public func isNull(_ column: Int32) -> Bool { sqlite3_column_type(handle, column) == SQLITE_NULL }
    func isInteger(_ column: Int32) -> Bool { sqlite3_column_type(handle, column) == SQLITE_INTEGER }
    public func int(_ column: Int32) -> Int64 { sqlite3_column_int64(handle, column) }
    public func double(_ column: Int32) -> Double { sqlite3_column_double(handle, column) }
    public func text(_ column: Int32) -> String {
        guard let pointer = sqlite3_column_text(handle, column) else { return "" }
        return String(cString: pointer)
    }
    public func optionalInt(_ column: Int32) -> Int64? { isNull(column) ? nil : int(column) }
    public func optionalText(_ column: Int32) -> String? { isNull(column) ? nil : text(column) }
}
