import ByteParsing

/// Reads ISO BMFF (ISO/IEC 14496-12) box headers within a byte range.
public enum BMFFBoxReader {
    /// The `uuid` extended type of a C2PA manifest-store box (C2PA 2.2 §A.5).
    public static let c2paUUID: [UInt8] = [
        0xD8, 0xFE, 0xC3, 0xD6, 0x1B, 0x0E, 0x48, 0x3C, 0x92, 0x97, 0x58, 0x28, 0x87, 0x7E, 0xC4, 0x81,
    ]
    /// The `uuid` extended type of an XMP box.
    public static let xmpUUID: [UInt8] = [
        0xBE, 0x7A, 0xCF, 0xCB, 0x97, 0xA9, 0x42, 0xE8, 0x9C, 0x71, 0x99, 0x94, 0x91, 0xE3, 0xAF, 0xAC,
    ]
    /// Box types whose payload is a sequence of boxes (`meta` also has a 4-byte version/flags prefix).
    public static let containerTypes: Set<String> = [
        "moov", "trak", "mdia", "minf", "stbl", "dinf", "edts", "mvex", "moof", "traf", "mfra", "udta", "meta", "iprp", "ipco",
        "iinf", "grpl", "iref", "sinf", "schi",
    ]

    /// The boxes laid end to end in `range` of `bytes`, in order.
    ///
    /// - Throws: ``ParseError`` `truncated` when a box runs past the range, `invalidValue` for a size
    ///   below the header size, `limitExceeded` past `limits.maxItems` boxes.
    public static func boxes(in bytes: [UInt8], range: Range<Int>, limits: ParseLimits) throws(ParseError) -> [ContainerBox] {
        var reader = ByteReader(bytes, range: range)
        var boxes: [ContainerBox] = []
        while !reader.isAtEnd {
            guard boxes.count < limits.maxItems else {
                throw ParseError(.limitExceeded, at: reader.offset, "more than \(limits.maxItems) boxes")
            }
            let start = reader.offset
            // Trailing bytes too short for a box header: treated as padding (as libheif does).
            if reader.remaining < 8 { break }
            let size32 = try reader.readUInt32()
            let type = BoxHeader.fourCC(try reader.readBytes(4))
            var size: Int
            switch size32 {
            case 0:
                size = range.upperBound - start  // extends to the end
            case 1:
                size = try Int.checkedLength(try reader.readUInt64(), at: start)
            default:
                size = Int(size32)
            }
            var headerLength = reader.offset - start
            if type == "uuid" { headerLength += 16 }
            guard size >= headerLength else {
                throw ParseError(.invalidValue, at: start, "\(type) box size \(size) is smaller than its \(headerLength)-byte header")
            }
            guard size <= range.upperBound - start else {
                throw ParseError(.truncated, at: start, "\(type) box declares \(size) bytes; \(range.upperBound - start) remain")
            }
            boxes.append(ContainerBox(name: type, range: start..<(start + size), payloadRange: (start + headerLength)..<(start + size)))
            try reader.seek(to: start + size)
        }
        return boxes
    }

    /// The children of a container box (`meta` and other full boxes skip their 4-byte version and flags).
    public static func children(of box: ContainerBox, in bytes: [UInt8], limits: ParseLimits) throws(ParseError) -> [ContainerBox] {
        let skip = (box.name == "meta" || box.name == "iinf") ? 4 : 0
        guard box.payloadRange.count >= skip else { throw ParseError(.truncated, at: box.range.lowerBound, "\(box.name) box too short") }
        if box.name == "iinf" {
            // iinf: version/flags, then an entry count (16 bits for version 0, else 32) before the infe boxes.
            let version = bytes[box.payloadRange.lowerBound]
            let countLength = version == 0 ? 2 : 4
            let start = box.payloadRange.lowerBound + 4 + countLength
            guard start <= box.payloadRange.upperBound else { throw ParseError(.truncated, at: box.range.lowerBound, "iinf box too short") }
            return try boxes(in: bytes, range: start..<box.payloadRange.upperBound, limits: limits)
        }
        return try boxes(in: bytes, range: (box.payloadRange.lowerBound + skip)..<box.payloadRange.upperBound, limits: limits)
    }

    /// The extended type of a `uuid` box (the 16 bytes after its header), or nil for other boxes.
    public static func extendedType(of box: ContainerBox, in bytes: [UInt8]) -> [UInt8]? {
        guard box.name == "uuid", box.payloadRange.lowerBound >= 16 else { return nil }
        return Array(bytes[(box.payloadRange.lowerBound - 16)..<box.payloadRange.lowerBound])
    }
}
