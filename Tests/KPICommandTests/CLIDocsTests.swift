import Foundation
import Testing

@Suite("docs/cli.md names every command kpi has")
struct CLIDocsTests {
    /// The subcommands `kpi help [COMMAND]` lists.
    static func subcommands(_ path: [String]) throws -> [String] {
        let help = try KpiRunner.run(["help"] + path).stdout
        guard let start = help.range(of: "SUBCOMMANDS:\n") else { return [] }
        return help[start.upperBound...].split(separator: "\n").compactMap { line in
            guard line.hasPrefix("  "), !line.hasPrefix("   "), let name = line.split(separator: " ").first else { return nil }
            return String(name)
        }.filter { $0 != "See" }
    }

    @Test("each command and subcommand appears as `kpi …` in docs/cli.md")
    func everyCommand() throws {
        let text = try String(contentsOf: KpiRunner.packageRoot.appendingPathComponent("docs/cli.md"), encoding: .utf8)
        let commands = try Self.subcommands([])
        #expect(commands.count >= 15)
        for command in commands {
            let nested = try Self.subcommands([command])
            if nested.isEmpty {
                #expect(text.contains("`kpi \(command)"), "kpi \(command)")
            }
            for sub in nested {
                #expect(text.contains("`kpi \(command) \(sub)"), "kpi \(command) \(sub)")
            }
        }
    }
}
