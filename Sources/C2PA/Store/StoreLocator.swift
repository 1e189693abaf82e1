import ByteParsing
import ImageContainers

/// Finds C2PA manifest stores in JPEG (APP11) and PNG (`caBX`) files.
public enum StoreLocator {
    /// The UUID type code of a manifest store superbox.
    static let storeTypeCode: [UInt8] = Array("c2pa".utf8)

    /// Locates every manifest store and any remote-manifest reference in `bytes`.
    public static func locate(_ bytes: [UInt8], limits: ParseLimits = .default) throws(ParseError) -> StoreLocation {
        switch ImageFormat.sniff(bytes) {
        case .jpeg: return try locateJPEG(bytes, limits: limits)
        case .png: return try locatePNG(bytes, limits: limits)
        default:
            throw ParseError(.unsupported, at: 0, "only JPEG and PNG assets are supported")
        }
    }

    // MARK: JPEG

    private struct Packet {
        let segment: JPEGSegment
        let sequence: UInt32
        let boxRange: Range<Int>
    }

    static func locateJPEG(_ bytes: [UInt8], limits: ParseLimits) throws(ParseError) -> StoreLocation {
        let segments: [JPEGSegment]
        do {
            segments = try JPEGSegmentParser.parse(bytes, limits: limits).segments
        } catch {
            // Damaged scan data or stray bytes: keep the header segments that precede the damage.
            segments = try lenientHeaderSegments(bytes, limits: limits)
        }
        var groups: [UInt16: [Packet]] = [:]
        var order: [UInt16] = []
        var remote: String?
        for segment in segments {
            let payload = segment.payloadRange
            if segment.marker == JPEGMarker.app1, remote == nil {
                remote = XMPProvenance.find(inAPP1: bytes, payload: payload)
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
        var stores: [EmbeddedStore] = []
        for instance in order {
            guard let packets = groups[instance]?.sorted(by: { $0.sequence < $1.sequence }),
                let first = packets.first, isC2PASuperbox(bytes, first.boxRange)
            else { continue }
            var assembled = Array(bytes[first.boxRange])
            let headerLength = readUInt32(bytes, first.boxRange.lowerBound) == 1 ? 16 : 8
            for packet in packets.dropFirst() {
                guard packet.boxRange.count >= headerLength else {
                    throw ParseError(.truncated, at: packet.segment.offset, "APP11 continuation segment shorter than its box header")
                }
                assembled.append(contentsOf: bytes[(packet.boxRange.lowerBound + headerLength)..<packet.boxRange.upperBound])
            }
            let carriers = packets.map(\.segment.range).sorted { $0.lowerBound < $1.lowerBound }
            stores.append(EmbeddedStore(bytes: assembled, carrierRanges: carriers))
        }
        return StoreLocation(format: "jpeg", stores: stores, remoteURL: remote)
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

    private static func readUInt32(_ bytes: [UInt8], _ offset: Int) -> UInt32 {
        guard offset + 4 <= bytes.count else { return 0 }
        return bytes[offset..<(offset + 4)].reduce(0) { ($0 << 8) | UInt32($1) }
    }

    /// Whether the box at `range` is a `jumb` superbox whose description says `c2pa`.
    static func isC2PASuperbox(_ bytes: [UInt8], _ range: Range<Int>) -> Bool {
        let start = range.lowerBound
        let extended = readUInt32(bytes, start) == 1
        let descriptionStart = start + (extended ? 16 : 8)
        guard range.count >= (descriptionStart - start) + 12 else { return false }
        guard Array(bytes[(start + 4)..<(start + 8)]) == Array("jumb".utf8),
            Array(bytes[(descriptionStart + 4)..<(descriptionStart + 8)]) == Array("jumd".utf8)
        else { return false }
        return Array(bytes[(descriptionStart + 8)..<(descriptionStart + 12)]) == storeTypeCode
    }

    // MARK: PNG

    /// Walks PNG chunks by their lengths only: C2PA does not need chunk CRCs (the data hash covers every
    /// byte), and skipping them keeps location cheap on large images.
    static func locatePNG(_ bytes: [UInt8], limits: ParseLimits) throws(ParseError) -> StoreLocation {
        var reader = ByteReader(bytes)
        guard Array(try reader.readBytes(8)) == PNGChunkParser.signature else {
            throw ParseError(.unknownFormat, at: 0, "not a PNG file (bad signature)")
        }
        var stores: [EmbeddedStore] = []
        var remote: String?
        var count = 0
        while !reader.isAtEnd {
            count += 1
            guard count <= limits.maxItems else {
                throw ParseError(.limitExceeded, at: reader.offset, "more than \(limits.maxItems) PNG chunks")
            }
            let start = reader.offset
            let length = Int(try reader.readUInt32())
            guard length <= 0x7FFF_FFFF else {
                throw ParseError(.invalidValue, at: start, "chunk length \(length) exceeds 2^31-1")
            }
            let type = String(decoding: try reader.readBytes(4), as: UTF8.self)
            let data = try reader.readRange(length)
            try reader.skip(4)  // CRC
            if type == "caBX" {
                stores.append(EmbeddedStore(bytes: Array(bytes[data]), carrierRanges: [start..<reader.offset]))
            } else if type == "iTXt", remote == nil {
                remote = XMPProvenance.find(inITXt: bytes, data: data)
            } else if type == "IEND" {
                break
            }
        }
        return StoreLocation(format: "png", stores: stores, remoteURL: remote)
    }
}
