import ByteParsing

/// Indexes a TIFF or DNG file: IFD0, the C2PA tag (0xCD41), XMP (tag 700), ICC (tag 34675); the whole
/// file is the EXIF block (TIFF-structured).
enum TIFFIndexHandler {
    /// TIFF tags this handler reads.
    enum Tag {
        static let width: UInt16 = 256
        static let height: UInt16 = 257
        static let bitsPerSample: UInt16 = 258
        static let compression: UInt16 = 259
        static let photometric: UInt16 = 262
        static let samplesPerPixel: UInt16 = 277
        static let xmp: UInt16 = 700
        static let subIFDs: UInt16 = 330
        static let icc: UInt16 = 34675
        static let dngVersion: UInt16 = 50706
        static let c2pa: UInt16 = 0xCD41
    }

    static func index(_ bytes: [UInt8], limits: ParseLimits) throws(ParseError) -> ContainerIndex {
        try parse(bytes, limits: limits).index
    }

    static func parse(_ bytes: [UInt8], limits: ParseLimits) throws(ParseError) -> (index: ContainerIndex, info: TIFFInfo) {
        guard bytes.count >= 8 else { throw ParseError(.truncated, at: 0, "TIFF header needs 8 bytes") }
        let endianness: Endianness = bytes[0] == 0x49 ? .little : .big
        var reader = ByteReader(bytes)
        try reader.skip(4)
        let firstIFD = Int(try reader.readUInt32(endianness))
        if bytes[2] == 0x2B || bytes[3] == 0x2B {
            throw ParseError(.unsupported, at: 2, "BigTIFF is not supported")
        }
        let ifd0 = try TIFFDirectory(bytes: bytes, at: firstIFD, endianness: endianness, limits: limits)
        var index = ContainerIndex(
            format: .tiff, boxes: [ContainerBox(name: "TIFFh", range: 0..<8, payloadRange: 0..<8)], exif: bytes)
        var info = TIFFInfo()
        func first(_ tag: UInt16) -> Int? {
            guard let entry = ifd0.entry(tag), let range = entry.valueRange, !range.isEmpty else { return nil }
            var value = ByteReader(bytes, range: range)
            switch entry.type {
            case 3: return (try? value.readUInt16(endianness)).map(Int.init)
            case 4, 13: return (try? value.readUInt32(endianness)).map(Int.init)
            case 1: return (try? value.readUInt8()).map(Int.init)
            default: return nil
            }
        }
        info.width = first(Tag.width) ?? 0
        info.height = first(Tag.height) ?? 0
        info.bitsPerSample = first(Tag.bitsPerSample) ?? 1
        info.compression = first(Tag.compression) ?? 1
        info.photometric = first(Tag.photometric)
        info.samplesPerPixel = first(Tag.samplesPerPixel) ?? 1
        info.isDNG = ifd0.entry(Tag.dngVersion) != nil
        info.subIFDCount = ifd0.entry(Tag.subIFDs)?.count ?? 0
        info.byteOrder = endianness == .little ? "II" : "MM"
        if let entry = ifd0.entry(Tag.c2pa) {
            guard let range = entry.valueRange else {
                throw ParseError(.truncated, at: ifd0.offset, "the C2PA tag's \(entry.count) bytes lie outside the file")
            }
            index.manifestStores.append(ManifestStoreCarrier(bytes: Array(bytes[range]), carrierRanges: [range]))
        }
        if let range = ifd0.entry(Tag.xmp)?.valueRange {
            index.xmpPacket = TextDecoding.utf8OrLatin1(TextDecoding.beforeNUL(bytes[range]))
        }
        if let range = ifd0.entry(Tag.icc)?.valueRange, !range.isEmpty {
            index.iccProfile = Array(bytes[range])
        }
        return (index, info)
    }
}
