import KPIReaders

/// A file of bonus pools (`kpi bonus --pools FILE`): CSV or a workbook's first sheet, with the
/// columns `department` (部门) or `project` (项目), and `amount` (金额), amounts as the import
/// reads them (`1,234.50`, `¥1,234.50`, a number cell).
public enum PoolFile {
    public struct Line: Sendable, Equatable {
        public let department: String?
        public let project: String?
        /// In fen.
        public let amount: Int64
    }

    /// The pools the file lists; every bad row is reported, as for an import.
    public static func read(_ path: String, chinese: Bool) throws -> [Line] {
        var source = try ImportSource.file(path).records(chinese: chinese)
        let names = ["department": "department", "部门": "department", "project": "project", "项目": "project", "amount": "amount", "金额": "amount"]
        var columns: [String: Int] = [:]
        var lines: [Line] = []
        var problems: [ImportProblem] = []
        do {
            try source.forEachRecord { record in
                guard !record.isBlank else { return true }
                guard !columns.isEmpty else {
                    for index in record.fields.indices {
                        if let name = names[HeaderMatch.normalized(record.text(index))] { columns[name] = index }
                    }
                    guard columns["amount"] != nil, (columns["department"] != nil) != (columns["project"] != nil) else {
                        problems.append(ImportProblem(line: record.line, column: 1, chinese
                            ? "表头应是 部门（department）或 项目（project），加 金额（amount）"
                            : "the header must name department or project, and amount"))
                        return false
                    }
                    return true
                }
                func text(_ name: String) -> String? {
                    guard let index = columns[name], index < record.fields.count, !record.fields[index].range.isEmpty else { return nil }
                    return record.text(index)
                }
                let amountColumn = columns["amount"] ?? 0
                let written = text("amount") ?? ""
                let amount = ValueForms.cents(written, numberCell: amountColumn < record.fields.count && record.fields[amountColumn].kind == .number)
                let target = text("department") ?? text("project")
                guard let amount, amount > 0, target != nil else {
                    problems.append(ImportProblem(line: record.line, column: amountColumn + 1, chinese
                        ? "每行要有部门或项目，和大于 0 的金额（如 50,000.00），写的是「\(written)」"
                        : "each row needs a department or project and an amount above 0 (such as 50,000.00), found `\(written)`"))
                    return true
                }
                lines.append(Line(department: text("department"), project: text("project"), amount: amount))
                return true
            }
        } catch let failure as ReadFailure {
            problems.append(ImportProblem(line: failure.line, column: 1, failure.message(chinese: chinese)))
        }
        if problems.isEmpty, lines.isEmpty {
            problems.append(ImportProblem(line: 0, column: 0, chinese ? "文件里没有奖金池" : "the file lists no pool"))
        }
        guard problems.isEmpty else {
            throw ImportError(file: path, sheet: source.sheet, problems: problems, badRows: problems.count)
        }
        return lines
    }
}
