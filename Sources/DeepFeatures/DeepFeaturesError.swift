/// Why a deep-stage file (CLIP weights or fused detector model) could not be loaded, or an image
/// could not be embedded.
///
/// Errors compare equal when their codes are equal.
public struct DeepFeaturesError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A stable, machine-readable error code.
    public struct Code: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        /// The code's string form.
        public let rawValue: String
        /// Creates a code from its string form.
        public init(rawValue: String) { self.rawValue = rawValue }
        /// The code's string form.
        public var description: String { rawValue }

        /// The file could not be read.
        public static let ioError = Code(rawValue: "io_error")
        /// The bytes are not a well-formed weight or model file (bad magic, header, bounds).
        public static let malformed = Code(rawValue: "malformed")
        /// The format name or version is not one this library reads.
        public static let unsupportedVersion = Code(rawValue: "unsupported_version")
        /// A tensor or vector has the wrong shape, or the architecture differs from ViT-B/16.
        public static let dimensionMismatch = Code(rawValue: "dimension_mismatch")
        /// A SHA-256 checksum does not match.
        public static let checksumMismatch = Code(rawValue: "checksum_mismatch")
        /// The image has no pixels or inconsistent dimensions.
        public static let invalidImage = Code(rawValue: "invalid_image")
    }

    /// What went wrong.
    public let code: Code
    /// Byte offset in the file, when known.
    public let offset: Int?
    /// A human-readable explanation.
    public let message: String

    /// Creates an error.
    public init(_ code: Code, at offset: Int? = nil, _ message: String) {
        self.code = code
        self.offset = offset
        self.message = message
    }

    /// `code: message`, with the offset when known.
    public var description: String {
        if let offset { return "\(code) at offset \(offset): \(message)" }
        return "\(code): \(message)"
    }

    /// Errors are equal when their codes are equal.
    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.code == rhs.code }

    /// Hashes the code only, consistent with `==`.
    public func hash(into hasher: inout Hasher) { hasher.combine(code) }
}
