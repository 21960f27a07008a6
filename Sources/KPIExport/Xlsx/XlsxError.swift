import CXlsxWriter
import Foundation

/// A libxlsxwriter failure, with its own message and what the exporter was doing.
public struct XlsxError: LocalizedError, Equatable {
    public let code: Int
    public let message: String
    public let context: String

    init(_ error: lxw_error, _ context: String) {
        code = Int(error.rawValue)
        message = lxw_strerror(error).map { String(cString: $0) } ?? "error \(error.rawValue)"
        self.context = context
    }

    init(message: String, context: String) {
        code = -1
        self.message = message
        self.context = context
    }

    public var errorDescription: String? { "cannot write the workbook while \(context): \(message)" }
}

/// Throws unless libxlsxwriter reported success.
func check(_ error: lxw_error, _ context: @autoclosure () -> String) throws {
    guard error == LXW_NO_ERROR else { throw XlsxError(error, context()) }
}
