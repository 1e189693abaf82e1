import ByteParsing

/// One entry of a TIFF image file directory, with its value located and bounds-checked.
struct TIFFEntry: Sendable {
    /// The tag number.
    let tag: UInt16
    /// The field type (1 BYTE ... 13 IFD).
    let type: UInt16
    /// The number of values.
    let count: Int
    /// The range of the value bytes in the TIFF buffer, or nil when they lie outside it.
    let valueRange: Range<Int>?
}

/// One parsed IFD: its entries and the offset of the next IFD (0 when none).
struct TIFFDirectory: Sendable {
    let offset: Int
    let entries: [TIFFEntry]
    let nextOffset: Int

    /// The size in bytes of one value of each TIFF field type, or nil for unknown types.
    static func valueSize(ofType type: UInt16) -> Int? {
        switch type {
        case 1, 2, 6, 7: return 1
        case 3, 8: return 2
        case 4, 9, 11, 13: return 4
        case 5, 10, 12: return 8
        default: return nil
        }
    }

    /// Reads the IFD at `offset` in `bytes`.
    ///
    /// Entries whose values fall outside the buffer keep a nil ``TIFFEntry/valueRange``; a missing
    /// next-IFD pointer at the very end of the buffer is read as 0.
    init(bytes: [UInt8], at offset: Int, endianness: Endianness, limits: ParseLimits) throws(ParseError) {
        guard offset >= 0, offset < bytes.count else {
            throw ParseError(.invalidValue, at: offset, "IFD offset \(offset) is outside the \(bytes.count)-byte TIFF data")
        }
        var reader = ByteReader(bytes)
        try reader.seek(to: offset)
        let count = Int(try reader.readUInt16(endianness))
        guard count <= limits.maxItems else {
            throw ParseError(.limitExceeded, at: offset, "IFD declares \(count) entries (limit \(limits.maxItems))")
        }
        try reader.require(count * 12, "IFD with \(count) entries")
        var entries: [TIFFEntry] = []
        entries.reserveCapacity(count)
        for _ in 0..<count {
            let tag = try reader.readUInt16(endianness)
            let type = try reader.readUInt16(endianness)
            let valueCount = try reader.readUInt32(endianness)
            let inlineOffset = reader.offset
            let pointer = try reader.readUInt32(endianness)
            guard let size = Self.valueSize(ofType: type), let count = Int(exactly: valueCount) else {
                entries.append(TIFFEntry(tag: tag, type: type, count: Int(clamping: valueCount), valueRange: nil))
                continue
            }
            let (length, overflow) = size.multipliedReportingOverflow(by: count)
            var range: Range<Int>?
            if !overflow {
                let start = length <= 4 ? inlineOffset : Int(pointer)
                let (end, endOverflow) = start.addingReportingOverflow(length)
                if !endOverflow, end <= bytes.count { range = start..<end }
            }
            entries.append(TIFFEntry(tag: tag, type: type, count: count, valueRange: range))
        }
        let next = reader.remaining >= 4 ? Int(try reader.readUInt32(endianness)) : 0
        self.offset = offset
        self.entries = entries
        self.nextOffset = next
    }

    /// The first entry with `tag`, if any.
    func entry(_ tag: UInt16) -> TIFFEntry? { entries.first { $0.tag == tag } }
}
