import ByteParsing

/// Walks the marker segments of a JPEG file without decoding it.
///
/// The walk starts at SOI, records every length-carrying segment, skips entropy-coded scan
/// data (honouring byte stuffing and restart markers), and stops at EOI or at the end of the
/// data. A file that ends without EOI is accepted (many cameras append nothing after the last
/// scan, and truncated files still carry metadata), and ``JPEGSegmentWalk/endsWithEOI`` says so.
public enum JPEGSegmentParser {
    /// Parses the segments of `bytes`.
    public static func parse(_ bytes: [UInt8], limits: ParseLimits = .default) throws(ParseError) -> JPEGSegmentWalk {
        var reader = ByteReader(bytes)
        guard try reader.readUInt8() == 0xFF, try reader.readUInt8() == JPEGMarker.soi else {
            throw ParseError(.unknownFormat, at: 0, "not a JPEG file (no SOI marker)")
        }
        var segments: [JPEGSegment] = []
        var endsWithEOI = false
        var scanCount = 0
        walk: while !reader.isAtEnd {
            let leadOffset = reader.offset
            let lead = try reader.readUInt8()
            guard lead == 0xFF else {
                throw ParseError(.invalidValue, at: leadOffset, "expected a marker (0xFF), found 0x\(hex(lead))")
            }
            var marker = try reader.readUInt8()
            while marker == 0xFF { marker = try reader.readUInt8() }  // fill bytes
            // The segment starts at the 0xFF directly before the marker code (after any fill bytes).
            let markerOffset = reader.offset - 2
            switch marker {
            case JPEGMarker.eoi:
                endsWithEOI = true
                break walk
            case 0xD0...0xD7, 0x01, JPEGMarker.soi:
                continue  // markers without a length field
            case 0x00:
                throw ParseError(.invalidValue, at: markerOffset, "stuffed zero where a marker was expected")
            default:
                break
            }
            guard segments.count < limits.maxItems else {
                throw ParseError(.limitExceeded, at: markerOffset, "more than \(limits.maxItems) JPEG segments")
            }
            let lengthOffset = reader.offset
            let length = Int(try reader.readUInt16())
            guard length >= 2 else {
                throw ParseError(.invalidValue, at: lengthOffset, "segment length \(length) is below 2")
            }
            let payload = try reader.readRange(length - 2)
            segments.append(
                JPEGSegment(marker: marker, offset: markerOffset, totalLength: length + 2, payloadRange: payload))
            if marker == JPEGMarker.sos {
                scanCount += 1
                skipEntropyCodedData(&reader)
            }
        }
        return JPEGSegmentWalk(segments: segments, endsWithEOI: endsWithEOI, scanCount: scanCount, endOffset: reader.offset)
    }

    /// Advances past entropy-coded data to the next real marker (or to the end of the data).
    private static func skipEntropyCodedData(_ reader: inout ByteReader) {
        let bytes = reader.bytes
        var position = reader.offset
        let end = reader.endOffset
        while position < end {
            if bytes[position] == 0xFF, position + 1 < end {
                let next = bytes[position + 1]
                if next == 0x00 || (0xD0...0xD7).contains(next) || next == 0xFF {
                    position += next == 0xFF ? 1 : 2
                    continue
                }
                break
            }
            position += 1
        }
        // `position` is within 0...end, so this seek cannot fail.
        try? reader.seek(to: min(position, end))
    }

    private static func hex(_ byte: UInt8) -> String {
        let digits = Array("0123456789ABCDEF")
        return String([digits[Int(byte >> 4)], digits[Int(byte & 0x0F)]])
    }
}
