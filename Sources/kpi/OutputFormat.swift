import ArgumentParser
import KPIViews

extension OutputFormat: ExpressibleByArgument {}

extension Language: ExpressibleByArgument {}
