import Foundation

/// Why the engine refused or failed; the CLI maps each case to its exit code (docs/cli.md, exit codes).
public enum AppraisalError: LocalizedError, Equatable {
    /// Exit 3: the actor lacks a right. The message names the right and nothing about the record.
    case permissionDenied(String)
    /// Exit 4: the period is closed.
    case periodClosed(String)
    /// Exit 1: the request cannot be met with this data.
    case invalid(String)
    /// Exit 2: an argument names nothing (for those allowed to know).
    case usage(String)

    public var errorDescription: String? {
        switch self {
        case .permissionDenied(let message): return "permission denied: \(message)"
        case .periodClosed(let message), .invalid(let message), .usage(let message): return message
        }
    }
}
