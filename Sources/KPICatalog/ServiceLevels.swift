/// Response and resolution times by ticket priority (`kpi-definitions/service-levels.yaml`).
public struct ServiceLevels: Sendable, Equatable {
    public enum Priority: String, Sendable, CaseIterable, Codable {
        case p1 = "P1", p2 = "P2", p3 = "P3"
    }

    public struct Level: Sendable, Equatable {
        /// What people call the priority (`高`), which an imported ticket may give instead of its id.
        public var name: String? = nil
        public let respondMinutes: Int
        public let resolveMinutes: Int
    }

    public let levels: [Priority: Level]

    public func level(for priority: Priority) -> Level? { levels[priority] }
}
