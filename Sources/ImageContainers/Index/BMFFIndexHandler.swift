import ByteParsing

/// Indexes an ISO BMFF file — HEIF/HEIC/AVIF images and MP4/QuickTime video: top-level boxes, the C2PA
/// `uuid` box, the XMP `uuid` box, from `meta` the primary image size (`ispe`), the ICC profile (`colr`)
/// and the `Exif` and XMP items (`iinf` + `iloc`), and from `moov` the first visual track's size (`tkhd`).
///
/// Only box headers and the small boxes named here are read: an `mdat` payload is never copied.
enum BMFFIndexHandler {
    static func index(_ bytes: [UInt8], format: ImageFormat, limits: ParseLimits) throws(ParseError) -> ContainerIndex {
        try parse(bytes, format: format, limits: limits).index
    }

    static func parse(
        _ bytes: [UInt8], format: ImageFormat, limits: ParseLimits
    ) throws(ParseError) -> (index: ContainerIndex, info: BMFFInfo) {
        let top = try BMFFBoxReader.boxes(in: bytes, range: 0..<bytes.count, limits: limits)
        var index = ContainerIndex(format: format, boxes: top)
        var info = BMFFInfo()
        for box in top {
            switch box.name {
            case "ftyp":
                info.brands = brands(bytes[box.payloadRange])
            case "uuid":
                if let c2pa = BMFFC2PABox.read(box, in: bytes) {
                    // Auxiliary `merkle` boxes belong to the hard binding, not to the store.
                    if c2pa.purpose == BMFFC2PABox.manifestPurpose {
                        index.manifestStores.append(ManifestStoreCarrier(bytes: Array(bytes[c2pa.dataRange]), carrierRanges: [box.range]))
                    }
                } else if BMFFBoxReader.extendedType(of: box, in: bytes) == BMFFBoxReader.xmpUUID, index.xmpPacket == nil {
                    index.xmpPacket = TextDecoding.utf8OrLatin1(TextDecoding.beforeNUL(bytes[box.payloadRange]))
                }
            case "meta":
                do throws(ParseError) {
                    try readMeta(bytes, box, limits: limits, index: &index, info: &info)
                } catch {
                    if error.code == .limitExceeded { throw error }
                    index.warnings.append("meta: \(error)")
                }
            case "moov":
                info.hasSequence = true
                if format.isVideo {
                    do throws(ParseError) {
                        try readMovie(bytes, box, limits: limits, info: &info)
                    } catch {
                        if error.code == .limitExceeded { throw error }
                        index.warnings.append("moov: \(error)")
                    }
                }
            default:
                break
            }
        }
        if info.brands.contains("avis") || info.brands.contains("msf1") { info.hasSequence = true }
        return (index, info)
    }

    private static func brands(_ payload: ArraySlice<UInt8>) -> [String] {
        var result: [String] = []
        var position = payload.startIndex
        while position + 4 <= payload.endIndex {
            if position != payload.startIndex + 4 {  // skip minor_version
                result.append(BoxHeader.fourCC(payload[position..<(position + 4)]))
            }
            position += 4
        }
        return result
    }

    /// The first visual track's presentation size from its `tkhd` (16.16 fixed-point width and height):
    /// the first track whose `hdlr` handler is `vide`, else the first with a non-zero size.
    private static func readMovie(_ bytes: [UInt8], _ moov: ContainerBox, limits: ParseLimits, info: inout BMFFInfo) throws(ParseError) {
        var fallback: (Int, Int)?
        for trak in try BMFFBoxReader.children(of: moov, in: bytes, limits: limits) where trak.name == "trak" {
            var size: (Int, Int)?
            var isVideo = false
            for child in try BMFFBoxReader.children(of: trak, in: bytes, limits: limits) {
                if child.name == "tkhd" {
                    var reader = ByteReader(bytes, range: child.payloadRange)
                    let version = try reader.readUInt8()
                    // flags, times, track id, reserved, duration, reserved, layer, group, volume, reserved, matrix
                    try reader.skip(3 + (version == 1 ? 32 : 20) + 8 + 8 + 36)
                    let width = Int(try reader.readUInt32() >> 16)
                    let height = Int(try reader.readUInt32() >> 16)
                    size = (width, height)
                } else if child.name == "mdia" {
                    for sub in try BMFFBoxReader.children(of: child, in: bytes, limits: limits) where sub.name == "hdlr" {
                        var reader = ByteReader(bytes, range: sub.payloadRange)
                        try reader.skip(8)  // version, flags, pre_defined
                        isVideo = BoxHeader.fourCC(try reader.readBytes(4)) == "vide"
                    }
                }
            }
            guard let size, size.0 > 0, size.1 > 0 else { continue }
            if isVideo {
                (info.width, info.height) = size
                return
            }
            if fallback == nil { fallback = size }
        }
        if let fallback { (info.width, info.height) = fallback }
    }

    /// One `iinf` entry.
    private struct Item {
        var id: Int
        var type: String
        var contentType: String?
    }

    private static func readMeta(
        _ bytes: [UInt8], _ meta: ContainerBox, limits: ParseLimits, index: inout ContainerIndex, info: inout BMFFInfo
    ) throws(ParseError) {
        let children = try BMFFBoxReader.children(of: meta, in: bytes, limits: limits)
        var items: [Item] = []
        var locations: [Int: [Range<Int>]] = [:]
        var primary: Int?
        var properties: [ContainerBox] = []
        var associations: [Int: [Int]] = [:]
        for child in children {
            var reader = ByteReader(bytes, range: child.payloadRange)
            switch child.name {
            case "pitm":
                let version = try reader.readUInt8()
                try reader.skip(3)
                primary = Int(version == 0 ? UInt32(try reader.readUInt16()) : try reader.readUInt32())
            case "iinf":
                for entry in try BMFFBoxReader.children(of: child, in: bytes, limits: limits) where entry.name == "infe" {
                    if let item = try? readItemInfo(bytes, entry) { items.append(item) }
                }
            case "iloc":
                locations = try readItemLocations(&reader, limits: limits)
            case "iprp":
                for sub in try BMFFBoxReader.children(of: child, in: bytes, limits: limits) {
                    if sub.name == "ipco" {
                        properties = try BMFFBoxReader.children(of: sub, in: bytes, limits: limits)
                    } else if sub.name == "ipma" {
                        var ipma = ByteReader(bytes, range: sub.payloadRange)
                        associations = try readAssociations(&ipma, limits: limits)
                    }
                }
            default:
                break
            }
        }
        // The primary item's properties (1-based indices into ipco); all properties when there is no ipma.
        let primaryProperties: [ContainerBox] =
            if let primary, let list = associations[primary] {
                list.compactMap { $0 >= 1 && $0 <= properties.count ? properties[$0 - 1] : nil }
            } else { properties }
        for property in primaryProperties {
            var reader = ByteReader(bytes, range: property.payloadRange)
            switch property.name {
            case "ispe":
                try reader.skip(4)
                info.width = Int(try reader.readUInt32())
                info.height = Int(try reader.readUInt32())
            case "colr" where index.iccProfile == nil:
                let kind = BoxHeader.fourCC(try reader.readBytes(4))
                if kind == "prof" || kind == "rICC" { index.iccProfile = Array(reader.readRemaining()) }
            default:
                break
            }
        }
        info.itemCount = items.count
        for item in items {
            guard let extents = locations[item.id], let data = concatenate(bytes, extents, limits: limits) else { continue }
            if item.type == "Exif", index.exif == nil, data.count >= 4 {
                // Exif item: a 4-byte offset to the TIFF header, then the block (often with `Exif\0\0`).
                let skip = Int(BoxHeader.readUInt32(data, 0))
                guard skip <= data.count - 4 else { continue }
                index.exif = Array(data[(4 + skip)...])
            } else if item.type == "mime", item.contentType == "application/rdf+xml", index.xmpPacket == nil {
                index.xmpPacket = TextDecoding.utf8OrLatin1(TextDecoding.beforeNUL(data[...]))
            }
        }
    }

    private static func concatenate(_ bytes: [UInt8], _ extents: [Range<Int>], limits: ParseLimits) -> [UInt8]? {
        var data: [UInt8] = []
        for extent in extents {
            guard extent.upperBound <= bytes.count, data.count + extent.count <= limits.maxDecompressedBytes else { return nil }
            data += bytes[extent]
        }
        return data
    }

    private static func readItemInfo(_ bytes: [UInt8], _ box: ContainerBox) throws(ParseError) -> Item {
        var reader = ByteReader(bytes, range: box.payloadRange)
        let version = try reader.readUInt8()
        try reader.skip(3)
        guard version >= 2 else { throw ParseError(.unsupported, at: box.range.lowerBound, "infe version \(version)") }
        let id = Int(version == 2 ? UInt32(try reader.readUInt16()) : try reader.readUInt32())
        try reader.skip(2)  // protection index
        let type = BoxHeader.fourCC(try reader.readBytes(4))
        let rest = reader.readRemaining()
        let name = TextDecoding.beforeNUL(rest)
        var contentType: String?
        if type == "mime", name.endIndex < rest.endIndex {
            contentType = TextDecoding.latin1(TextDecoding.beforeNUL(rest[(name.endIndex + 1)...]))
        }
        return Item(id: id, type: type, contentType: contentType)
    }

    /// `iloc` (ISO/IEC 14496-12 §8.11.3): item id → file ranges. Only construction method 0 (file offsets).
    private static func readItemLocations(_ reader: inout ByteReader, limits: ParseLimits) throws(ParseError) -> [Int: [Range<Int>]] {
        let version = try reader.readUInt8()
        try reader.skip(3)
        let sizes = try reader.readUInt16()
        let offsetSize = Int(sizes >> 12), lengthSize = Int((sizes >> 8) & 0xF), baseSize = Int((sizes >> 4) & 0xF)
        let indexSize = version >= 1 ? Int(sizes & 0xF) : 0
        let count = Int(version < 2 ? UInt32(try reader.readUInt16()) : try reader.readUInt32())
        guard count <= limits.maxItems else { throw ParseError(.limitExceeded, at: reader.offset, "iloc lists \(count) items") }
        var result: [Int: [Range<Int>]] = [:]
        for _ in 0..<count {
            let id = Int(version < 2 ? UInt32(try reader.readUInt16()) : try reader.readUInt32())
            var method = 0
            if version >= 1 { method = Int(try reader.readUInt16() & 0xF) }
            try reader.skip(2)  // data reference index
            let base = try reader.readInteger(byteCount: baseSize, .big)
            let extentCount = Int(try reader.readUInt16())
            var extents: [Range<Int>] = []
            for _ in 0..<extentCount {
                if indexSize > 0 { _ = try reader.readInteger(byteCount: indexSize, .big) }
                let offset = try reader.readInteger(byteCount: offsetSize, .big)
                let length = try reader.readInteger(byteCount: lengthSize, .big)
                let (start, overflow) = base.addingReportingOverflow(offset)
                guard !overflow, let begin = Int(exactly: start), let count = Int(exactly: length), begin <= Int.max - count else { continue }
                extents.append(begin..<(begin + count))
            }
            if method == 0 { result[id] = extents }
        }
        return result
    }

    /// `ipma`: item id → 1-based property indices.
    private static func readAssociations(_ reader: inout ByteReader, limits: ParseLimits) throws(ParseError) -> [Int: [Int]] {
        let version = try reader.readUInt8()
        let flags = try reader.readInteger(byteCount: 3, .big)
        let count = Int(try reader.readUInt32())
        guard count <= limits.maxItems else { throw ParseError(.limitExceeded, at: reader.offset, "ipma lists \(count) items") }
        var result: [Int: [Int]] = [:]
        for _ in 0..<count {
            let id = Int(version < 1 ? UInt32(try reader.readUInt16()) : try reader.readUInt32())
            let associationCount = Int(try reader.readUInt8())
            var list: [Int] = []
            for _ in 0..<associationCount {
                list.append(flags & 1 == 1 ? Int(try reader.readUInt16() & 0x7FFF) : Int(try reader.readUInt8() & 0x7F))
            }
            result[id] = list
        }
        return result
    }
}
