internal import CImageShims

/// Encodes RGB images as lossy WebP (libwebp, in memory).
public enum WebPEncoder {
    /// The largest width or height WebP can store.
    public static let maxDimension = 16383

    /// Encodes `image` as a lossy WebP at `quality` (0...100) with libwebp's default preset
    /// (method 4), the settings image platforms and Pillow use by default. No metadata is written.
    public static func encode(_ image: RGBImage, quality: Int) throws(DecodeError) -> [UInt8] {
        guard image.isWellFormed else {
            throw DecodeError(.invalidArgument, "image is \(image.width)×\(image.height) with \(image.pixels.count) samples")
        }
        guard (0...100).contains(quality) else {
            throw DecodeError(.invalidArgument, "WebP quality \(quality) is outside 0...100")
        }
        guard image.width <= maxDimension, image.height <= maxDimension else {
            throw DecodeError(.invalidArgument, "WebP dimensions are limited to \(maxDimension) pixels")
        }
        return try image.pixels.withUnsafeBufferPointer { (pixels) throws(DecodeError) -> [UInt8] in
            try CEncoderCall.run(format: "WebP") { data, size, message, capacity in
                img_webp_encode_rgb(
                    pixels.baseAddress, UInt32(image.width), UInt32(image.height), Int32(quality), data, size, message,
                    capacity)
            }
        }
    }
}
