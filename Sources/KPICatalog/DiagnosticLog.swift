/// Collects diagnostics while the loader keeps going, so that one run reports every problem.
final class DiagnosticLog {
    private(set) var diagnostics: [Diagnostic] = []

    func error(_ location: SourceLocation, _ message: String) {
        diagnostics.append(Diagnostic(location, message))
    }
}
