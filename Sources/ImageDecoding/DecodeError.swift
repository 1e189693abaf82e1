/// An error raised while decoding or encoding pixels.
///
/// Carries a stable ``Code``, the byte offset of the problem when known, and a message. Two
/// errors compare equal when their codes are equal.
public struct DecodeError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A stable, machine-readable error code (a struct over a string, so codes can be added).
    public struct Code: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
        /// The code as it appears in JSON output.
        public let rawValue: String

        /// Creates a code from its string form.
        public init(rawValue: String) { self.rawValue = rawValue }

        /// The code's string form.
        public var description: String { rawValue }

        /// The data ended before the image was complete.
        public static let truncated = Code(rawValue: "truncated")
        /// The data is damaged in a way the decoder cannot recover from.
        public static let corrupt = Code(rawValue: "corrupt")
        /// The format (or a feature of it, such as 12-bit JPEG) is not supported.
        public static let unsupportedFormat = Code(rawValue: "unsupported_format")
        /// The input or image is larger than the configured limits allow.
        public static let limitExceeded = Code(rawValue: "limit_exceeded")
        /// The C library failed for a reason other than the data (for example out of memory).
        public static let libraryError = Code(rawValue: "library_error")
        /// Reading or writing failed.
        public static let ioError = Code(rawValue: "io_error")
        /// The caller passed an invalid argument (a region outside the image, a malformed image).
        public static let invalidArgument = Code(rawValue: "invalid_argument")
        /// Decoding would need more memory than ``DecodeBudget/maxMemoryBytes`` (checked before the
        /// memory is allocated).
        public static let memoryBudgetExceeded = Code(rawValue: "memory_budget_exceeded")
        /// The JPEG has more scans than ``DecodeBudget/scanLimit(pixels:)`` allows for its size.
        public static let scanBudgetExceeded = Code(rawValue: "scan_budget_exceeded")
        /// The video file is larger than ``VideoLimits/maxFileBytes`` (checked before the demuxer opens it).
        public static let fileTooLarge = Code(rawValue: "file_too_large")
        /// The video is longer than ``VideoLimits/maxDurationSeconds`` (from the container header).
        public static let durationExceeded = Code(rawValue: "duration_exceeded")
        /// The video stream has more frames than ``VideoLimits/maxFrames``.
        public static let frameCountExceeded = Code(rawValue: "frame_count_exceeded")
        /// Reading the video took longer than ``VideoLimits/maxDecodeSeconds``.
        public static let timeBudgetExceeded = Code(rawValue: "time_budget_exceeded")
    }

    /// What went wrong.
    public let code: Code
    /// The byte offset where the problem was detected, when known.
    public let offset: Int?
    /// A human-readable explanation.
    public let message: String
    /// What the decoder had done when it stopped, when the error came from a decoder.
    public var work: DecodeWork?

    /// Creates an error.
    public init(_ code: Code, at offset: Int? = nil, _ message: String, work: DecodeWork? = nil) {
        self.code = code
        self.offset = offset
        self.message = message
        self.work = work
    }

    /// `code at offset N: message`.
    public var description: String {
        if let offset { return "\(code) at offset \(offset): \(message)" }
        return "\(code): \(message)"
    }

    /// Errors are equal when their codes are equal.
    public static func == (lhs: DecodeError, rhs: DecodeError) -> Bool { lhs.code == rhs.code }

    /// Hashes the code only, consistent with equality.
    public func hash(into hasher: inout Hasher) { hasher.combine(code) }
}
