import ArgumentParser
import KPIViews

/// How a command shows data.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case table, json, csv
}

extension Language: ExpressibleByArgument {}
