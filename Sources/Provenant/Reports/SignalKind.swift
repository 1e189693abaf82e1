/// Where a ``Signal`` comes from.
public enum SignalKind: String, Sendable, Hashable, Codable, CaseIterable {
    /// The statistical pixel detector.
    case detector
    /// An invisible watermark decoded from the pixels.
    case watermark
    /// Generator traces in unsigned metadata (text chunks, EXIF, XMP).
    case metadata
    /// A C2PA manifest (Content Credentials).
    case c2pa
}
