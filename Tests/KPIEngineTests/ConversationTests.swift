import Foundation
import KPICatalog
import KPIStore
import KPITestSupport
import Testing
@testable import KPIEngine

/// The shipped catalog rates 领导满意度 (leader-satisfaction) by the manager (60) and the
/// department head (40), and shows a self-assessment beside them (0). In the small company
/// 孙人事 E8 (行政人事经理, view:company) is both the manager and the head of the department of
/// 吴行政 E10; 王总 E1 rates the managers.
@Suite("The appraisal as a conversation: live scorecards, several raters, self-assessment, the chase list, closing (docs/scoring.md)")
struct ConversationTests {
    static let october = Period("2026-10")!

    func line(_ card: Scorecard, _ kpi: String) -> Scorecard.Line? { card.lines.first { $0.kpi == kpi } }

    @Test("a rating computes the rated scorecard again at once: value, score, total and grade, without a run")
    func liveScorecard() throws {
        let fixture = try EngineFixture()
        let sun = try fixture.appraisals(as: "sun")
        let before = try sun.scorecard(of: "E10", period: Self.october)
        #expect(line(before, "leader-satisfaction")?.value == nil)
        let outcome = try sun.rate("E10", kpi: "leader-satisfaction", score: 4, period: Self.october, comment: "按时完成")
        #expect(outcome.relation == .manager)
        let after = try sun.scorecard(of: "E10", period: Self.october)
        let rated = try #require(line(after, "leader-satisfaction"))
        // The manager's 4 alone (the head has not rated): 4 ÷ 5 × 100 = 80.
        #expect(rated.value == 4)
        #expect(rated.score == 80)
        #expect(rated.rater == "E8")
        #expect(rated.comment == "按时完成")
        #expect(after.total == ScorecardCalculator.total(after.lines))
        #expect(after.total != before.total)
        #expect(after.run == before.run, "no run: the same run's card, computed again")
        #expect(after.computedAt != nil)
        #expect(outcome.recomputed?.before.total == before.total)
        #expect(outcome.recomputed?.after.total == after.total)
        let audit = try #require(try sun.auditLog(period: Self.october).last)
        #expect(audit.action == "rate")
        #expect(audit.summary.hasPrefix("E10 leader-satisfaction = 4 (按时完成); total "))
    }

    @Test("two raters give the weighted mean, renormalised over those who rated; self is shown and not counted")
    func severalRaters() throws {
        let fixture = try EngineFixture()
        let sun = try fixture.appraisals(as: "sun"), wu = try fixture.appraisals(as: "wu")
        try sun.rate("E10", kpi: "leader-satisfaction", score: 4, period: Self.october, comment: nil)
        let both = try sun.rate("E10", kpi: "leader-satisfaction", score: 5, period: Self.october, comment: "很好", as: .departmentHead)
        #expect(both.relation == .departmentHead)
        // (60 × 4 + 40 × 5) ÷ 100 = 4.4 → 4.4 ÷ 5 × 100 = 88.
        var card = try sun.scorecard(of: "E10", period: Self.october)
        #expect(abs((line(card, "leader-satisfaction")?.value ?? 0) - 4.4) < 1e-9)
        #expect(abs((line(card, "leader-satisfaction")?.score ?? 0) - 88) < 1e-9)
        try wu.assessSelf(kpi: "leader-satisfaction", score: 1, period: Self.october, comment: "还需努力")
        card = try sun.scorecard(of: "E10", period: Self.october)
        #expect(abs((line(card, "leader-satisfaction")?.value ?? 0) - 4.4) < 1e-9, "a self-assessment of weight 0 does not count")
        let explanation = try wu.explain("E10", kpi: "leader-satisfaction", period: Self.october)
        #expect(explanation.raters.map(\.rater.relation) == [.manager, .departmentHead, .oneself])
        #expect(explanation.raters.map(\.rater.weight) == [60, 40, 0])
        #expect(explanation.raters.map { $0.rating?.score } == [4, 5, 1])
        #expect(explanation.raters.map { $0.rating?.rater } == ["E8", "E8", "E10"])
        #expect(explanation.raters[1].rating?.comment == "很好")
    }

    @Test("re-rating without a comment keeps the earlier one and says what it replaced")
    func reRating() throws {
        let sun = try EngineFixture().appraisals(as: "sun")
        try sun.rate("E10", kpi: "leader-satisfaction", score: 3, period: Self.october, comment: "一般")
        let again = try sun.rate("E10", kpi: "leader-satisfaction", score: 5, period: Self.october, comment: nil)
        #expect(again.replaced?.score == 3)
        #expect(line(try sun.scorecard(of: "E10", period: Self.october), "leader-satisfaction")?.comment == "一般")
    }

    @Test("who may rate in which relation, and who may assess themselves")
    func relationRights() throws {
        let fixture = try EngineFixture()
        let li = try fixture.appraisals(as: "li"), wu = try fixture.appraisals(as: "wu"), wang = try fixture.appraisals(as: "wang")
        // li heads after-sales, not 行政人事部: E10 is nobody of his.
        #expect(throws: AppraisalError.permissionDenied("rating E10 needs to be their manager (rate:team over them), their department head or HR")) {
            try li.rate("E10", kpi: "leader-satisfaction", score: 4, period: Self.october, comment: nil)
        }
        // Staff rate nobody, not even themselves through `rate`.
        #expect(throws: AppraisalError.permissionDenied("rating E10 needs to be their manager (rate:team over them), their department head or HR")) {
            try wu.rate("E10", kpi: "leader-satisfaction", score: 5, period: Self.october, comment: nil)
        }
        // 王总 is above E10 (a manager in the line) but not the head of 行政人事部.
        #expect(throws: AppraisalError.permissionDenied("you do not rate E10 as department-head; leader-satisfaction is rated by manager 60, department-head 40, self 0")) {
            try wang.rate("E10", kpi: "leader-satisfaction", score: 5, period: Self.october, comment: nil, as: .departmentHead)
        }
        #expect(try wang.rate("E10", kpi: "leader-satisfaction", score: 5, period: Self.october, comment: nil).relation == .manager)
        // 孙人事's own KPIs take no self-assessment.
        let sun = try fixture.appraisals(as: "sun")
        #expect(throws: AppraisalError.usage("important-tasks takes no self-assessment; its raters are manager 100")) {
            try sun.assessSelf(kpi: "important-tasks", score: 5, period: Self.october, comment: nil)
        }
    }

    @Test("the chase list names every missing rating with its rater; close refuses while any is missing, unless forced with a reason")
    func chaseAndClose() throws {
        let fixture = try EngineFixture()
        let sun = try fixture.appraisals(as: "sun")
        let chase = try sun.chaseList(Self.october)
        let forE10 = chase.missing.filter { $0.employee == "E10" }
        #expect(forE10 == [ChaseList.Missing(rater: "E8", relation: .manager, employee: "E10", kpi: "leader-satisfaction"),
                           ChaseList.Missing(rater: "E8", relation: .departmentHead, employee: "E10", kpi: "leader-satisfaction")])
        // 孙人事's own rated KPIs wait for 王总.
        #expect(chase.missing.filter { $0.employee == "E8" }.allSatisfy { $0.rater == "E1" && $0.relation == .manager })
        #expect(chase.departments.first { $0.department == "hr-admin" }.map { ($0.people, $0.scorecards, $0.selfAssessmentsInvited) } ?? (0, 0, 0) == (2, 2, 1))
        do {
            try sun.close(Self.october)
            Issue.record("closed with ratings missing")
        } catch AppraisalError.invalid(let message) {
            #expect(message.hasPrefix("2026-10 has \(chase.missing.count) ratings not given: "))
            #expect(message.contains("E8 → E10 leader-satisfaction"))
        }
        #expect(throws: AppraisalError.usage("closing with --force needs --reason TEXT, for the audit log")) {
            try sun.close(Self.october, force: true, reason: nil)
        }
        // Every missing rating given, as the chase list says, and the month closes.
        let logins = ["E1": "wang", "E2": "li", "E7": "qian", "E8": "sun"]
        for item in chase.missing {
            let rater = try fixture.appraisals(as: logins[try #require(item.rater)] ?? "")
            try rater.rate(item.employee, kpi: item.kpi, score: 4, period: Self.october, comment: nil, as: item.relation)
        }
        #expect(try sun.chaseList(Self.october).missing.isEmpty)
        try sun.close(Self.october)
        #expect(try sun.status(Self.october).first?.status == .closed)
    }

    @Test("a forced close keeps its reason and the count in the audit log")
    func forcedClose() throws {
        let sun = try EngineFixture().appraisals(as: "sun")
        let missing = try sun.chaseList(Self.october).missing.count
        try sun.close(Self.october, force: true, reason: "评分人出差, 经总经理同意")
        #expect(try sun.auditLog(period: Self.october).last?.summary
                == "closed 2026-10: results frozen with \(missing) ratings not given, forced: 评分人出差, 经总经理同意")
    }

    @Test("a ratings import names the relation or derives it, checks each row's rater, and computes the rated cards again")
    func importRatings() throws {
        let fixture = try EngineFixture()
        let sun = try fixture.appraisals(as: "sun")
        let file = try fixture.write("ratings.csv", """
        period,employee,kpi,relation,score,rater
        2026-10,E10,leader-satisfaction,,3,E8
        2026-10,E10,leader-satisfaction,department-head,5,E8
        """)
        #expect(try sun.importCSV(.ratings, file: file, dryRun: false, progress: nil).added == 2)
        // (60 × 3 + 40 × 5) ÷ 100 = 3.8.
        let value = line(try sun.scorecard(of: "E10", period: Self.october), "leader-satisfaction")?.value ?? 0
        #expect(abs(value - 3.8) < 1e-9)
        let refused = try fixture.write("refused.csv", """
        period,employee,kpi,relation,score,rater
        2026-10,E10,leader-satisfaction,department-head,5,E2
        """)
        #expect(throws: ImportError.self) { try sun.importCSV(.ratings, file: refused, dryRun: false, progress: nil) }
    }
}
