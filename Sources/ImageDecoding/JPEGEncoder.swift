internal import CImageShims

/// Encodes RGB images as JPEG (libjpeg, in memory).
public enum JPEGEncoder {
    /// Encodes `image` at IJG `quality` (1...100) with the standard tables, optionally as a
    /// progressive JPEG. The output has a JFIF header and no other metadata.
    public static func encode(
        _ image: RGBImage, quality: Int, progressive: Bool = false, subsampling: JPEGChromaSubsampling = .yuv420
    ) throws(DecodeError) -> [UInt8] {
        guard image.isWellFormed else {
            throw DecodeError(.invalidArgument, "image is \(image.width)×\(image.height) with \(image.pixels.count) samples")
        }
        guard (1...100).contains(quality) else {
            throw DecodeError(.invalidArgument, "JPEG quality \(quality) is outside 1...100")
        }
        guard image.width <= 65500, image.height <= 65500 else {
            throw DecodeError(.invalidArgument, "JPEG dimensions are limited to 65500 pixels")
        }
        return try image.pixels.withUnsafeBufferPointer { (pixels) throws(DecodeError) -> [UInt8] in
            try CEncoderCall.run(format: "JPEG") { data, size, message, capacity in
                img_jpeg_encode_rgb(
                    pixels.baseAddress, UInt32(image.width), UInt32(image.height), Int32(quality), progressive ? 1 : 0,
                    Int32(subsampling.rawValue), data, size, message, capacity)
            }
        }
    }
}
