import Foundation
import Testing

@Suite("kpi catalog, roles and kpis, run as a user runs them")
struct CatalogCommandTests {
    @Test("the shipped catalog passes its own check")
    func shippedCatalogIsValid() throws {
        let result = try KpiRunner.run(["catalog", "check"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("catalog OK: "))
        #expect(result.stderr.isEmpty)
    }

    @Test("planted problems are each reported at file and line, and the exit code is 1")
    func plantedProblems() throws {
        let catalog = try copyOfShippedCatalog()
        defer { try? FileManager.default.removeItem(at: catalog) }
        try edit(catalog, "roles/after-sales-engineer.yaml", "reports_to: after-sales-manager", "reports_to: after-sales-manger")
        try edit(catalog, "kpi-definitions/customer-satisfaction.yaml", "formula: service.satisfaction_total / service.rated",
                 "formula: service.satisfaction_total / service.rate")
        try "id: [broken\n".write(to: catalog.appendingPathComponent("roles/broken.yaml"), atomically: false, encoding: .utf8)
        let result = try KpiRunner.run(["catalog", "check", "--catalog", catalog.path])
        #expect(result.status == 1)
        let lines = result.stderr.split(separator: "\n").map { $0.replacingOccurrences(of: catalog.path + "/", with: "") }
        #expect(lines.contains("roles/after-sales-engineer.yaml:7:13: unknown role `after-sales-manger`; did you mean `after-sales-manager`?"))
        #expect(lines.contains("kpi-definitions/customer-satisfaction.yaml:11:39: in formula at column 30: unknown measure `service.rate`; did you mean `service.rated`?"))
        #expect(lines.contains { $0.hasPrefix("roles/broken.yaml:") && $0.contains("YAML syntax error") })
        #expect(lines.last == "catalog check failed: 3 problems")
        #expect(result.stdout.isEmpty)
    }

    @Test("a role is shown by its alias, with derived subordinates and its KPIs")
    func roleByAlias() throws {
        let result = try KpiRunner.run(["roles", "show", "售后工程师", "--lang", "zh"])
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("售后维修工程师  After-sales Service Engineer  [after-sales-engineer]"))
        #expect(result.stdout.contains("直接上级    售后部经理 [after-sales-manager]"))
        #expect(result.stdout.contains("service-on-time-response"))
    }

    @Test("an unknown role is a usage error with a suggestion")
    func unknownRole() throws {
        let result = try KpiRunner.run(["roles", "show", "after-sales-enginer"])
        #expect(result.status == 2)
        #expect(result.stderr == "unknown role `after-sales-enginer`; did you mean `after-sales-engineer`?\n")
    }

    @Test("the org chart has the general manager at the top and every role once")
    func tree() throws {
        let tree = try KpiRunner.run(["roles", "tree"])
        let list = try KpiRunner.run(["roles", "list", "--format", "json"])
        #expect(tree.status == 0)
        let lines = tree.stdout.split(separator: "\n")
        #expect(lines.first?.hasPrefix("General Manager 总经理 [general-manager]") == true)
        let roles = try #require(try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]])
        #expect(lines.count == roles.count)
        for role in roles {
            let id = try #require(role["id"] as? String)
            #expect(lines.filter { $0.contains("[\(id)]") }.count == 1, "role \(id) appears once in the tree")
        }
    }

    @Test("a KPI shows its formula, its scoring rule and the roles that carry it")
    func kpiShow() throws {
        let result = try KpiRunner.run(["kpis", "show", "service-on-time-response", "--lang", "en"])
        #expect(result.status == 0)
        #expect(result.stdout.contains("formula     service.responded_on_time / service.tickets"))
        #expect(result.stdout.contains("scoring     linear: threshold 80% → 60 pts; target 95% → 100 pts; challenge 100% → 120 pts"))
        #expect(result.stdout.contains("after-sales-engineer"))
        let json = try KpiRunner.run(["kpis", "show", "service-on-time-response", "--format", "json"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(object["measures"] as? [String] == ["service.responded_on_time", "service.tickets"])
    }

    @Test("tables align Chinese text by display width: a CJK character takes two columns")
    func alignment() throws {
        let table = try KpiRunner.run(["kpis", "list", "--lang", "zh"]).stdout.split(separator: "\n").map(String.init)
        let rows = try KpiRunner.run(["kpis", "list", "--lang", "zh", "--format", "csv"]).stdout
            .split(separator: "\n").map { parseCSVLine(String($0)) }
        func width(_ text: String) -> Int {
            text.unicodeScalars.reduce(0) { $0 + ((0x3000...0x9FFF).contains($1.value) || (0xFF00...0xFF60).contains($1.value) ? 2 : 1) }
        }
        let widths = rows[0].indices.map { column in rows.map { width($0[column]) }.max() ?? 0 }
        func aligned(_ cells: [String]) -> String {
            var line = zip(cells, widths).map { $0 + String(repeating: " ", count: $1 - width($0)) }.joined(separator: "  ")
            while line.hasSuffix(" ") { line.removeLast() }
            return line
        }
        #expect(table.count == rows.count + 1)
        #expect(table[0] == aligned(rows[0]))
        for (line, cells) in zip(table.dropFirst(2), rows.dropFirst()) {
            #expect(line == aligned(cells))
        }
    }

    /// One CSV line split into fields, honouring quotes (the catalog's texts hold no newlines).
    private func parseCSVLine(_ line: String) -> [String] {
        var fields: [String] = []
        var field = ""
        var quoted = false
        var iterator = Array(line).makeIterator()
        var pending: Character? = nil
        while let character = pending ?? iterator.next() {
            pending = nil
            if quoted {
                if character == "\"" {
                    let next = iterator.next()
                    if next == "\"" { field.append("\"") } else { quoted = false; pending = next }
                } else {
                    field.append(character)
                }
            } else if character == "\"" {
                quoted = true
            } else if character == "," {
                fields.append(field)
                field = ""
            } else {
                field.append(character)
            }
        }
        fields.append(field)
        return fields
    }

    @Test("csv output quotes fields and has a header")
    func csv() throws {
        let result = try KpiRunner.run(["kpis", "list", "--format", "csv", "--lang", "en"])
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.first == "KPI,name,method,unit,direction,scope,roles")
        #expect(lines.contains { $0.hasPrefix("customer-satisfaction,Customer satisfaction,linear,score,higher is better,self,\"") })
    }

    @Test("usage errors exit 2, help exits 0", arguments: [
        (["roles", "frobnicate"], 2), (["roles", "list", "--format", "xml"], 2), (["roles", "list", "--lang", "fr"], 2),
        (["--help"], 0), (["roles", "show", "--help"], 0),
    ] as [([String], Int32)])
    func usage(arguments: [String], status: Int32) throws {
        #expect(try KpiRunner.run(arguments).status == status)
    }

    @Test("a missing catalog folder is one line and exit 1")
    func missingCatalog() throws {
        let result = try KpiRunner.run(["roles", "list"], environment: ["KPI_CATALOG": "/nonexistent"])
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("/nonexistent: catalog folder not found"))
    }

    private func copyOfShippedCatalog() throws -> URL {
        let copy = FileManager.default.temporaryDirectory.appendingPathComponent("kpi-shipped-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: copy, withIntermediateDirectories: true)
        for folder in ["roles", "kpi-definitions"] {
            try FileManager.default.copyItem(at: KpiRunner.packageRoot.appendingPathComponent(folder),
                                             to: copy.appendingPathComponent(folder))
        }
        return copy
    }

    private func edit(_ catalog: URL, _ file: String, _ old: String, _ new: String) throws {
        let url = catalog.appendingPathComponent(file)
        let text = try String(contentsOf: url, encoding: .utf8)
        #expect(text.contains(old), "the shipped \(file) has `\(old)`")
        try text.replacingOccurrences(of: old, with: new).write(to: url, atomically: false, encoding: .utf8)
    }
}
