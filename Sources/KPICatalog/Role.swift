/// A role definition (岗位说明书), one file in `roles/`.
public struct Role: Sendable, Equatable {
    public enum Level: String, Sendable, CaseIterable, Codable {
        case executive, manager, supervisor, staff

        /// The level as the rulebooks name it.
        public var nameZh: String {
            switch self {
            case .executive: return "总经理级"
            case .manager: return "经理级"
            case .supervisor: return "部门主管"
            case .staff: return "普通人员"
            }
        }
    }

    /// 职责要项 with its 职责描述.
    public struct Responsibility: Sendable, Equatable {
        public let title: String
        public let duties: [String]
    }

    /// 工作关系.
    public struct Relations: Sendable, Equatable {
        public let `internal`: [String]
        public let external: [String]
    }

    /// A KPI the role carries, with its weight and the role's own scope and scoring numbers.
    public struct Assignment: Sendable, Equatable {
        public let kpi: String
        public let weight: Int
        /// The scope in force: the role's override, else the KPI's.
        public let scope: Scope
        /// The scoring rule in force: the KPI's, with the role's overrides applied.
        public let scoring: ScoringRule
        /// Whether the role overrides the KPI's scoring numbers.
        public let overridesScoring: Bool
        public let location: SourceLocation
    }

    public let id: String
    public let code: String?
    public let name: String
    public let nameEn: String?
    public let aliases: [String]
    public let department: String
    /// The 直接上级's role id; nil only for the top role.
    public let reportsTo: String?
    public let level: Level
    public let summary: String?
    public let responsibilities: [Responsibility]
    public let authorities: [String]
    public let permissions: [Permission]
    public let relations: Relations
    public let kpis: [Assignment]
    public let sources: [String]
    public let location: SourceLocation

    /// Every name the role answers to: its id, name and aliases.
    public var names: [String] { [id, name] + aliases }
}
