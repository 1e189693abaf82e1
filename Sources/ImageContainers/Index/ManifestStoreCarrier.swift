/// A C2PA manifest store found in a container, with the structures that carry it.
public struct ManifestStoreCarrier: Sendable, Hashable {
    /// The reassembled JUMBF bytes of the store (the `c2pa` superbox).
    public let bytes: [UInt8]
    /// The absolute ranges of the container structures that carry the store, in file order: JPEG APP11
    /// segments (marker and length included), the whole PNG `caBX` chunk, the RIFF `C2PA` chunk header and
    /// data, the ISO BMFF `uuid` box, the whole GIF `C2PA_GIF` application extension (introducer to block
    /// terminator), or the bytes the TIFF C2PA tag points at.
    public let carrierRanges: [Range<Int>]

    /// Creates a carrier record.
    public init(bytes: [UInt8], carrierRanges: [Range<Int>]) {
        self.bytes = bytes
        self.carrierRanges = carrierRanges
    }
}
