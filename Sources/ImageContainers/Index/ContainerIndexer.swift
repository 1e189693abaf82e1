import ByteParsing

/// Builds a ``ContainerIndex`` for a file: sniffs the format and hands the bytes to that format's handler
/// (JPEG, PNG, WebP, ISO BMFF for HEIF/AVIF/MP4/QuickTime, TIFF, GIF).
///
/// Adding a format means adding one handler here (plus its pixel decoder in ImageDecoding).
public enum ContainerIndexer {
    /// Indexes `bytes`.
    ///
    /// - Throws: ``ParseError`` — `unknownFormat` for unrecognised data, `unsupported` for a recognised
    ///   format without a handler (BMP, JPEG XL, WebM), `limitExceeded` past ``ParseLimits``, and the
    ///   handler's structural errors.
    public static func index(_ bytes: [UInt8], limits: ParseLimits = .default) throws(ParseError) -> ContainerIndex {
        guard bytes.count <= limits.maxFileBytes else {
            throw ParseError(.limitExceeded, at: 0, "file of \(bytes.count) bytes exceeds the \(limits.maxFileBytes)-byte limit")
        }
        let format = ImageFormat.sniff(bytes)
        switch format {
        case .jpeg: return try JPEGIndexHandler.index(bytes, limits: limits)
        case .png: return try PNGIndexHandler.index(bytes, limits: limits)
        case .webp: return try WebPIndexHandler.index(bytes, limits: limits)
        case .heif, .avif, .mp4, .mov: return try BMFFIndexHandler.index(bytes, format: format, limits: limits)
        case .gif: return try GIFIndexHandler.index(bytes, limits: limits)
        case .tiff: return try TIFFIndexHandler.index(bytes, limits: limits)
        case .unknown:
            throw ParseError(.unknownFormat, at: 0, "the data is not in a recognised image format")
        default:
            throw ParseError(.unsupported, at: 0, "\(format.displayName) files are recognised but not supported yet")
        }
    }
}
