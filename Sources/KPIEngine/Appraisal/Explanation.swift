import KPICatalog
import KPIFormula
import KPIStore

/// How one KPI's score was reached: the stored line, the rule in force, and the records behind it.
public struct Explanation: Sendable {
    public let scorecard: Scorecard
    public let line: Scorecard.Line
    public let kpi: KPIDefinition
    /// How the line was scored: the rule in force for the employee's role, what applied, the weights.
    public let step: ScoringStep
    /// How many employees' records the scope covers.
    public let ownerCount: Int
    public let records: [RecordList]
}

extension Appraisals {
    /// Explains one KPI of a stored scorecard (`kpi explain`), with the records behind its
    /// measures in the KPI's scope.
    public func explain(_ id: String, kpi kpiID: String, period: Period) throws -> Explanation {
        let card = try scorecard(of: id, period: period)
        // The KPI as the period was scored by it, not as today's catalog has it.
        let rules = try rules(for: period)
        guard let kpi = rules.kpi(kpiID), let index = card.lines.firstIndex(where: { $0.kpi == kpi.id }),
              let step = try steps(of: card)[index] else {
            let carried = card.lines.map(\.kpi).joined(separator: ", ")
            throw AppraisalError.usage("\(id)'s scorecard has no KPI `\(kpiID)`; it has \(carried)")
        }
        let line = card.lines[index]
        let owners = self.owners(of: id, scope: MeasureScope(rawValue: line.scope) ?? .self)
        let records: [RecordList] = try store.reading {
            var records: [RecordList] = []
            var seen: Set<String> = []
            for measure in kpi.formula?.measures ?? [] {
                let family = String(measure.name.prefix { $0 != "." })
                guard seen.insert(family + (measure.argument ?? "")).inserted else { continue }
                records += try store.records(behind: family, kind: measure.argument, owners: owners, period: period)
            }
            return records
        }
        return Explanation(scorecard: card, line: line, kpi: kpi, step: step, ownerCount: owners.count, records: records)
    }

    /// The employees whose records count for `id` in `scope` (docs/measures.md, scopes).
    func owners(of id: String, scope: MeasureScope) -> [String] {
        switch scope {
        case .self: return [id]
        case .team: return [id] + organisation.below(id).map(\.id)
        case .department:
            guard let department = organisation.department(of: id) else { return [id] }
            let tree = Set(catalog.departmentTree(from: department))
            return organisation.employees.filter { organisation.department(of: $0.id).map(tree.contains) ?? false }.map(\.id)
        case .company: return organisation.employees.map(\.id)
        }
    }
}
