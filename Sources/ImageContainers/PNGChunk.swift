import ByteParsing

/// One chunk of a PNG file, located by absolute byte offsets.
public struct PNGChunk: Sendable, Hashable {
    /// The four-letter chunk type, for example `IHDR` or `caBX`.
    public let type: String
    /// The absolute offset of the chunk's length field (the chunk starts here).
    public let offset: Int
    /// The absolute range of the chunk's data.
    public let dataRange: Range<Int>
    /// The CRC stored in the file.
    public let storedCRC: UInt32
    /// Whether the stored CRC matches the CRC of the type and data.
    public let crcValid: Bool

    /// Creates a chunk record.
    public init(type: String, offset: Int, dataRange: Range<Int>, storedCRC: UInt32, crcValid: Bool) {
        self.type = type
        self.offset = offset
        self.dataRange = dataRange
        self.storedCRC = storedCRC
        self.crcValid = crcValid
    }

    /// The total size on disk: length (4) + type (4) + data + CRC (4).
    public var totalLength: Int { dataRange.count + 12 }

    /// The absolute byte range the whole chunk occupies.
    ///
    /// Records made by the parser are always consistent; for hand-made ones the range is clamped
    /// (empty for a negative length, ending at `Int.max` on overflow) instead of trapping.
    public var range: Range<Int> {
        let (end, overflow) = offset.addingReportingOverflow(totalLength)
        if overflow { return totalLength < 0 ? offset..<offset : offset..<Int.max }
        return offset..<max(end, offset)
    }

    /// Whether the chunk is critical (upper-case first letter).
    public var isCritical: Bool { type.utf8.first.map { $0 & 0x20 == 0 } ?? false }
}
