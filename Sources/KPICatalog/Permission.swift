/// A machine grant on a role (docs/catalog.md, permissions).
public enum Permission: String, Sendable, CaseIterable, Codable {
    case viewTeam = "view:team"
    case viewDepartment = "view:department"
    case viewCompany = "view:company"
    case rateTeam = "rate:team"
    case appraisalAdmin = "appraisal:admin"
    case importProject = "import:project"
    case importWarehouse = "import:warehouse"
    case importService = "import:service"
    case importSales = "import:sales"
    case importHR = "import:hr"
    case importAll = "import:all"
}
