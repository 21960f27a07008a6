import Foundation
import KPICatalog
import KPITestSupport
import Testing
@testable import KPIEngine
@testable import KPIStore

@Suite("Bonus pools shared by grade, to the fen")
struct BonusTests {
    /// The rule computed independently, by Python's exact fractions: floor each share, give the
    /// fen left over to the largest remainders, ties to the smaller id.
    static func independent(_ fen: Int64, _ weights: [(String, String)]) throws -> [String: Int64] {
        let script = """
        import json, sys
        from fractions import Fraction
        fen = int(sys.argv[1]); weights = [(i, Fraction(w)) for i, w in json.loads(sys.argv[2])]
        total = sum(w for _, w in weights)
        exact = {i: fen * w / total for i, w in weights}
        shares = {i: int(x // 1) for i, x in exact.items()}
        left = fen - sum(shares.values())
        for i, _ in sorted(exact.items(), key=lambda kv: (-(kv[1] - int(kv[1] // 1)), kv[0]))[:left]:
            shares[i] += 1
        print(json.dumps(shares))
        """
        let process = Process(), output = Pipe()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        let pairs = try String(decoding: JSONSerialization.data(withJSONObject: weights.map { [$0.0, $0.1] }), as: UTF8.self)
        process.arguments = ["python3", "-c", script, String(fen), pairs]
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Int])
        return object.mapValues(Int64.init)
    }

    @Test("the split adds up to the pool to the fen; the fen left over go to the largest remainders, ties to the smaller id")
    func split() throws {
        #expect(BonusSplit.split(100, by: [("E2", 1), ("E1", 1), ("E3", 1)]) == ["E1": 34, "E2": 33, "E3": 33])
        #expect(BonusSplit.split(1_000, by: [("A", 3), ("B", 0), ("C", 7)]) == ["A": 300, "B": 0, "C": 700])
        let weights: [(id: String, weight: Int64)] = [("E1", 15_000 * 12_000 * 31), ("E2", 10_000 * 10_000 * 31), ("E3", 10_000 * 5_000 * 16),
                                                      ("E4", 20_000 * 8_000 * 30), ("E5", 10_000 * 12_000 * 31)]
        for pool: Int64 in [1, 99, 100_000, 123_456_789, 999_999_999_999] {
            let shares = BonusSplit.split(pool, by: weights)
            #expect(shares.values.reduce(0, +) == pool)
            #expect(try shares == Self.independent(pool, weights.map { ($0.id, String($0.weight)) }))
        }
    }

    @Test("a company pool: weight base × coefficient × days / days, a newcomer pro-rated, kept, audited, shown to each for themselves")
    func companyPool() throws {
        let fixture = try EngineFixture()
        let october = Period("2026-10")!
        let hr = try fixture.appraisals(as: "sun")
        // A newcomer hired on 16 October, with a bonus base of 1.5: 16 of 31 days.
        let newcomer = try fixture.write("new.csv", "id,name,login,role,manager,hire_date,bonus_base\nE11,钱新,qianxin,after-sales-engineer,E2,2026-10-16,1.5")
        _ = try hr.importCSV(.employees, file: newcomer, dryRun: false, progress: nil)
        let admin = try fixture.appraisals(as: "sun")
        try admin.run(october)
        let shares = try admin.shareBonus(october, pools: [BonusPool(.company, fen: 10_000_000)], dryRun: false)
        #expect(shares.map(\.amount).reduce(0, +) == 10_000_000)
        let cards = try Store(path: fixture.path).scorecards(of: october, employees: nil)
        let expected = try Self.independent(10_000_000, cards.map { card in
            let base = card.employee == "E11" ? 15_000 : 10_000
            let days = card.employee == "E11" ? 16 : 31
            return (card.employee, String(base * Int((card.coefficient ?? 0) * 10_000 + 0.5) * days))
        })
        #expect(Dictionary(uniqueKeysWithValues: shares.map { ($0.employee, $0.amount) }) == expected)
        let joined = try #require(shares.first { $0.employee == "E11" })
        #expect(joined.days == 16)
        #expect(abs(joined.weight - 1.5 * (joined.coefficient ?? 0) * 16 / 31) < 1e-12)
        // Kept and audited; each sees their own; a staff member is refused another's.
        #expect(try admin.bonusShares(of: "E3", period: october).map(\.amount) == [shares.first { $0.employee == "E3" }?.amount ?? -1])
        #expect(try admin.auditLog(period: october).contains { $0.action == "bonus" })
        #expect(throws: AppraisalError.self) { try fixture.appraisals(as: "zhang").bonusShares(of: "E4", period: october) }
        #expect(try fixture.appraisals(as: "zhang").bonusShares(of: "E3", period: october).count == 1)
    }

    @Test("a department pool, a dry run that keeps nothing, a re-run that clears, a closed period that refuses")
    func lifecycle() throws {
        let fixture = try EngineFixture()
        let october = Period("2026-10")!
        let hr = try fixture.appraisals(as: "sun")
        let dry = try hr.shareBonus(october, pools: [BonusPool(.department("after-sales"), fen: 300_001)], dryRun: true)
        #expect(Set(dry.map(\.employee)) == ["E2", "E3", "E4"])
        #expect(dry.map(\.amount).reduce(0, +) == 300_001)
        #expect(try hr.bonusShares(period: october).isEmpty)
        _ = try hr.shareBonus(october, pools: [BonusPool(.department("after-sales"), fen: 300_001)], dryRun: false)
        #expect(try hr.bonusShares(period: october).count == 3)
        try hr.run(october)
        #expect(try hr.bonusShares(period: october).isEmpty)
        _ = try hr.shareBonus(october, pools: [BonusPool(.company, fen: 100)], dryRun: false)
        try hr.close(october, force: true, reason: "test")
        #expect(throws: AppraisalError.self) { try hr.shareBonus(october, pools: [BonusPool(.company, fen: 100)], dryRun: false) }
        #expect(try Store(path: fixture.path).closedPeriodsChangedSinceClose().isEmpty)
    }
}
