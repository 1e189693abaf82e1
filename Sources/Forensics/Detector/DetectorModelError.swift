/// Why a detector model could not be loaded or saved.
///
/// Errors compare equal when their codes are equal.
public struct DetectorModelError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A stable, machine-readable error code.
    public struct Code: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        /// The code's string form.
        public let rawValue: String
        /// Creates a code from its string form.
        public init(rawValue: String) { self.rawValue = rawValue }
        /// The code's string form.
        public var description: String { rawValue }

        /// No model file was found where it was looked for.
        public static let notFound = Code(rawValue: "not_found")
        /// The file could not be read or written.
        public static let ioError = Code(rawValue: "io_error")
        /// The file is not a well-formed model file.
        public static let malformed = Code(rawValue: "malformed")
        /// The format name or version is not one this library reads.
        public static let unsupportedVersion = Code(rawValue: "unsupported_version")
        /// The parameters do not match the checksum stored with them.
        public static let checksumMismatch = Code(rawValue: "checksum_mismatch")
        /// Array lengths disagree with the feature spec.
        public static let dimensionMismatch = Code(rawValue: "dimension_mismatch")
    }

    /// What went wrong.
    public let code: Code
    /// Byte offset in the file, when known (model files are JSON, so usually `nil`).
    public let offset: Int?
    /// A human-readable explanation.
    public let message: String

    /// Creates an error.
    public init(_ code: Code, at offset: Int? = nil, _ message: String) {
        self.code = code
        self.offset = offset
        self.message = message
    }

    /// `code: message`.
    public var description: String {
        if let offset { return "\(code) at offset \(offset): \(message)" }
        return "\(code): \(message)"
    }

    /// Errors are equal when their codes are equal.
    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.code == rhs.code }

    /// Hashes the code only, consistent with `==`.
    public func hash(into hasher: inout Hasher) { hasher.combine(code) }
}
