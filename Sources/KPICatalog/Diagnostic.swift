/// One problem found in the catalog, printed as `FILE:LINE:COLUMN: message`.
public struct Diagnostic: Hashable, Sendable, CustomStringConvertible {
    public let location: SourceLocation
    public let message: String

    public init(_ location: SourceLocation, _ message: String) {
        self.location = location
        self.message = message
    }

    public var description: String { "\(location): \(message)" }
}
