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
        #expect(explanation.raters.map(\.rater.relation) == [.manager, .projectManager, .departmentHead, .oneself])
        #expect(explanation.raters.map(\.rater.weight) == [60, 40, 40, 0])
        #expect(explanation.raters.map { $0.rating?.score } == [4, nil, 5, 1])
        #expect(explanation.raters.map { $0.rating?.rater } == ["E8", nil, "E8", "E10"])
        #expect(explanation.raters[2].rating?.comment == "很好")
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
        #expect(throws: AppraisalError.permissionDenied("rating E10 needs to be their manager (rate:team over them), their project's manager, their department head or HR")) {
            try li.rate("E10", kpi: "leader-satisfaction", score: 4, period: Self.october, comment: nil)
        }
        // Staff rate nobody, not even themselves through `rate`.
        #expect(throws: AppraisalError.permissionDenied("rating E10 needs to be their manager (rate:team over them), their project's manager, their department head or HR")) {
            try wu.rate("E10", kpi: "leader-satisfaction", score: 5, period: Self.october, comment: nil)
        }
        // 王总 is above E10 (a manager in the line) but not the head of 行政人事部.
        #expect(throws: AppraisalError.permissionDenied("you do not rate E10 as department-head; leader-satisfaction is rated by manager 60, project-manager 40, department-head 40, self 0")) {
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
        #expect(forE10 == [ChaseList.Missing(rater: "E8", relation: .manager, employee: "E10", department: "hr-admin", kpi: "leader-satisfaction"),
                           ChaseList.Missing(rater: "E8", relation: .departmentHead, employee: "E10", department: "hr-admin", kpi: "leader-satisfaction")])
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

    @Test("an objection: only to one's own scorecard, seen by whoever may view the person, stops the close, resolved with a new rating")
    func objection() throws {
        let fixture = try EngineFixture()
        let wu = try fixture.appraisals(as: "wu"), sun = try fixture.appraisals(as: "sun"), li = try fixture.appraisals(as: "li")
        let zhang = try fixture.appraisals(as: "zhang")
        let id = try wu.object(Self.october, kpi: "leader-satisfaction", reason: "本月承担了两次搬迁")
        // 张工's own scorecard carries no leader-satisfaction: nobody objects to another's.
        #expect(throws: AppraisalError.self) { try zhang.object(Self.october, kpi: "leader-satisfaction", reason: "x") }
        #expect(try wu.objections(period: Self.october).map(\.id) == [id])
        #expect(try sun.objections(period: Self.october).map(\.id) == [id])
        #expect(try li.objections(period: Self.october).isEmpty, "li may not view E10")
        #expect(try sun.conversation(of: "E10", period: Self.october).confirmation == .objected)
        do {
            try sun.close(Self.october)
            Issue.record("closed with an objection open")
        } catch AppraisalError.invalid(let message) {
            #expect(message.contains("1 objection open: #\(id) E10 leader-satisfaction"))
        }
        // li may not view E10: his objection is as unknown to li as one that does not exist.
        #expect(throws: AppraisalError.usage("no objection #\(id)")) { try li.resolve(objection: id, accept: false, reason: "x") }
        #expect(throws: AppraisalError.usage("no objection #99")) { try sun.resolve(objection: 99, accept: false, reason: "x") }
        #expect(throws: AppraisalError.permissionDenied("resolving #\(id) needs appraisal:admin or rate:team over E10")) {
            try wu.resolve(objection: id, accept: true, reason: "x")
        }
        let resolved = try sun.resolve(objection: id, accept: true, reason: "核实属实, 调整为 5 分", score: 5)
        #expect(resolved.status == .accepted)
        #expect(resolved.resolvedBy == "E8")
        // The new rating is the manager's 5: 5 ÷ 5 × 100 = 100, at once.
        #expect(line(try sun.scorecard(of: "E10", period: Self.october), "leader-satisfaction")?.score == 100)
        #expect(try wu.objections(period: Self.october).first?.resolution == "核实属实, 调整为 5 分")
        #expect(throws: AppraisalError.invalid("#\(id) is already accepted")) { try sun.resolve(objection: id, accept: false, reason: "x") }
    }

    @Test("a confirmation, and the deadline after which an unconfirmed scorecard counts as confirmed")
    func confirmation() throws {
        let fixture = try EngineFixture()
        let wu = try fixture.appraisals(as: "wu"), sun = try fixture.appraisals(as: "sun")
        // grading.yaml: confirm_within_days: 10 after 2026-10-31.
        let tenth = try #require(Day(year: 2026, month: 11, day: 10)), eleventh = tenth.adding(days: 1)
        #expect(try sun.confirmationDeadline(of: Self.october) == tenth)
        #expect(try sun.confirmations(of: ["E3"], period: Self.october, today: tenth)["E3"] == .awaiting(until: tenth))
        #expect(try sun.confirmations(of: ["E3"], period: Self.october, today: eleventh)["E3"] == .deemed(since: eleventh))
        try wu.confirm(Self.october)
        guard case .confirmed = try sun.conversation(of: "E10", period: Self.october).confirmation else {
            Issue.record("not confirmed")
            return
        }
        #expect(try sun.auditLog(period: Self.october).last.map { ($0.actor, $0.action) } ?? ("", "") == ("E10", "confirm"))
    }

    @Test("a calibration holds the quota unless forced, outlives a recompute and a run, and is audited; a head without the right is refused")
    func calibration() throws {
        let fixture = try EngineFixture()
        let sun = try fixture.appraisals(as: "sun"), li = try fixture.appraisals(as: "li")
        // 行政人事部 has two scorecards: 20% of 2 is 0 places for A.
        #expect(throws: AppraisalError.invalid("the quota of A in hr-admin is 20% of 2 = 0, held by nobody; calibrate someone else down first, or go beyond it with --force")) {
            try sun.calibrate("E10", grade: "A", period: Self.october, reason: "重点项目")
        }
        let forced = try sun.calibrate("E10", grade: "A", period: Self.october, reason: "重点项目", force: true)
        #expect(forced.beyondQuota)
        var card = try sun.scorecard(of: "E10", period: Self.october)
        #expect(card.grade == "A")
        #expect(card.coefficient == 1.2)
        #expect(try sun.conversation(of: "E10", period: Self.october).calibration?.fromGrade == forced.from)
        try sun.rate("E10", kpi: "leader-satisfaction", score: 2, period: Self.october, comment: nil)
        card = try sun.scorecard(of: "E10", period: Self.october)
        #expect(card.grade == "A", "a recompute keeps the calibration")
        try sun.run(Self.october)
        #expect(try sun.scorecard(of: "E10", period: Self.october).grade == "A", "so does a run")
        #expect(try sun.auditLog(period: Self.october).contains { $0.action == "calibrate" && $0.summary.hasSuffix("→ A: 重点项目 (beyond the quota, forced)") })
        #expect(throws: AppraisalError.permissionDenied("calibrating E3's grade needs appraisal:admin, or calibrate:department over their department")) {
            try li.calibrate("E3", grade: "C", period: Self.october, reason: "x")
        }
    }

    @Test("a project's manager views and rates an assigned engineer only for the days the assignment overlaps the period")
    func projectManager() throws {
        let fixture = try EngineFixture()
        // The shipped catalog with 领导满意度 rated by the manager (60) and the project's manager (40).
        let root = fixture.directory.appendingPathComponent("catalog")
        let shipped = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        for folder in ["roles", "kpi-definitions"] {
            try FileManager.default.copyItem(at: shipped.appendingPathComponent(folder), to: root.appendingPathComponent(folder))
        }
        let definition = root.appendingPathComponent("kpi-definitions/leader-satisfaction.yaml")
        try String(contentsOf: definition, encoding: .utf8)
            .replacingOccurrences(of: "raters: {manager: 60, department-head: 40, project-manager: 40, self: 0}", with: "raters: {manager: 60, project-manager: 40}")
            .write(to: definition, atomically: false, encoding: .utf8)
        let catalog = try Catalog.load(from: root.path, measures: MeasureFamily.catalogue)
        func appraisals(_ login: String) throws -> Appraisals { try Appraisals(catalog: catalog, store: Store(path: fixture.path), login: login) }
        let sun = try appraisals("sun")
        _ = try sun.importCSV(.projects, file: try fixture.write("projects.csv", "id,name,manager\nP1,机房搬迁,E2"), dryRun: false, progress: nil)
        _ = try sun.importCSV(.assignments, file: try fixture.write("assignments.csv", """
        id,employee,project,from,to,role_in_project
        A1,E10,P1,2026-10-10,2026-10-20,现场协助
        """), dryRun: false, progress: nil)
        try sun.run(Self.october)
        let li = try appraisals("li")
        #expect(try li.chaseList(Self.october).missing.contains(ChaseList.Missing(rater: "E2", relation: .projectManager, employee: "E10", department: "hr-admin", kpi: "leader-satisfaction")))
        #expect(try li.scorecard(of: "E10", period: Self.october).employee == "E10", "li sees E10's October while E10 was in his group")
        let outcome = try li.rate("E10", kpi: "leader-satisfaction", score: 5, period: Self.october, comment: "现场配合好")
        #expect(outcome.relation == .projectManager)
        // The project's manager alone has rated: 5 → 100.
        #expect(line(try li.scorecard(of: "E10", period: Self.october), "leader-satisfaction")?.score == 100)
        let september = Period("2026-09")!, november = Period("2026-11")!
        #expect(throws: AppraisalError.permissionDenied("the scorecard of E10 needs view:team, view:department or view:company over them")) {
            try li.scorecard(of: "E10", period: september)
        }
        #expect(throws: AppraisalError.permissionDenied("rating E10 needs to be their manager (rate:team over them), their project's manager, their department head or HR")) {
            try li.rate("E10", kpi: "leader-satisfaction", score: 5, period: november, comment: nil)
        }
    }

    @Test("a head's rating form lists their team's rated KPIs by relation, and imports back as their own ratings only; unfilled rows are skipped")
    func ratingForm() throws {
        let fixture = try EngineFixture()
        let sun = try fixture.appraisals(as: "sun")
        // 孙人事 rates 吴行政's 领导满意度 as manager and as department head.
        let form = try sun.ratingForm(period: Self.october)
        #expect(form.filter { $0.employee == "E10" }.map(\.relation) == [.manager, .departmentHead])
        // Without appraisal:admin or import:all one imports one's own ratings alone: 吴行政 may not import 孙人事's.
        let file = try fixture.write("form.csv", """
        period,employee,kpi,relation,score,rater,comment
        2026-10,E10,leader-satisfaction,manager,4,E8,按时
        2026-10,E10,leader-satisfaction,department-head,,E8,
        """)
        let wu = try fixture.appraisals(as: "wu")
        #expect(throws: ImportError.self) { try wu.importCSV(.ratings, file: file, dryRun: false, progress: nil) }
        let summary = try sun.importCSV(.ratings, file: file, dryRun: false, progress: nil)
        #expect(summary.added == 1)
        #expect(summary.notes.contains("1 row without `score` (not filled in yet) skipped"))
        #expect(line(try sun.scorecard(of: "E10", period: Self.october), "leader-satisfaction")?.value == 4)
    }

    @Test("records imported into an open month already run compute it again at once; the note says so")
    func importRecomputes() throws {
        let fixture = try EngineFixture()
        let li = try fixture.appraisals(as: "li")
        let before = try li.scorecard(of: "E3", period: Self.october)
        // 张工 answers a P1 ticket in 2 hours, late: his on-time rate drops.
        let late = try fixture.write("late.csv", "id,priority,opened_at,first_response_at,resolved_at,assignee\nT9,P1,2026-10-20T09:00,2026-10-20T11:00,2026-10-20T12:00,E3")
        let summary = try li.importCSV(.tickets, file: late, dryRun: false, progress: nil)
        #expect(summary.months == [Self.october])
        #expect(summary.notes.contains("2026-10 was open and run: computed again with the new records, 8 scorecards"))
        let after = try li.scorecard(of: "E3", period: Self.october)
        // Answered on time: T1 of T1–T2 before, T1 of T1, T2 and T9 now.
        #expect(line(before, "service-on-time-response")?.value == 0.5)
        #expect(abs((line(after, "service-on-time-response")?.value ?? 0) - 1.0 / 3) < 1e-9)
        #expect(after.run == (before.run ?? 0) + 1)
        let run = try fixture.appraisals(as: "sun").auditLog(period: Self.october).last
        #expect(run?.actor == "E2", "the run followed li's import, and is his")
        #expect(run?.summary.hasSuffix(", after an import of its records") == true)
    }
}
