import KPIFormula

/// A KPI's scope is the scope of the measures its formula reads.
public typealias Scope = MeasureScope
