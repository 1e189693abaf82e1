import ImageContainers

/// What a file is, judged from its first bytes (never its name).
public enum FileKind: String, Sendable, Hashable {
    /// A JPEG, PNG, WebP, HEIF/HEIC, AVIF or TIFF/DNG image, which Provenant analyses.
    case supportedImage = "supported_image"
    /// An MP4, QuickTime or WebM video, which Provenant analyses frame by frame.
    case video
    /// An image in a format Provenant recognises but cannot read yet (GIF, BMP, JPEG XL).
    case unsupportedImage = "unsupported_image"
    /// No known image signature.
    case notImage = "not_image"

    /// Classifies a file from its first bytes (64 cover an ISO BMFF `ftyp` brand list).
    public static func classify(_ head: [UInt8]) -> FileKind {
        let format = ImageFormat.sniff(head)
        if format == .unknown { return .notImage }
        if format.isVideo { return .video }
        return format.isSupported ? .supportedImage : .unsupportedImage
    }

    /// The sniffed format's name (`jpeg`, `png`, `webp`, `heif`, `avif`, `tiff`, `gif`, `mp4`, `mov`, `webm`, …, `unknown`).
    public static func formatName(_ head: [UInt8]) -> String { ImageFormat.sniff(head).rawValue }
}
