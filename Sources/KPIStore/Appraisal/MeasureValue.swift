/// A measure's value as a scorecard line used it.
public struct MeasureValue: Equatable, Sendable {
    /// `service.tickets`, `activity.quantity(凭证)`.
    public let key: String
    public let value: Double

    public init(key: String, value: Double) {
        self.key = key
        self.value = value
    }
}
