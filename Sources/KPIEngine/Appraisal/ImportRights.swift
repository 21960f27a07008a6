import KPICatalog
import KPIStore

/// Which permission lets a role import which kind of records (SPEC §7.2).
enum ImportRights {
    static func permission(for kind: ImportKind) -> Permission? {
        switch kind {
        case .projects, .milestones, .inspections, .incidents: return .importProject
        case .receivables, .collections, .salesTargets: return .importSales
        case .items, .stockMovements, .stockCounts, .purchaseOrders: return .importWarehouse
        case .tickets: return .importService
        case .employees, .requisitions, .activities: return .importHR
        case .ratings: return nil
        }
    }

    static func allowed(_ kind: ImportKind, by permissions: Set<Permission>) -> Bool {
        if permissions.contains(.importAll) || permissions.contains(.appraisalAdmin) { return true }
        return permission(for: kind).map(permissions.contains) ?? false
    }

    static func needed(for kind: ImportKind) -> String {
        guard let permission = permission(for: kind) else { return "appraisal:admin or import:all" }
        return "\(permission.rawValue), import:all or appraisal:admin"
    }
}
