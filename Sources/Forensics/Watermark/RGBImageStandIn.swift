// TEMPORARY stand-in for ImageDecoding.RGBImage until branch `decoding` lands; deleted at merge.

/// Temporary stand-in (see INTERFACES.md, ImageDecoding).
public struct RGBImage: Sendable, Equatable {
    /// Width in pixels.
    public let width: Int
    /// Height in pixels.
    public let height: Int
    /// RGB interleaved, row-major.
    public var pixels: [UInt8]
    /// Creates an image.
    public init(width: Int, height: Int, pixels: [UInt8]) {
        self.width = width
        self.height = height
        self.pixels = pixels
    }
}
