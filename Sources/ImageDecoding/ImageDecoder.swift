internal import ByteParsing
internal import ImageContainers

/// Decodes JPEG, PNG, WebP, HEIF/HEIC, AVIF and TIFF/DNG files to 8-bit RGB.
///
/// The format is identified from the bytes (``ImageFormat/sniff(_:)``), never from a file name.
/// Size limits from ``DecodeOptions/limits`` are checked against the file size first and against
/// the dimensions in the header before any pixel buffer is allocated. Damaged, truncated or
/// unsupported input raises ``DecodeError``; the underlying C libraries are guarded so that no
/// input can crash or exit the process.
public enum ImageDecoder {
    /// Decodes `bytes` with `options`.
    public static func decode(_ bytes: [UInt8], options: DecodeOptions = .init()) throws(DecodeError) -> DecodedImage {
        guard bytes.count <= options.limits.maxFileBytes else {
            throw DecodeError(
                .limitExceeded, "input is \(bytes.count) bytes; the limit is \(options.limits.maxFileBytes)")
        }
        let format = ImageFormat.sniff(bytes)
        switch format {
        case .jpeg:
            return try JPEGPixelDecoder.decode(bytes, options: options)
        case .png:
            return try PNGPixelDecoder.decode(bytes, options: options)
        case .webp:
            return try WebPPixelDecoder.decode(bytes, options: options)
        case .heif, .avif:
            return try HEIFPixelDecoder.decode(bytes, format: format, options: options)
        case .tiff:
            return try TIFFPixelDecoder.decode(bytes, options: options)
        case .unknown:
            throw DecodeError(.unsupportedFormat, at: 0, "unrecognised image format")
        default:
            throw DecodeError(.unsupportedFormat, at: 0, "\(format.decoderMessageName) images are not supported yet")
        }
    }

    /// Checks `width × height` against the pixel limit without overflowing.
    static func checkPixels(width: Int, height: Int, limits: ParseLimits, format: String) throws(DecodeError) {
        guard width > 0, height > 0 else {
            throw DecodeError(.corrupt, "\(format) header declares an empty image (\(width)×\(height))")
        }
        let (pixels, overflow) = width.multipliedReportingOverflow(by: height)
        guard !overflow, pixels <= limits.maxPixels else {
            throw DecodeError(
                .limitExceeded, "\(format) image is \(width)×\(height); the limit is \(limits.maxPixels) pixels")
        }
    }

    /// Resolves the requested region against the scaled output size.
    static func resolveRegion(_ region: PixelRegion?, width: Int, height: Int) throws(DecodeError) -> PixelRegion {
        guard let region else { return PixelRegion(x: 0, y: 0, width: width, height: height) }
        guard region.fits(width: width, height: height) else {
            throw DecodeError(
                .invalidArgument,
                "region \(region.x),\(region.y) \(region.width)×\(region.height) is outside the \(width)×\(height) output")
        }
        return region
    }
}

extension ImageFormat {
    /// A human-readable name for messages (a lookup rather than a switch, so formats added to
    /// ImageContainers later still get a name).
    var decoderMessageName: String {
        let names: [ImageFormat: String] = [
            .jpeg: "JPEG", .png: "PNG", .webp: "WebP", .gif: "GIF", .tiff: "TIFF", .heif: "HEIF", .avif: "AVIF",
            .bmp: "BMP", .jpegXL: "JPEG XL", .mp4: "MP4", .mov: "QuickTime", .webm: "WebM",
        ]
        return names[self] ?? rawValue
    }
}
