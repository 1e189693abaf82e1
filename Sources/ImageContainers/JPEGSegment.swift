import ByteParsing

/// One marker segment of a JPEG file, located by absolute byte offsets.
public struct JPEGSegment: Sendable, Hashable {
    /// The marker code (the byte after `0xFF`), for example `0xE1` for APP1.
    public let marker: UInt8
    /// The absolute offset of the segment's `0xFF` marker byte.
    public let offset: Int
    /// The total length of the segment on disk: marker (2 bytes) + length field + payload.
    /// For the entropy-coded data after SOS this does not include the scan data.
    public let totalLength: Int
    /// The absolute range of the payload (after the 2-byte length field).
    public let payloadRange: Range<Int>

    /// Creates a segment record.
    public init(marker: UInt8, offset: Int, totalLength: Int, payloadRange: Range<Int>) {
        self.marker = marker
        self.offset = offset
        self.totalLength = totalLength
        self.payloadRange = payloadRange
    }

    /// The absolute byte range the segment occupies (marker to end of payload).
    ///
    /// Records made by the parser are always consistent; for hand-made ones the range is clamped
    /// (empty for a negative length, ending at `Int.max` on overflow) instead of trapping.
    public var range: Range<Int> {
        let (end, overflow) = offset.addingReportingOverflow(totalLength)
        if overflow { return totalLength < 0 ? offset..<offset : offset..<Int.max }
        return offset..<max(end, offset)
    }

    /// Whether this is an APPn segment (0xE0...0xEF).
    public var isApplication: Bool { (0xE0...0xEF).contains(marker) }

    /// Whether this is a start-of-frame segment (SOF0...SOF15 except DHT, JPG and DAC).
    public var isStartOfFrame: Bool {
        (0xC0...0xCF).contains(marker) && marker != 0xC4 && marker != 0xC8 && marker != 0xCC
    }
}
