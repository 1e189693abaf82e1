import ByteParsing

/// Builds a ``ContainerInfo`` for a JPEG file from its marker segments.
enum JPEGContainerReader {
    static func read(_ bytes: [UInt8], limits: ParseLimits) throws(ParseError) -> ContainerInfo {
        let walk = try JPEGSegmentParser.parse(bytes, limits: limits)
        var frame: JPEGFrameHeader?
        var tablesBySlot: [Int: [UInt16]] = [:]
        var applicationSegments: [JPEGApplicationSegmentInfo] = []
        var comments: [String] = []
        var warnings: [String] = []
        var application = JPEGApplicationSegmentReader(limits: limits)

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
                comments.append(TextDecoding.utf8OrLatin1(payload))
            case 0xE0...0xEF:
                let identifier = JPEGApplicationIdentifier.identifier(of: payload)
                applicationSegments.append(
                    JPEGApplicationSegmentInfo(
                        number: Int(segment.marker - 0xE0), offset: segment.offset, length: payload.count,
                        identifier: identifier))
                do throws(ParseError) {
                    try application.read(marker: segment.marker, payload: payload)
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
        guard walk.scanCount > 0 else {
            if !walk.endsWithEOI {
                throw ParseError(.truncated, at: walk.endOffset, "the JPEG data ends before the first scan")
            }
            throw ParseError(.invalidValue, at: walk.endOffset, "no start-of-scan segment")
        }
        guard frame.height > 0 else {
            throw ParseError(.unsupported, at: nil, "frame height 0 (height given by a DNL segment) is not supported")
        }
        let (pixels, overflow) = frame.width.multipliedReportingOverflow(by: frame.height)
        guard !overflow, pixels <= limits.maxPixels else {
            throw ParseError(
                .limitExceeded, at: nil, "\(frame.width)x\(frame.height) exceeds the \(limits.maxPixels)-pixel limit")
        }

        var metadata = try application.finish(warnings: &warnings)
        metadata.comments = comments
        let slots = Set(frame.components.map(\.quantizationTable)).sorted().filter { tablesBySlot[$0] != nil }
        let tables = slots.compactMap { tablesBySlot[$0] }
        let info = JPEGInfo(
            frameMarker: Int(frame.marker), progressive: frame.isProgressive, arithmetic: frame.isArithmetic,
            lossless: frame.isLossless, hierarchical: frame.isHierarchical, components: frame.components,
            subsampling: frame.subsampling, quantizationTables: tables, quantizationTableSlots: slots,
            estimatedQuality: frame.isLossless ? nil : JPEGQuality.estimate(tables),
            applicationSegments: applicationSegments, hasJFIF: application.hasJFIF,
            adobeTransform: application.adobeTransform, jumbfSegmentCount: application.jumbfCount,
            scanCount: walk.scanCount, endsWithEOI: walk.endsWithEOI)
        return ContainerInfo(
            format: .jpeg, width: frame.width, height: frame.height, bitDepth: frame.precision,
            colorModel: colorModel(frame, hasJFIF: application.hasJFIF, adobeTransform: application.adobeTransform),
            jpeg: info, metadata: metadata, warnings: warnings)
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
