/// Constants of the `invisible-watermark` 0.2.0 block schemes and its OpenCV colour conversion.
///
/// The package converts BGR to YUV with OpenCV's 8-bit fixed-point BT.601 formulas (14-bit
/// coefficients, rounded and saturated), marks only the U channel, and works on the Haar LL
/// band in 4×4 blocks, i.e. 8×8 pixel blocks of the image. Both values reproduce the package
/// exactly so lossless images decode bit for bit like the reference decoder.
enum DwtDctScheme {
    /// The quantisation step of the U channel.
    static let step = 36
    /// Pixels per side of the image block that one LL block covers.
    static let pixelBlock = 8
    /// The package refuses images with fewer pixels than this, in encoder and decoder.
    static let minimumPixelCount = 256 * 256

    // OpenCV fixed-point coefficients (scaled by 2^14).
    static let r2y = 4899
    static let g2y = 9617
    static let b2y = 1868
    static let b2u = 8061
    static let r2v = 14369
    static let u2b = 33292
    static let u2g = -6472
    static let v2g = -9519
    static let v2r = 18678
    static let shift = 14
    static let half = 1 << 13
    static let chromaDelta = 128 << 14

    /// OpenCV's 8-bit luma from red, green and blue.
    @inline(__always)
    static func luma(_ r: Int, _ g: Int, _ b: Int) -> Int {
        (r &* r2y &+ g &* g2y &+ b &* b2y &+ half) >> shift
    }

    /// OpenCV's 8-bit U (blue-difference) value from red, green and blue.
    @inline(__always)
    static func chromaU(_ r: Int, _ g: Int, _ b: Int) -> Int {
        let y = luma(r, g, b)
        let u = ((b &- y) &* b2u &+ chromaDelta &+ half) >> shift
        return min(max(u, 0), 255)
    }

    /// OpenCV's 8-bit V (red-difference) value from red, green and blue.
    @inline(__always)
    static func chromaV(_ r: Int, _ g: Int, _ b: Int) -> Int {
        let y = luma(r, g, b)
        let v = ((r &- y) &* r2v &+ chromaDelta &+ half) >> shift
        return min(max(v, 0), 255)
    }

    /// OpenCV's 8-bit YUV to red, green, blue (saturated).
    @inline(__always)
    static func rgb(y: Int, u: Int, v: Int) -> (r: UInt8, g: UInt8, b: UInt8) {
        let du = u - 128
        let dv = v - 128
        let b = y + ((du &* u2b &+ half) >> shift)
        let g = y + ((du &* u2g &+ dv &* v2g &+ half) >> shift)
        let r = y + ((dv &* v2r &+ half) >> shift)
        return (clampByte(r), clampByte(g), clampByte(b))
    }

    @inline(__always)
    static func clampByte(_ value: Int) -> UInt8 {
        UInt8(truncatingIfNeeded: min(max(value, 0), 255))
    }
}
