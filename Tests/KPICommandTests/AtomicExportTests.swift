import Foundation
import Testing

@Suite("Exports replace the workbook whole or not at all")
struct AtomicExportTests {
    /// Whether `path` is a whole XLSX file: a zip archive whose every member reads back.
    static func isWholeWorkbook(_ path: String) throws -> Bool {
        let check = Process()
        check.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        check.arguments = ["python3", "-c", "import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); sys.exit(0 if z.testzip() is None and 'xl/workbook.xml' in z.namelist() else 1)", path]
        check.standardError = FileHandle.nullDevice
        try check.run()
        check.waitUntilExit()
        return check.terminationStatus == 0
    }

    @Test("an export killed at any moment leaves the previous workbook whole at its path; a finished one leaves nothing beside it")
    func killed() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("kpi-atomic-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let environment = ["KPI_CATALOG": KpiRunner.packageRoot.path, "KPI_USER": "hr-test"]
        let demo = try KpiRunner.run(["demo", "--employees", "120", "--months", "1", "--end", "2026-10"], in: directory, environment: environment)
        #expect(demo.status == 0, "\(demo.stderr)")
        let book = directory.appendingPathComponent("book.xlsx").path
        let export = ["export", "--period", "2026-10", "--db", "demo.sqlite", "--out", book]
        #expect(try KpiRunner.run(export, in: directory, environment: environment).status == 0)
        let first = try Data(contentsOf: URL(fileURLWithPath: book))
        #expect(try Self.isWholeWorkbook(book))
        // Kill a department export (a longer workbook, one sheet per person) at ten moments spread
        // over the time a whole one takes.
        let department = export + ["--department", "after-sales"]
        let started = Date()
        #expect(try KpiRunner.run(department, in: directory, environment: environment).status == 0)
        let whole = Date().timeIntervalSince(started)
        #expect(try KpiRunner.run(export, in: directory, environment: environment).status == 0)
        for delay in (1...10).map({ Double($0) / 10 * whole }) {
            let process = Process()
            process.executableURL = try KpiRunner.executable.get()
            process.arguments = department
            process.currentDirectoryURL = directory
            process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            Thread.sleep(forTimeInterval: delay)
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            #expect(try Self.isWholeWorkbook(book), "killed after \(delay) s")
        }
        // A finished export replaces the file and leaves no partial one of its own beside it.
        func partials() throws -> Set<String> {
            Set(try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasPrefix(".book.xlsx.") })
        }
        let leftByKills = try partials()
        #expect(try KpiRunner.run(department, in: directory, environment: environment).status == 0)
        #expect(try Data(contentsOf: URL(fileURLWithPath: book)) != first)
        #expect(try partials() == leftByKills)
        #expect(try Self.isWholeWorkbook(book))
    }
}
