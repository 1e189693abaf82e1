import ByteParsing

/// Builds a ``ContainerInfo`` for a JPEG file from its marker segments.
enum JPEGContainerReader {
    static func read(_ bytes: [UInt8], limits: ParseLimits) throws(ParseError) -> ContainerInfo {
        let walk = try JPEGSegmentParser.parse(bytes, limits: limits)
        var frame: JPEGFrameHeader?
        var tablesBySlot: [Int: [UInt16]] = [:]
        var applicationSegments: [JPEGApplicationSegmentInfo] = []
        var metadata = ImageMetadata()
        var warnings: [String] = []
        var hasJFIF = false
        var adobeTransform: Int?
        var jumbfCount = 0
        var icc = ICCProfileAssembler()
        var extendedXMP = ExtendedXMPAssembler()
        var mainXMP: XMPSummary?

        for segment in walk.segments {
            let payload = bytes[segment.payloadRange]
            let reader = ByteReader(bytes, range: segment.payloadRange)
            if segment.isStartOfFrame {
                if frame == nil { frame = try JPEGFrameHeader(marker: segment.marker, payload: reader) }
                continue
            }
            switch segment.marker {
            case JPEGMarker.dqt:
                for table in try JPEGQuantizationTable.parseSegment(reader) { tablesBySlot[table.slot] = table.values }
            case JPEGMarker.com:
                metadata.comments.append(TextDecoding.utf8OrLatin1(payload))
            case 0xE0...0xEF:
                let identifier = JPEGApplicationIdentifier.identifier(of: payload)
                applicationSegments.append(
                    JPEGApplicationSegmentInfo(
                        number: Int(segment.marker - 0xE0), offset: segment.offset, length: payload.count,
                        identifier: identifier))
                do throws(ParseError) {
                    try readApplication(
                        segment.marker, payload, limits: limits, metadata: &metadata, mainXMP: &mainXMP,
                        extendedXMP: &extendedXMP, icc: &icc, hasJFIF: &hasJFIF, adobeTransform: &adobeTransform,
                        jumbfCount: &jumbfCount)
                } catch {
                    if error.code == .limitExceeded { throw error }
                    warnings.append("APP\(segment.marker - 0xE0) \(identifier): \(error)")
                }
            default:
                break
            }
        }

        guard let frame else {
            if !walk.endsWithEOI {
                throw ParseError(.truncated, at: walk.endOffset, "the JPEG data ends before a start-of-frame segment")
            }
            throw ParseError(.invalidValue, at: walk.endOffset, "no start-of-frame segment")
        }
        guard frame.height > 0 else {
            throw ParseError(.unsupported, at: nil, "frame height 0 (height given by a DNL segment) is not supported")
        }
        let (pixels, overflow) = frame.width.multipliedReportingOverflow(by: frame.height)
        guard !overflow, pixels <= limits.maxPixels else {
            throw ParseError(
                .limitExceeded, at: nil, "\(frame.width)x\(frame.height) exceeds the \(limits.maxPixels)-pixel limit")
        }

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
                    let guid = extendedGUID(in: xmp.packet)
                    if let packet = try extendedXMP.assemble(guid: guid, limits: limits) {
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

        let slots = Set(frame.components.map(\.quantizationTable)).sorted().filter { tablesBySlot[$0] != nil }
        let tables = slots.compactMap { tablesBySlot[$0] }
        let info = JPEGInfo(
            frameMarker: Int(frame.marker), progressive: frame.isProgressive, arithmetic: frame.isArithmetic,
            lossless: frame.isLossless, hierarchical: frame.isHierarchical, components: frame.components,
            subsampling: frame.subsampling, quantizationTables: tables, quantizationTableSlots: slots,
            estimatedQuality: frame.isLossless ? nil : JPEGQuality.estimate(tables),
            applicationSegments: applicationSegments, hasJFIF: hasJFIF, adobeTransform: adobeTransform,
            jumbfSegmentCount: jumbfCount, scanCount: walk.scanCount, endsWithEOI: walk.endsWithEOI)
        return ContainerInfo(
            format: .jpeg, width: frame.width, height: frame.height, bitDepth: frame.precision,
            colorModel: colorModel(frame, hasJFIF: hasJFIF, adobeTransform: adobeTransform), jpeg: info,
            metadata: metadata, warnings: warnings)
    }

    // swiftlint:disable:next function_parameter_count
    private static func readApplication(
        _ marker: UInt8, _ payload: ArraySlice<UInt8>, limits: ParseLimits, metadata: inout ImageMetadata,
        mainXMP: inout XMPSummary?, extendedXMP: inout ExtendedXMPAssembler, icc: inout ICCProfileAssembler,
        hasJFIF: inout Bool, adobeTransform: inout Int?, jumbfCount: inout Int
    ) throws(ParseError) {
        switch marker {
        case 0xE0:
            if JPEGApplicationIdentifier.matches(payload, JPEGApplicationIdentifier.jfif) { hasJFIF = true }
        case JPEGMarker.app1:
            if JPEGApplicationIdentifier.matches(payload, JPEGApplicationIdentifier.exif) {
                guard metadata.exif == nil else { return }
                let tiff = Array(payload.dropFirst(6))
                do throws(ParseError) {
                    metadata.exif = try EXIFParser.parse(tiff, limits: limits)
                } catch {
                    // Report offsets in file coordinates.
                    throw ParseError(error.code, at: error.offset.map { $0 + payload.startIndex + 6 }, "EXIF: \(error.message)")
                }
            } else if JPEGApplicationIdentifier.matches(payload, JPEGApplicationIdentifier.xmp) {
                guard mainXMP == nil else { return }
                let body = payload.dropFirst(JPEGApplicationIdentifier.xmp.utf8.count + 1)
                mainXMP = XMPParser.parse(xmpText(body), limits: limits)
            } else if JPEGApplicationIdentifier.matches(payload, JPEGApplicationIdentifier.extendedXMP) {
                try extendedXMP.add(payload)
            }
        case JPEGMarker.app2:
            if JPEGApplicationIdentifier.matches(payload, JPEGApplicationIdentifier.iccProfile) { try icc.add(payload) }
        case JPEGMarker.app11:
            if JUMBFProbe.isJUMBF(payload) {
                jumbfCount += 1
                if JUMBFProbe.isC2PAManifestStore(payload) { metadata.hasC2PA = true }
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

    private static func colorModel(_ frame: JPEGFrameHeader, hasJFIF: Bool, adobeTransform: Int?) -> String {
        switch frame.components.count {
        case 1:
            return "gray"
        case 3:
            if adobeTransform == 0 { return "rgb" }
            if hasJFIF || adobeTransform == 1 { return "ycbcr" }
            let ids = frame.components.map(\.id)
            return ids == [0x52, 0x47, 0x42] ? "rgb" : "ycbcr"
        case 4:
            return adobeTransform == 2 ? "ycck" : "cmyk"
        default:
            return "unknown"
        }
    }
}
