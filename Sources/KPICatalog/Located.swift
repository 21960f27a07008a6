/// A value read from a catalog file, with where it was written.
struct Located<Value> {
    let value: Value
    let location: SourceLocation

    init(_ value: Value, at location: SourceLocation) {
        self.value = value
        self.location = location
    }
}
