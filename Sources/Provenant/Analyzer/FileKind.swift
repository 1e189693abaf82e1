import ImageContainers

/// What a file is, judged from its first bytes (never its name).
public enum FileKind: String, Sendable, Hashable {
    /// A JPEG or PNG image, which Provenant analyses.
    case supportedImage = "supported_image"
    /// An image in a format Provenant recognises but cannot read yet (WebP, GIF, TIFF, HEIF, AVIF, ...).
    case unsupportedImage = "unsupported_image"
    /// No known image signature.
    case notImage = "not_image"

    /// Classifies a file from its first bytes (16 are enough).
    public static func classify(_ head: [UInt8]) -> FileKind {
        let format = ImageFormat.sniff(head)
        if format == .unknown { return .notImage }
        return format.isSupported ? .supportedImage : .unsupportedImage
    }
}
