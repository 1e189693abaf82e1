/// A rectangle of pixels: origin at the top-left corner, `x` to the right, `y` downwards.
///
/// In ``DecodeOptions`` a region is expressed in the coordinates of the *scaled* output: with
/// ``DecodeScale/half`` on a 1000 × 800 image, the whole output is `PixelRegion(x: 0, y: 0,
/// width: 500, height: 400)`.
public struct PixelRegion: Sendable, Hashable {
    /// Left edge.
    public var x: Int
    /// Top edge.
    public var y: Int
    /// Width in pixels.
    public var width: Int
    /// Height in pixels.
    public var height: Int

    /// Creates a region.
    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = width
        self.height = height
    }

    /// Whether the region is non-empty and lies entirely inside a `width` × `height` image.
    public func fits(width imageWidth: Int, height imageHeight: Int) -> Bool {
        x >= 0 && y >= 0 && width > 0 && height > 0 && x <= imageWidth - width && y <= imageHeight - height
    }
}
