/// The measures formulas may name, with their meanings: the vocabulary a formula is checked
/// against. The store declares what it can measure (`MeasureFamily.catalogue`).
public struct MeasureCatalogue: Sendable {
    /// One measure: its name, whether it takes a text argument, and what it counts.
    public struct Definition: Sendable, Equatable {
        public enum Quantity: String, Sendable {
            /// A count of records, items or employees.
            case count
            /// A sum of money, in yuan.
            case amount
            /// A sum of quantities or scores (stock variance, satisfaction points).
            case sum
        }

        public let name: String
        /// `activity.quantity("凭证")`: the measure needs one quoted argument.
        public let takesArgument: Bool
        public let quantity: Quantity
        public let meaningZh: String
        public let meaningEn: String

        public var family: String { String(name.prefix { $0 != "." }) }
    }

    public let definitions: [Definition]
    private let byName: [String: Definition]

    public init(_ definitions: [Definition]) {
        self.definitions = definitions
        byName = Dictionary(definitions.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
    }

    public func definition(named name: String) -> Definition? { byName[name] }

    /// The problem with a reference, or nil when the catalogue knows it as written.
    func problem(with reference: MeasureReference) -> String? {
        guard let definition = byName[reference.name] else {
            if let suggestion = closestMatch(to: reference.name, among: definitions.map(\.name)) {
                return "unknown measure `\(reference.name)`; did you mean `\(suggestion)`?"
            }
            let family = String(reference.name.prefix { $0 != "." })
            let names = definitions.filter { $0.family == family }.map(\.name)
            if names.isEmpty {
                let families = Array(Set(definitions.map(\.family))).sorted().joined(separator: ", ")
                return "unknown measure `\(reference.name)`: there is no family `\(family)`; the families are \(families)"
            }
            return "unknown measure `\(reference.name)`; the \(family) measures are \(names.joined(separator: ", "))"
        }
        if definition.takesArgument, reference.argument == nil {
            return "`\(definition.name)` needs the activity kind as its argument, as in \(definition.name)(\"凭证\")"
        }
        if !definition.takesArgument, let argument = reference.argument {
            return "`\(definition.name)` takes no argument; remove (\"\(argument)\")"
        }
        return nil
    }
}

extension MeasureCatalogue.Definition {
    /// A count of records, items or employees.
    public static func count(_ name: String, _ zh: String, _ en: String) -> Self {
        Self(name: name, takesArgument: false, quantity: .count, meaningZh: zh, meaningEn: en)
    }

    /// A sum of money, in yuan.
    public static func amount(_ name: String, _ zh: String, _ en: String) -> Self {
        Self(name: name, takesArgument: false, quantity: .amount, meaningZh: zh, meaningEn: en)
    }

    /// A sum of quantities or scores.
    public static func sum(_ name: String, _ zh: String, _ en: String) -> Self {
        Self(name: name, takesArgument: false, quantity: .sum, meaningZh: zh, meaningEn: en)
    }

    /// A sum per kind of work, named in quotes: `activity.quantity("凭证")`.
    public static func perKind(_ name: String, _ zh: String, _ en: String) -> Self {
        Self(name: name, takesArgument: true, quantity: .sum, meaningZh: zh, meaningEn: en)
    }
}
