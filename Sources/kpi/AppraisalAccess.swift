import KPICatalog
import KPIEngine
import KPIStore

extension GlobalOptions {
    /// The appraisal system as the acting user sees it.
    func appraisals() throws -> Appraisals {
        let catalog = try loadCatalog()
        let store = try openStore()
        return try engine { try Appraisals(catalog: catalog, store: store, login: actingLogin) }
    }
}

/// Runs an engine call, turning its refusals into the exit codes of SPEC §8.
func engine<T>(_ body: () throws -> T) throws -> T {
    do {
        return try body()
    } catch let error as AppraisalError {
        switch error {
        case .permissionDenied: throw CommandFailure(code: .permissionDenied, lines: [error.localizedDescription])
        case .periodClosed: throw CommandFailure(code: .periodClosed, lines: [error.localizedDescription])
        case .invalid: throw CommandFailure(code: .badData, lines: [error.localizedDescription])
        case .usage: throw CommandFailure(code: .usage, lines: [error.localizedDescription])
        }
    } catch let error as CommandFailure {
        throw error
    } catch let error as ImportError {
        throw error
    } catch {
        throw CommandFailure(code: .badData, lines: [error.localizedDescription])
    }
}

/// A period argument, checked in `validate()`.
func parsePeriod(_ text: String) throws -> Period {
    guard let period = Period(text) else {
        throw CommandFailure.usage("`\(text)` is not a period; write YYYY-MM, YYYY-Qn or YYYY")
    }
    return period
}
