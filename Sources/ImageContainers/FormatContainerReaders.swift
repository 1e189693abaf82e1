import ByteParsing

/// Builds ``ContainerInfo`` for the formats described by a ``ContainerIndex`` plus a header record:
/// WebP, HEIF/AVIF, MP4/QuickTime (the container only), TIFF/DNG and GIF (the container only).
enum FormatContainerReaders {
    static func checkPixels(_ width: Int, _ height: Int, limits: ParseLimits, format: ImageFormat) throws(ParseError) {
        guard width > 0, height > 0 else {
            throw ParseError(.invalidValue, at: nil, "\(format.displayName) image size \(width)x\(height) is empty")
        }
        let (pixels, overflow) = width.multipliedReportingOverflow(by: height)
        guard !overflow, pixels <= limits.maxPixels else {
            throw ParseError(.limitExceeded, at: nil, "\(width)x\(height) exceeds the \(limits.maxPixels)-pixel limit")
        }
    }

    static func webp(_ bytes: [UInt8], limits: ParseLimits) throws(ParseError) -> ContainerInfo {
        let (index, info) = try WebPIndexHandler.parse(bytes, limits: limits)
        try checkPixels(info.width, info.height, limits: limits, format: .webp)
        var warnings = index.warnings
        let metadata = IndexedMetadata.metadata(from: index, limits: limits, warnings: &warnings)
        if info.animated { warnings.append("animated WebP with \(info.frameCount) frames: the first frame is analysed") }
        return ContainerInfo(
            format: .webp, width: info.width, height: info.height, bitDepth: 8, colorModel: info.hasAlpha ? "rgba" : "rgb",
            webp: info, metadata: metadata, warnings: warnings)
    }

    static func bmff(_ bytes: [UInt8], format: ImageFormat, limits: ParseLimits) throws(ParseError) -> ContainerInfo {
        let (index, info) = try BMFFIndexHandler.parse(bytes, format: format, limits: limits)
        if format.isVideo, !(index.boxes ?? []).contains(where: { $0.name == "moov" }) {
            throw ParseError(.invalidValue, at: 0, "\(format.displayName) file without a movie (moov) box")
        }
        // A video file may be audio-only (no visual track gives a size); an image must have a size.
        if !format.isVideo || info.width > 0 || info.height > 0 {
            try checkPixels(info.width, info.height, limits: limits, format: format)
        }
        var warnings = index.warnings
        let metadata = IndexedMetadata.metadata(from: index, limits: limits, warnings: &warnings)
        if info.hasSequence, !format.isVideo { warnings.append("\(format.displayName) image sequence: the primary image is analysed") }
        return ContainerInfo(
            format: format, width: info.width, height: info.height, bitDepth: 8, colorModel: "ycbcr", bmff: info,
            metadata: metadata, warnings: warnings)
    }

    static func gif(_ bytes: [UInt8], limits: ParseLimits) throws(ParseError) -> ContainerInfo {
        let (index, info) = try GIFIndexHandler.parse(bytes, limits: limits)
        try checkPixels(info.width, info.height, limits: limits, format: .gif)
        var warnings = index.warnings
        let metadata = IndexedMetadata.metadata(from: index, limits: limits, warnings: &warnings)
        return ContainerInfo(
            format: .gif, width: info.width, height: info.height, bitDepth: 8, colorModel: "palette", gif: info,
            metadata: metadata, warnings: warnings)
    }

    static func tiff(_ bytes: [UInt8], limits: ParseLimits) throws(ParseError) -> ContainerInfo {
        let (index, info) = try TIFFIndexHandler.parse(bytes, limits: limits)
        try checkPixels(info.width, info.height, limits: limits, format: .tiff)
        var warnings = index.warnings
        let metadata = IndexedMetadata.metadata(from: index, limits: limits, warnings: &warnings)
        return ContainerInfo(
            format: .tiff, width: info.width, height: info.height, bitDepth: info.bitsPerSample,
            colorModel: colorModel(info), tiff: info, metadata: metadata, warnings: warnings)
    }

    private static func colorModel(_ info: TIFFInfo) -> String {
        switch info.photometric {
        case 0, 1: return info.samplesPerPixel > 1 ? "gray_alpha" : "gray"
        case 2: return info.samplesPerPixel > 3 ? "rgba" : "rgb"
        case 3: return "palette"
        case 5: return "cmyk"
        case 6: return "ycbcr"
        case 32803: return "cfa"
        default: return "unknown"
        }
    }
}
