import ByteParsing

/// Indexes a WebP file (RIFF container): chunks, the `C2PA` chunk, `EXIF`, `XMP `, `ICCP`, and the
/// facts ``WebPInfo`` needs (canvas size, lossless, alpha, animation).
enum WebPIndexHandler {
    static func index(_ bytes: [UInt8], limits: ParseLimits) throws(ParseError) -> ContainerIndex {
        try parse(bytes, limits: limits).index
    }

    /// Walks the RIFF chunks once and returns both the index and the WebP header facts.
    static func parse(_ bytes: [UInt8], limits: ParseLimits) throws(ParseError) -> (index: ContainerIndex, info: WebPInfo) {
        var reader = ByteReader(bytes)
        guard TextDecoding.hasPrefix(try reader.readBytes(4), "RIFF") else {
            throw ParseError(.unknownFormat, at: 0, "not a RIFF file")
        }
        let declared = Int(try reader.readUInt32(.little))
        guard TextDecoding.hasPrefix(try reader.readBytes(4), "WEBP") else {
            throw ParseError(.unknownFormat, at: 8, "RIFF form type is not WEBP")
        }
        // The RIFF size counts the bytes after the size field. Data past it is ignored (as libwebp does);
        // a size beyond the end of the file means the file was cut short.
        let (riffEnd, overflow) = declared.addingReportingOverflow(8)
        guard !overflow, riffEnd <= bytes.count else {
            throw ParseError(.truncated, at: 4, "RIFF size \(declared) runs past the \(bytes.count)-byte file")
        }
        reader = ByteReader(bytes, range: 0..<riffEnd)
        try reader.skip(12)
        var index = ContainerIndex(format: .webp)
        var info = WebPInfo()
        var boxes = [ContainerBox(name: "RIFF", range: 0..<12, payloadRange: 8..<12)]
        var frames = 0
        while !reader.isAtEnd {
            guard boxes.count <= limits.maxItems else {
                throw ParseError(.limitExceeded, at: reader.offset, "more than \(limits.maxItems) RIFF chunks")
            }
            let start = reader.offset
            let fourCC = BoxHeader.fourCC(try reader.readBytes(4))
            let size = Int(try reader.readUInt32(.little))
            guard size <= reader.remaining else {
                throw ParseError(.truncated, at: start, "\(fourCC) chunk declares \(size) bytes; \(reader.remaining) remain")
            }
            let data = try reader.readRange(size)
            if size & 1 == 1 && !reader.isAtEnd { try reader.skip(1) }  // pad byte
            boxes.append(ContainerBox(name: fourCC, range: start..<reader.offset, payloadRange: data))
            let payload = bytes[data]
            switch fourCC {
            case "VP8X":
                guard size >= 10 else { throw ParseError(.truncated, at: start, "VP8X chunk shorter than 10 bytes") }
                let flags = payload[data.lowerBound]
                info.hasAlpha = flags & 0x10 != 0
                info.animated = flags & 0x02 != 0
                info.width = uint24(payload, data.lowerBound + 4) + 1
                info.height = uint24(payload, data.lowerBound + 7) + 1
            case "VP8 " where frames == 0:
                frames += 1
                try readVP8(payload, at: start, info: &info)
            case "VP8L" where frames == 0:
                frames += 1
                try readVP8L(payload, at: start, info: &info)
            case "ANMF":
                frames += 1
            case "ALPH":
                info.hasAlpha = true
            case "C2PA":
                index.manifestStores.append(ManifestStoreCarrier(bytes: Array(payload), carrierRanges: [start..<data.upperBound]))
            case "EXIF" where index.exif == nil:
                // Some writers keep JPEG's `Exif\0\0` prefix inside the chunk.
                index.exif = Array(TextDecoding.hasPrefix(payload, "Exif\u{0}\u{0}") ? payload.dropFirst(6) : payload)
            case "XMP " where index.xmpPacket == nil:
                index.xmpPacket = TextDecoding.utf8OrLatin1(TextDecoding.beforeNUL(payload))
            case "ICCP" where index.iccProfile == nil:
                index.iccProfile = Array(payload)
            default:
                break
            }
        }
        guard info.width > 0, info.height > 0 else {
            throw ParseError(.invalidValue, at: 12, "no VP8, VP8L or VP8X chunk gives the image size")
        }
        info.frameCount = max(frames, 1)
        info.animated = info.animated || frames > 1
        index.boxes = boxes
        return (index, info)
    }

    private static func uint24(_ bytes: ArraySlice<UInt8>, _ at: Int) -> Int {
        Int(bytes[at]) | Int(bytes[at + 1]) << 8 | Int(bytes[at + 2]) << 16
    }

    /// Reads the size from a lossy bitstream's key-frame header (RFC 6386 §9.1).
    private static func readVP8(_ payload: ArraySlice<UInt8>, at offset: Int, info: inout WebPInfo) throws(ParseError) {
        let s = payload.startIndex
        guard payload.count >= 10 else { throw ParseError(.truncated, at: offset, "VP8 chunk shorter than its frame header") }
        guard payload[s + 3] == 0x9D, payload[s + 4] == 0x01, payload[s + 5] == 0x2A else {
            throw ParseError(.invalidValue, at: offset + 11, "VP8 key frame start code missing")
        }
        let width = (Int(payload[s + 6]) | Int(payload[s + 7]) << 8) & 0x3FFF
        let height = (Int(payload[s + 8]) | Int(payload[s + 9]) << 8) & 0x3FFF
        if info.width == 0 {
            info.width = width
            info.height = height
        }
    }

    /// Reads the size and alpha hint from a lossless bitstream header (WebP lossless spec §3.2).
    private static func readVP8L(_ payload: ArraySlice<UInt8>, at offset: Int, info: inout WebPInfo) throws(ParseError) {
        let s = payload.startIndex
        guard payload.count >= 5 else { throw ParseError(.truncated, at: offset, "VP8L chunk shorter than its header") }
        guard payload[s] == 0x2F else { throw ParseError(.invalidValue, at: offset + 8, "VP8L signature byte is not 0x2F") }
        let bits = UInt32(payload[s + 1]) | UInt32(payload[s + 2]) << 8 | UInt32(payload[s + 3]) << 16 | UInt32(payload[s + 4]) << 24
        info.lossless = true
        if info.width == 0 {
            info.width = Int(bits & 0x3FFF) + 1
            info.height = Int((bits >> 14) & 0x3FFF) + 1
            info.hasAlpha = info.hasAlpha || (bits >> 28) & 1 == 1
        }
    }
}
