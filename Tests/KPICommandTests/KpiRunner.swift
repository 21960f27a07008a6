import Foundation
import Testing

/// Runs the built `kpi` executable and captures what it prints.
struct KpiRunner {
    struct Result: Sendable {
        let status: Int32
        let stdout: String
        let stderr: String
    }

    /// The package root, found from this file's path.
    static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The `kpi` binary of this build, beside the test bundle. The test target depends on the
    /// executable, so `swift test` links it from the sources under test before any test runs;
    /// a binary from anywhere else could be older than the code.
    static let executable: Swift.Result<URL, FixtureFailure> = {
        var directory = Bundle.main.bundleURL
        for _ in 0..<3 {
            let candidate = directory.appendingPathComponent("kpi")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return .success(candidate) }
            directory.deleteLastPathComponent()
        }
        return .failure(FixtureFailure("no kpi binary beside \(Bundle.main.bundleURL.path): swift test builds it with the tests"))
    }()

    /// - Parameter input: what the command reads on stdin; nothing when nil.
    static func run(_ arguments: [String], in directory: URL = packageRoot, environment extra: [String: String] = [:],
                    input: String? = nil) throws -> Result {
        let process = Process()
        if let input {
            let pipe = Pipe()
            process.standardInput = pipe
            pipe.fileHandleForWriting.write(Data(input.utf8))
            try pipe.fileHandleForWriting.close()
        }
        process.executableURL = try executable.get()
        process.arguments = arguments
        process.currentDirectoryURL = directory
        var environment = ProcessInfo.processInfo.environment
        environment["KPI_CATALOG"] = nil
        environment["LANG"] = "en_US.UTF-8"
        environment["LC_ALL"] = nil
        environment.merge(extra) { _, new in new }
        process.environment = environment
        return try capture(process)
    }

    /// Runs `process` to its end and returns its status and what it printed.
    static func capture(_ process: Process) throws -> Result {
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = err.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return Result(status: process.terminationStatus,
                      stdout: String(decoding: stdout, as: UTF8.self), stderr: String(decoding: stderr, as: UTF8.self))
    }
}

extension KpiRunner {
    /// Runs the `sqlite3` shell on `database` — as someone going behind kpi's back would — and
    /// returns what it printed.
    static func sqlite3(_ database: String, _ command: String) throws -> String {
        let process = Process()
        let out = Pipe()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["sqlite3", database, command]
        process.standardOutput = out
        try process.run()
        let printed = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return printed
    }
}

/// Why the end-to-end tests cannot run the product.
struct FixtureFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

extension KpiRunner {
    /// Runs a Python script (openpyxl reading or filling a workbook, as an independent reader
    /// would) with `arguments`, and returns what it printed.
    static func python(_ script: String, _ arguments: [String]) throws -> Result {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script] + arguments
        return try capture(process)
    }
}

/// A database of its own in a fresh folder, and kpi run on it as someone: the fixture of the
/// command tests that build a small company.
struct CommandFixture {
    let directory: URL

    init(_ name: String) throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("kpi-\(name)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    /// Runs kpi on the fixture's database as `user` (王总, the general manager, by default).
    func run(_ arguments: [String], as user: String = "wang", catalog: URL = KpiRunner.packageRoot) throws -> KpiRunner.Result {
        try KpiRunner.run(arguments + ["--db", directory.appendingPathComponent("kpi.sqlite").path],
                          in: directory, environment: ["KPI_CATALOG": catalog.path, "KPI_USER": user])
    }

    /// Imports 王总, 李经理 and 张工 (`StoreCommandTests.staff`), then `tickets`, a CSV text.
    func importCompany(tickets: String) throws {
        let staff = directory.appendingPathComponent("staff.csv")
        try StoreCommandTests.staff.write(to: staff, atomically: false, encoding: .utf8)
        #expect(try run(["import", "employees", staff.path]).status == 0)
        let file = directory.appendingPathComponent("tickets.csv")
        try tickets.write(to: file, atomically: false, encoding: .utf8)
        #expect(try run(["import", "tickets", file.path]).status == 0)
    }
}
