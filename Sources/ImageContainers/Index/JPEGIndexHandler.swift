import ByteParsing

/// Indexes a JPEG file: marker segments, APP11 JUMBF manifest stores (reassembled across segments), main XMP.
enum JPEGIndexHandler {
    /// One APP11 JUMBF packet: its segment, sequence number and the box bytes it carries.
    private struct Packet {
        let segment: JPEGSegment
        let sequence: UInt32
        let boxRange: Range<Int>
    }

    static func index(_ bytes: [UInt8], limits: ParseLimits) throws(ParseError) -> ContainerIndex {
        var index = ContainerIndex(format: .jpeg)
        let segments: [JPEGSegment]
        if let walk = try? JPEGSegmentParser.parse(bytes, limits: limits) {
            segments = walk.segments
            index.boxes = boxes(walk)
        } else {
            // Damaged scan data or stray bytes: keep the header segments that precede the damage.
            segments = try lenientHeaderSegments(bytes, limits: limits)
            index.warnings.append("the JPEG structure could not be walked to the end; header segments only")
        }
        var groups: [UInt16: [Packet]] = [:]
        var order: [UInt16] = []
        for segment in segments {
            let payload = segment.payloadRange
            if segment.marker == JPEGMarker.app1, index.xmpPacket == nil,
                JPEGApplicationIdentifier.matches(bytes[payload], JPEGApplicationIdentifier.xmp)
            {
                let body = bytes[payload].dropFirst(JPEGApplicationIdentifier.xmp.utf8.count + 1)
                index.xmpPacket = TextDecoding.utf8OrLatin1(TextDecoding.beforeNUL(body))
            }
            guard segment.marker == JPEGMarker.app11, payload.count >= 8,
                bytes[payload.lowerBound] == 0x4A, bytes[payload.lowerBound + 1] == 0x50
            else { continue }
            var reader = ByteReader(bytes, range: payload)
            try reader.skip(2)
            let instance = try reader.readUInt16()
            let sequence = try reader.readUInt32()
            if groups[instance] == nil { order.append(instance) }
            groups[instance, default: []].append(Packet(segment: segment, sequence: sequence, boxRange: reader.offset..<payload.upperBound))
        }
        for instance in order {
            guard let packets = groups[instance]?.sorted(by: { $0.sequence < $1.sequence }),
                let first = packets.first, JUMBFProbe.isC2PAStoreBox(bytes[first.boxRange])
            else { continue }
            var assembled = Array(bytes[first.boxRange])
            let headerLength = BoxHeader.readUInt32(bytes, first.boxRange.lowerBound) == 1 ? 16 : 8
            for packet in packets.dropFirst() {
                guard packet.boxRange.count >= headerLength else {
                    throw ParseError(.truncated, at: packet.segment.offset, "APP11 continuation segment shorter than its box header")
                }
                assembled.append(contentsOf: bytes[(packet.boxRange.lowerBound + headerLength)..<packet.boxRange.upperBound])
            }
            let carriers = packets.map(\.segment.range).sorted { $0.lowerBound < $1.lowerBound }
            index.manifestStores.append(ManifestStoreCarrier(bytes: assembled, carrierRanges: carriers))
        }
        return index
    }

    /// SOI, every segment (SOS extended over its entropy-coded data), then EOI when present.
    private static func boxes(_ walk: JPEGSegmentWalk) -> [ContainerBox] {
        var boxes = [ContainerBox(name: "SOI", range: 0..<2, payloadRange: 2..<2)]
        for (position, segment) in walk.segments.enumerated() {
            var end = segment.range.upperBound
            if segment.marker == JPEGMarker.sos {
                let next =
                    position + 1 < walk.segments.count
                    ? walk.segments[position + 1].offset : walk.endOffset - (walk.endsWithEOI ? 2 : 0)
                end = max(end, next)
            }
            boxes.append(ContainerBox(name: JPEGMarker.name(segment.marker), range: segment.offset..<end, payloadRange: segment.payloadRange))
        }
        if walk.endsWithEOI {
            boxes.append(ContainerBox(name: "EOI", range: (walk.endOffset - 2)..<walk.endOffset, payloadRange: walk.endOffset..<walk.endOffset))
        }
        return boxes
    }

    /// The marker segments from SOI up to the first scan, stopping quietly at the first damaged one.
    static func lenientHeaderSegments(_ bytes: [UInt8], limits: ParseLimits) throws(ParseError) -> [JPEGSegment] {
        guard bytes.count >= 2, bytes[0] == 0xFF, bytes[1] == JPEGMarker.soi else {
            throw ParseError(.unknownFormat, at: 0, "not a JPEG file (no SOI marker)")
        }
        var segments: [JPEGSegment] = []
        var position = 2
        while position + 4 <= bytes.count, segments.count < limits.maxItems {
            guard bytes[position] == 0xFF else { break }
            var markerPosition = position + 1
            while markerPosition < bytes.count && bytes[markerPosition] == 0xFF { markerPosition += 1 }
            guard markerPosition + 2 < bytes.count else { break }
            let marker = bytes[markerPosition]
            if marker == JPEGMarker.eoi || marker == JPEGMarker.sos || marker == 0x00 { break }
            if (0xD0...0xD7).contains(marker) || marker == 0x01 {
                position = markerPosition + 1
                continue
            }
            let length = Int(bytes[markerPosition + 1]) << 8 | Int(bytes[markerPosition + 2])
            let payloadStart = markerPosition + 3
            guard length >= 2, payloadStart + length - 2 <= bytes.count else { break }
            let end = payloadStart + length - 2
            segments.append(JPEGSegment(marker: marker, offset: position, totalLength: end - position, payloadRange: payloadStart..<end))
            position = end
        }
        return segments
    }
}
