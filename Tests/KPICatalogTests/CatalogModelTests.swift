import Testing
@testable import KPICatalog

@Suite("Catalog model: lookups, org chart, overrides")
struct CatalogModelTests {
    @Test("a role is found by id, name or alias")
    func roleLookup() throws {
        let catalog = try CatalogFixture().load()
        #expect(catalog.role("engineer")?.id == "engineer")
        #expect(catalog.role("售后工程师")?.id == "engineer")
        #expect(catalog.role("服务工程师")?.id == "engineer")
        #expect(catalog.role("总经理")?.id == "boss")
        #expect(catalog.role("nobody") == nil)
    }

    @Test("subordinates are derived from reports_to; the top role has none above it")
    func orgChart() throws {
        let catalog = try CatalogFixture().load()
        #expect(catalog.topRole?.id == "boss")
        #expect(catalog.subordinates(of: "boss").map(\.id) == ["engineer"])
        #expect(catalog.subordinates(of: "engineer").isEmpty)
    }

    @Test("sub-departments are part of a department's tree")
    func departmentTree() throws {
        let catalog = try CatalogFixture().load()
        #expect(catalog.departmentTree(from: "office") == ["office", "service"])
        #expect(catalog.departmentTree(from: "service") == ["service"])
        #expect(catalog.department("售后部")?.id == "service")
    }

    @Test("a role's scope and scoring overrides apply to that role only")
    func overrides() throws {
        let catalog = try CatalogFixture([
            .replace("weight: 100", "weight: 100\n    scope: team\n    scoring: {target: 0.90, points: {challenge: 110}}", in: "roles/engineer.yaml"),
        ]).load()
        let engineer = try #require(catalog.role("engineer")?.kpis.first)
        #expect(engineer.scope == .team)
        #expect(engineer.overridesScoring)
        #expect(engineer.scoring == .linear(.init(threshold: 0.80, target: 0.90, challenge: 1.00,
                                                   points: .init(threshold: 60, target: 100, challenge: 110))))
        let boss = try #require(catalog.role("boss")?.kpis.first)
        #expect(boss.scope == .self)
        #expect(boss.scoring == .linear(.init(threshold: 0.80, target: 0.95, challenge: 1.00, points: .standard)))
    }

    @Test("defaults: when_no_data exclude, rating scale, percent numbers, deduction numbers")
    func defaults() throws {
        let catalog = try CatalogFixture([
            .replace("threshold: 0.80", "threshold: 80%", in: "kpi-definitions/response.yaml"),
            .write("kpi-definitions/incidents.yaml", """
            id: incidents
            name: 重大施工事故
            unit: count
            direction: lower
            formula: project.major_incidents
            scoring: {method: deduction, per_unit: 50}
            """),
        ]).load()
        let response = try #require(catalog.kpi("response"))
        #expect(response.whenNoData == .exclude)
        #expect(response.scoring == .linear(.init(threshold: 0.80, target: 0.95, challenge: 1.00, points: .standard)))
        #expect(catalog.kpi("工作态度")?.scoring == .rating(.init(scale: 5)))
        #expect(catalog.kpi("incidents")?.scoring == .deduction(.init(base: 100, perUnit: 50, floor: 0)))
        #expect(catalog.kpi("incidents")?.scope == .self)
        #expect(catalog.grading.veto == [Grading.Veto(kpi: "response", maxGrade: "B")])
        #expect(catalog.serviceLevels.level(for: .p2) == ServiceLevels.Level(respondMinutes: 120, resolveMinutes: 1440))
    }

    @Test("roles carrying a KPI")
    func carriers() throws {
        let catalog = try CatalogFixture().load()
        #expect(catalog.roles(carrying: "response").map(\.role.id) == ["boss", "engineer"])
        #expect(catalog.roles(carrying: "attitude").map(\.assignment.weight) == [40])
    }
}
