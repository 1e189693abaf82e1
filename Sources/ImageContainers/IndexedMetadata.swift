import ByteParsing

/// Builds ``ImageMetadata`` from the EXIF, XMP and ICC a ``ContainerIndex`` located (WebP, HEIF/AVIF, TIFF).
enum IndexedMetadata {
    static func metadata(from index: ContainerIndex, limits: ParseLimits, warnings: inout [String]) -> ImageMetadata {
        var metadata = ImageMetadata(iccProfile: index.iccProfile, hasC2PA: index.hasC2PA)
        if let exif = index.exif {
            do throws(ParseError) {
                let (summary, issues) = try EXIFParser.parseTolerant(exif, limits: limits)
                metadata.exif = summary
                warnings += issues.map { "EXIF: \($0)" }
            } catch {
                warnings.append("EXIF: \(error)")
            }
        }
        if let packet = index.xmpPacket { metadata.xmp = XMPParser.parse(packet, limits: limits) }
        return metadata
    }
}
