internal import CImageShims

/// Encodes RGB images as PNG (libpng, in memory).
public enum PNGEncoder {
    /// Encodes `image` as an 8-bit RGB, non-interlaced PNG with no ancillary chunks.
    public static func encode(_ image: RGBImage) throws(DecodeError) -> [UInt8] {
        guard image.isWellFormed else {
            throw DecodeError(.invalidArgument, "image is \(image.width)×\(image.height) with \(image.pixels.count) samples")
        }
        guard image.width <= Int(Int32.max), image.height <= Int(Int32.max) else {
            throw DecodeError(.invalidArgument, "PNG dimensions are limited to 2^31-1 pixels")
        }
        return try image.pixels.withUnsafeBufferPointer { (pixels) throws(DecodeError) -> [UInt8] in
            try CEncoderCall.run(format: "PNG") { data, size, message, capacity in
                img_png_encode_rgb(
                    pixels.baseAddress, UInt32(image.width), UInt32(image.height), data, size, message, capacity)
            }
        }
    }
}
