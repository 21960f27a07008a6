/// A formula parsed once, checked against a measure catalogue, and evaluated many times.
public struct Formula: Sendable, Equatable {
    /// The text as written in the KPI definition.
    public let source: String
    public let expression: Expression

    /// Parses `source`; throws the first syntax error with its column.
    public init(parsing source: String) throws(FormulaError) {
        self.source = source
        expression = try Parser.parse(source)
    }

    /// Every problem with the measures the formula names, in order of column.
    public func problems(against catalogue: MeasureCatalogue) -> [FormulaError] {
        expression.measureNodes().compactMap { node in
            catalogue.problem(with: node.reference).map { FormulaError(column: node.column, $0) }
        }
    }

    /// Every measure the formula reads.
    public var measures: [MeasureReference] { expression.measures }
}
