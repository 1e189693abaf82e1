/// The limits checked before a WebP, HEIF/AVIF or TIFF decode allocates pixel memory: the file size
/// (checked by ``ImageDecoder``), the pixel count (``DecodeOptions/limits``), and the memory the decode
/// needs against the per-file ``DecodeOptions/budget``.
enum FormatDecodeLimits {
    /// Bytes of pixel memory a decode of `width × height` holds at once: the RGBA buffer the shim fills
    /// plus the RGB and alpha planes returned (8 bytes per pixel).
    static func decodeBytes(width: Int, height: Int) -> Int {
        let (pixels, overflow) = width.multipliedReportingOverflow(by: height)
        guard !overflow else { return .max }
        let (bytes, overflow2) = pixels.multipliedReportingOverflow(by: 8)
        return overflow2 ? .max : bytes
    }

    /// Throws `limitExceeded` past the pixel limit and ``DecodeError/Code/memoryBudgetExceeded`` past the budget.
    static func check(width: Int, height: Int, options: DecodeOptions, format: String) throws(DecodeError) {
        try ImageDecoder.checkPixels(width: width, height: height, limits: options.limits, format: format)
        try options.budget.checkMemory(decodeBytes(width: width, height: height), for: "the decoded pixels", format: format)
    }
}
