/// The result of walking a JPEG file's marker segments.
public struct JPEGSegmentWalk: Sendable, Hashable {
    /// Every length-carrying segment in file order (SOS segments included, scan data excluded).
    public let segments: [JPEGSegment]
    /// Whether the walk ended at an EOI marker (false for truncated files).
    public let endsWithEOI: Bool
    /// The number of SOS segments (more than one for progressive or multi-scan files).
    public let scanCount: Int
    /// The absolute offset where the walk stopped (just after EOI, or the end of data).
    public let endOffset: Int

    /// The APP11 segments, which carry JUMBF / C2PA manifest stores.
    public var app11Segments: [JPEGSegment] { segments.filter { $0.marker == JPEGMarker.app11 } }
}
