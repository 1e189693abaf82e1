/// An 8-bit RGB image: interleaved samples, row-major, three bytes per pixel.
public struct RGBImage: Sendable, Equatable {
    /// Width in pixels.
    public let width: Int
    /// Height in pixels.
    public let height: Int
    /// Interleaved R, G, B samples, row-major; `count == width * height * 3`.
    public var pixels: [UInt8]

    /// Creates an image. `pixels.count` should equal `width * height * 3`; encoders reject
    /// images where it does not.
    public init(width: Int, height: Int, pixels: [UInt8]) {
        self.width = width
        self.height = height
        self.pixels = pixels
    }

    /// Whether the dimensions are positive and the pixel count matches them.
    public var isWellFormed: Bool {
        guard width > 0, height > 0 else { return false }
        let (area, overflowA) = width.multipliedReportingOverflow(by: height)
        let (count, overflowB) = area.multipliedReportingOverflow(by: 3)
        return !overflowA && !overflowB && count == pixels.count
    }

    /// The (r, g, b) samples of the pixel at column `x`, row `y`; nil when outside the image.
    public func pixel(x: Int, y: Int) -> (r: UInt8, g: UInt8, b: UInt8)? {
        guard x >= 0, y >= 0, x < width, y < height else { return nil }
        // Checked arithmetic: the dimensions of an image that is not well formed can be anything.
        let (rowStart, overflowA) = y.multipliedReportingOverflow(by: width)
        let (pixelIndex, overflowB) = rowStart.addingReportingOverflow(x)
        let (index, overflowC) = pixelIndex.multipliedReportingOverflow(by: 3)
        guard !overflowA, !overflowB, !overflowC, index < pixels.count - 2 else { return nil }
        return (pixels[index], pixels[index + 1], pixels[index + 2])
    }
}
