/// WebP-specific facts read from the RIFF chunks (no pixels decoded).
public struct WebPInfo: Sendable, Codable, Hashable {
    /// The canvas width (VP8X) or the bitstream's width.
    public var width: Int = 0
    /// The canvas height (VP8X) or the bitstream's height.
    public var height: Int = 0
    /// Whether the (first) image is lossless (VP8L).
    public var lossless: Bool = false
    /// Whether the image has alpha (VP8X flag, an `ALPH` chunk, or the VP8L alpha hint).
    public var hasAlpha: Bool = false
    /// Whether the file is an animation (VP8X animation flag or several frames).
    public var animated: Bool = false
    /// The number of frames (`ANMF` chunks; 1 for a still image).
    public var frameCount: Int = 1

    /// Creates an empty record.
    public init() {}
}
