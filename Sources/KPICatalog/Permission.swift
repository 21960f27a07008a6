/// A machine grant on a role (docs/catalog.md, permissions).
public enum Permission: String, Sendable, CaseIterable, Codable {
    case viewTeam = "view:team"
    case viewDepartment = "view:department"
    case viewCompany = "view:company"
    case rateTeam = "rate:team"
    case appraisalAdmin = "appraisal:admin"
    /// Calibrating the grades of one's department and those below it (校准).
    case calibrateDepartment = "calibrate:department"
    case importProject = "import:project"
    case importWarehouse = "import:warehouse"
    case importService = "import:service"
    case importSales = "import:sales"
    case importHR = "import:hr"
    case importAll = "import:all"
}
