import ByteParsing

/// Identifies an image file from its bytes and reads its structure and metadata without decoding pixels.
public enum ContainerParser {
    /// Parses `bytes` as an image container.
    ///
    /// The format is sniffed from the leading bytes. JPEG, PNG, WebP, HEIF/HEIC, AVIF and TIFF/DNG are
    /// parsed; so are the containers of GIF images and MP4/QuickTime video (structure, size and metadata
    /// only: ``ImageFormat/isSupported`` says which formats Provenant decodes). BMP, JPEG XL and WebM are
    /// recognised and rejected with ``ParseError/Code/unsupported`` naming the format.
    ///
    /// Structural problems (truncation, bad lengths, CRC mismatches, invalid headers) throw.
    /// Problems inside optional metadata (a corrupt EXIF block, an undecodable text chunk) are
    /// reported in ``ContainerInfo/warnings`` instead, except resource-limit violations
    /// (``ParseError/Code/limitExceeded``, for example a decompression bomb), which always throw.
    public static func parse(_ bytes: [UInt8], limits: ParseLimits = .default) throws(ParseError) -> ContainerInfo {
        guard bytes.count <= limits.maxFileBytes else {
            throw ParseError(.limitExceeded, at: 0, "file of \(bytes.count) bytes exceeds the \(limits.maxFileBytes)-byte limit")
        }
        let format = ImageFormat.sniff(bytes)
        switch format {
        case .jpeg:
            return try JPEGContainerReader.read(bytes, limits: limits)
        case .png:
            return try PNGContainerReader.read(bytes, limits: limits)
        case .webp:
            return try FormatContainerReaders.webp(bytes, limits: limits)
        case .heif, .avif, .mp4, .mov:
            return try FormatContainerReaders.bmff(bytes, format: format, limits: limits)
        case .gif:
            return try FormatContainerReaders.gif(bytes, limits: limits)
        case .tiff:
            return try FormatContainerReaders.tiff(bytes, limits: limits)
        case .unknown:
            throw ParseError(.unknownFormat, at: 0, "the data is not in a recognised image format")
        default:
            throw ParseError(.unsupported, at: 0, "\(format.displayName) files are recognised but not supported yet")
        }
    }
}
