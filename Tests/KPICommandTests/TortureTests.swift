import Foundation
import Testing

@Suite("make torture, one trial of each")
struct TortureTests {
    @Test("one kill -9 trial of each write, one of each race, some fuzzing: nothing lost, nothing crashed")
    func oneOfEach() throws {
        let process = Process()
        let out = Pipe()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["bash", KpiRunner.packageRoot.appendingPathComponent("bench/torture").path]
        process.environment = ProcessInfo.processInfo.environment.merging([
            "KPI_BIN": try KpiRunner.executable.get().path, "TORTURE_TRIALS": "1",
        ]) { _, new in new }
        process.standardOutput = out
        process.standardError = out
        try process.run()
        let printed = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        #expect(process.terminationStatus == 0, "\(printed)")
        // The table's rows: a trial's name and its tried, survived, lost and crashed counts.
        let rows = printed.split(separator: "\n").map { $0.split(separator: " ") }
            .filter { $0.count > 4 && $0.suffix(4).allSatisfy { Int($0) != nil } }
        #expect(rows.count == 12, "\(printed)")
        for row in rows {
            let counts = row.suffix(4).compactMap { Int($0) }
            #expect(counts[0] > 0 && counts[0] == counts[1], "\(row.joined(separator: " "))")
        }
    }
}
