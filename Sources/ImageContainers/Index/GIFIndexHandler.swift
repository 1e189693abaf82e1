import ByteParsing

/// Indexes a GIF file (GIF89a specification): header, logical screen descriptor, colour tables, extension
/// blocks and image descriptors, the C2PA store of a `C2PA_GIF` application extension (C2PA 2.2 §A.3.7)
/// and the XMP packet of an `XMP DataXMP` application extension. Image data sub-blocks are skipped, never
/// decoded.
enum GIFIndexHandler {
    /// The 8-byte application identifier of the extension that carries a C2PA manifest store.
    static let c2paIdentifier = Array("C2PA_GIF".utf8)
    /// The 8-byte identifier and 3-byte authentication code of Adobe's XMP application extension.
    static let xmpIdentifier = Array("XMP DataXMP".utf8)

    static func index(_ bytes: [UInt8], limits: ParseLimits) throws(ParseError) -> ContainerIndex {
        try parse(bytes, limits: limits).index
    }

    static func parse(_ bytes: [UInt8], limits: ParseLimits) throws(ParseError) -> (index: ContainerIndex, info: GIFInfo) {
        var reader = ByteReader(bytes)
        let signature = try reader.readBytes(6)
        guard signature.elementsEqual("GIF87a".utf8) || signature.elementsEqual("GIF89a".utf8) else {
            throw ParseError(.invalidValue, at: 0, "no GIF signature")
        }
        var boxes = [ContainerBox(name: "Header", range: 0..<6, payloadRange: 0..<6)]
        var info = GIFInfo()
        info.width = Int(try reader.readUInt16(.little))
        info.height = Int(try reader.readUInt16(.little))
        let packed = try reader.readUInt8()
        try reader.skip(2)  // background colour index, pixel aspect ratio
        boxes.append(ContainerBox(name: "LogicalScreenDescriptor", range: 6..<13, payloadRange: 6..<13))
        if packed & 0x80 != 0 {
            info.globalColorTableSize = 1 << (Int(packed & 0x07) + 1)
            let range = try reader.readRange(3 * info.globalColorTableSize)
            boxes.append(ContainerBox(name: "GlobalColorTable", range: range, payloadRange: range))
        }
        var index = ContainerIndex(format: .gif)
        var sawTrailer = false
        while !reader.isAtEnd {
            guard boxes.count < limits.maxItems else {
                throw ParseError(.limitExceeded, at: reader.offset, "more than \(limits.maxItems) GIF blocks")
            }
            let start = reader.offset
            let introducer = try reader.readUInt8()
            switch introducer {
            case 0x21:
                let label = try reader.readUInt8()
                if label == 0xFF {
                    try readApplicationExtension(&reader, start: start, index: &index)
                } else {
                    _ = try subBlocks(&reader)
                }
                let name = label == 0xFF ? "ApplicationExtension" : label == 0xF9 ? "GraphicControlExtension" : label == 0xFE ? "CommentExtension" : "Extension"
                boxes.append(ContainerBox(name: name, range: start..<reader.offset, payloadRange: (start + 2)..<reader.offset))
            case 0x2C:
                try reader.skip(8)  // left, top, width, height
                let flags = try reader.readUInt8()
                if flags & 0x80 != 0 { try reader.skip(3 << (Int(flags & 0x07) + 1)) }
                try reader.skip(1)  // LZW minimum code size
                _ = try subBlocks(&reader)
                info.frameCount += 1
                boxes.append(ContainerBox(name: "Image", range: start..<reader.offset, payloadRange: (start + 10)..<reader.offset))
            case 0x3B:
                boxes.append(ContainerBox(name: "Trailer", range: start..<(start + 1), payloadRange: (start + 1)..<(start + 1)))
                sawTrailer = true
            default:
                throw ParseError(.invalidValue, at: start, "unknown GIF block introducer 0x\(String(introducer, radix: 16))")
            }
            if sawTrailer { break }
        }
        guard info.frameCount > 0 else { throw ParseError(.truncated, at: reader.offset, "GIF holds no image") }
        if !sawTrailer { index.warnings.append("GIF ends without a trailer") }
        if reader.offset < bytes.count {
            boxes.append(ContainerBox(name: "TrailingData", range: reader.offset..<bytes.count, payloadRange: reader.offset..<bytes.count))
        }
        guard info.width > 0, info.height > 0 else {
            throw ParseError(.invalidValue, at: 6, "GIF logical screen size \(info.width)x\(info.height) is empty")
        }
        index.boxes = boxes
        return (index, info)
    }

    /// Reads an application extension after its `21 FF` introducer and records a C2PA store or XMP packet.
    private static func readApplicationExtension(_ reader: inout ByteReader, start: Int, index: inout ContainerIndex) throws(ParseError) {
        let headerSize = Int(try reader.readUInt8())
        let header = try reader.readBytes(headerSize)
        let dataStart = reader.offset
        let payload = try subBlocks(&reader)
        if headerSize == 11, header.prefix(8).elementsEqual(c2paIdentifier) {
            index.manifestStores.append(ManifestStoreCarrier(bytes: payload, carrierRanges: [start..<reader.offset]))
        } else if headerSize == 11, header.elementsEqual(xmpIdentifier), index.xmpPacket == nil {
            // XMP is stored raw (its bytes double as sub-block lengths) and followed by a "magic trailer"
            // that starts with 0x01, a byte well-formed XML never holds.
            let raw = reader.bytes[dataStart..<reader.offset]
            let packet = TextDecoding.utf8OrLatin1(raw.prefix { $0 != 0x01 })
            index.xmpPacket = packet.isEmpty ? nil : packet
        }
    }

    /// Reads data sub-blocks up to and including the zero-length terminator; returns their joined payload.
    private static func subBlocks(_ reader: inout ByteReader) throws(ParseError) -> [UInt8] {
        var payload: [UInt8] = []
        while true {
            let count = Int(try reader.readUInt8())
            if count == 0 { return payload }
            payload += try reader.readBytes(count)
        }
    }
}
