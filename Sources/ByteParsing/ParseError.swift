/// An error raised while parsing untrusted bytes.
///
/// Every parse error carries a stable ``Code`` that callers can match on, the byte offset
/// (from the start of the file or buffer being parsed) where the problem was found when it is
/// known, and a message for people. Two errors compare equal when their codes are equal.
public struct ParseError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A stable, machine-readable error code.
    ///
    /// Codes are a struct over a string so new codes can be added without breaking callers.
    public struct Code: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        /// The code as it appears in JSON output (for example `truncated`).
        public let rawValue: String

        /// Creates a code from its string form.
        public init(rawValue: String) { self.rawValue = rawValue }

        /// The code's string form.
        public var description: String { rawValue }

        /// The input ended before a structure it announced was complete.
        public static let truncated = Code(rawValue: "truncated")
        /// A field holds a value that the format does not allow.
        public static let invalidValue = Code(rawValue: "invalid_value")
        /// A structure is larger, longer or more numerous than the configured ``ParseLimits`` allow.
        public static let limitExceeded = Code(rawValue: "limit_exceeded")
        /// A checksum (for example a PNG chunk CRC) does not match the data it covers.
        public static let checksumMismatch = Code(rawValue: "checksum_mismatch")
        /// Nested structures go deeper than the configured depth limit.
        public static let depthExceeded = Code(rawValue: "depth_exceeded")
        /// A chain of offsets loops back on itself (for example an EXIF IFD cycle).
        public static let cycleDetected = Code(rawValue: "cycle_detected")
        /// The input is well formed but uses a feature or format this library does not support.
        public static let unsupported = Code(rawValue: "unsupported")
        /// Bytes remain after a structure that must end the input.
        public static let trailingData = Code(rawValue: "trailing_data")
        /// The bytes are not in any format this library recognises.
        public static let unknownFormat = Code(rawValue: "unknown_format")
    }

    /// What went wrong.
    public let code: Code
    /// The byte offset where the problem was detected, when known.
    public let offset: Int?
    /// A human-readable explanation.
    public let message: String

    /// Creates an error.
    public init(_ code: Code, at offset: Int?, _ message: String) {
        self.code = code
        self.offset = offset
        self.message = message
    }

    /// `code at offset N: message`.
    public var description: String {
        if let offset { return "\(code) at offset \(offset): \(message)" }
        return "\(code): \(message)"
    }

    /// Errors are equal when their codes are equal.
    public static func == (lhs: ParseError, rhs: ParseError) -> Bool { lhs.code == rhs.code }

    /// Hashes the code only, consistent with equality.
    public func hash(into hasher: inout Hasher) { hasher.combine(code) }
}
