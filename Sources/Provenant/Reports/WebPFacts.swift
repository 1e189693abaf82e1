/// WebP facts: `{"lossless", "has_alpha", "animated", "frame_count"}`.
public struct WebPFacts: Sendable, Hashable, Encodable {
    /// Whether the (first) image is lossless (VP8L).
    public var lossless: Bool
    /// Whether the image has alpha.
    public var hasAlpha: Bool
    /// Whether the file is an animation.
    public var animated: Bool
    /// The number of frames (1 for a still image).
    public var frameCount: Int

    /// Creates WebP facts.
    public init(lossless: Bool, hasAlpha: Bool, animated: Bool, frameCount: Int) {
        self.lossless = lossless
        self.hasAlpha = hasAlpha
        self.animated = animated
        self.frameCount = frameCount
    }

    enum CodingKeys: String, CodingKey {
        case lossless
        case hasAlpha = "has_alpha"
        case animated
        case frameCount = "frame_count"
    }
}
