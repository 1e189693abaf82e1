import ByteParsing

/// Collects metadata from a JPEG file's APPn segments, in file order, then finishes the
/// multi-segment items (ICC profile parts, extended XMP).
struct JPEGApplicationSegmentReader {
    let limits: ParseLimits
    private(set) var metadata = ImageMetadata()
    private(set) var hasJFIF = false
    private(set) var adobeTransform: Int?
    private(set) var jumbfCount = 0
    /// Non-fatal problems found inside otherwise readable items (for example an EXIF IFD cycle).
    private(set) var issues: [String] = []
    private var icc = ICCProfileAssembler()
    private var extendedXMP = ExtendedXMPAssembler()
    private var mainXMP: XMPSummary?

    init(limits: ParseLimits) { self.limits = limits }

    /// Reads one APPn payload (the bytes after the length field).
    mutating func read(marker: UInt8, payload: ArraySlice<UInt8>) throws(ParseError) {
        switch marker {
        case 0xE0:
            if JPEGApplicationIdentifier.matches(payload, JPEGApplicationIdentifier.jfif) { hasJFIF = true }
        case JPEGMarker.app1:
            if JPEGApplicationIdentifier.matches(payload, JPEGApplicationIdentifier.exif) {
                try readEXIF(payload)
            } else if JPEGApplicationIdentifier.matches(payload, JPEGApplicationIdentifier.xmp) {
                guard mainXMP == nil else { return }
                let body = payload.dropFirst(JPEGApplicationIdentifier.xmp.utf8.count + 1)
                mainXMP = XMPParser.parse(Self.xmpText(body), limits: limits)
            } else if JPEGApplicationIdentifier.matches(payload, JPEGApplicationIdentifier.extendedXMP) {
                try extendedXMP.add(payload)
            }
        case JPEGMarker.app2:
            if JPEGApplicationIdentifier.matches(payload, JPEGApplicationIdentifier.iccProfile) { try icc.add(payload) }
        case JPEGMarker.app11:
            if JUMBFProbe.isJUMBF(payload) { jumbfCount += 1 }
            if JUMBFProbe.isC2PAManifestStore(payload) { metadata.hasC2PA = true }
        case 0xED:  // APP13
            if metadata.iptc == nil, JPEGApplicationIdentifier.matches(payload, IPTCParser.identifier) {
                metadata.iptc = try IPTCParser.parse(app13: payload, limits: limits)
            }
        case JPEGMarker.app14:
            if TextDecoding.hasPrefix(payload, JPEGApplicationIdentifier.adobe) {
                guard payload.count >= 12 else {
                    throw ParseError(.truncated, at: payload.startIndex, "Adobe APP14 segment is shorter than 12 bytes")
                }
                adobeTransform = Int(payload[payload.startIndex + 11])
            }
        default:
            break
        }
    }

    /// Reads the first `Exif` APP1; later ones are ignored.
    private mutating func readEXIF(_ payload: ArraySlice<UInt8>) throws(ParseError) {
        guard metadata.exif == nil else { return }
        let base = payload.startIndex + 6
        let tiff = Array(payload.dropFirst(6))
        do throws(ParseError) {
            let (summary, found) = try EXIFParser.parseTolerant(tiff, limits: limits)
            metadata.exif = summary
            // Report offsets in file coordinates.
            for issue in found {
                let located = ParseError(issue.code, at: issue.offset.map { $0 + base }, "EXIF: \(issue.message)")
                issues.append("APP1 Exif: \(located)")
            }
        } catch {
            throw ParseError(error.code, at: error.offset.map { $0 + base }, "EXIF: \(error.message)")
        }
    }

    /// Assembles the ICC profile and merges extended XMP; problems are appended to `warnings`.
    mutating func finish(warnings: inout [String]) throws(ParseError) -> ImageMetadata {
        warnings += issues
        if !icc.isEmpty {
            do throws(ParseError) {
                metadata.iccProfile = try icc.assemble()
            } catch {
                warnings.append("ICC profile: \(error)")
            }
        }
        if var xmp = mainXMP {
            if !extendedXMP.isEmpty {
                do throws(ParseError) {
                    if let packet = try extendedXMP.assemble(guid: Self.extendedGUID(in: xmp.packet), limits: limits) {
                        xmp.extendedPacket = packet
                        xmp.fillMissing(from: XMPParser.parse(packet, limits: limits))
                    }
                } catch {
                    if error.code == .limitExceeded { throw error }
                    warnings.append("extended XMP: \(error)")
                }
            }
            metadata.xmp = xmp
        }
        return metadata
    }

    /// Decodes an XMP packet body, dropping trailing NUL padding.
    private static func xmpText(_ body: ArraySlice<UInt8>) -> String {
        var end = body.endIndex
        while end > body.startIndex && body[end - 1] == 0 { end -= 1 }
        return TextDecoding.utf8OrLatin1(body[body.startIndex..<end])
    }

    /// The `xmpNote:HasExtendedXMP` GUID named by the main packet, if any.
    private static func extendedGUID(in packet: String) -> String? {
        guard let range = packet.firstRange(of: "HasExtendedXMP") else { return nil }
        let tail = packet[range.upperBound...].drop { !$0.isHexDigit }
        let guid = tail.prefix { $0.isHexDigit }
        return guid.count == 32 ? String(guid) : nil
    }
}
