public import ByteParsing

/// The limits checked before a WebP, HEIF/AVIF or TIFF decode allocates pixel memory: the file size
/// (checked by ``ImageDecoder``), the pixel count, and the memory the decode needs.
///
/// Kept in one place so that a per-file decode budget can replace it without touching the decoders.
public enum FormatDecodeLimits {
    /// Bytes of pixel memory a decode of `width × height` needs: the RGBA buffer the shim fills plus
    /// the RGB and alpha planes returned.
    public static func decodeBytes(width: Int, height: Int) -> Int {
        let (pixels, overflow) = width.multipliedReportingOverflow(by: height)
        guard !overflow else { return .max }
        let (bytes, overflow2) = pixels.multipliedReportingOverflow(by: 8)
        return overflow2 ? .max : bytes
    }

    /// The largest pixel memory one decode may use: 8 bytes per pixel of the pixel limit.
    public static func maxDecodeBytes(_ limits: ParseLimits) -> Int {
        decodeBytes(width: limits.maxPixels, height: 1)
    }

    /// Throws `limitExceeded` when the image is larger than the limits allow.
    static func check(width: Int, height: Int, limits: ParseLimits, format: String) throws(DecodeError) {
        try ImageDecoder.checkPixels(width: width, height: height, limits: limits, format: format)
        let needed = decodeBytes(width: width, height: height)
        guard needed <= maxDecodeBytes(limits) else {
            throw DecodeError(.limitExceeded, "\(format) decode needs \(needed) bytes; the limit is \(maxDecodeBytes(limits))")
        }
    }
}
