/// Why a file could not be analysed (fully), as written in a report's `error` field.
///
/// JSON keys (a contract): `code`, `message`. Codes are `stage.reason` strings such as
/// `io.not_found`, `format.unsupported`, `container.truncated`, `decode.corrupt`, `model.not_found`.
public struct ReportError: Error, Sendable, Hashable, Codable, CustomStringConvertible {
    /// A stable, machine-readable code (`stage.reason`).
    public var code: String
    /// A message for people.
    public var message: String

    /// Creates an error.
    public init(code: String, message: String) {
        self.code = code
        self.message = message
    }

    /// `code: message`.
    public var description: String { "\(code): \(message)" }

    enum CodingKeys: String, CodingKey {
        case code, message
    }
}
