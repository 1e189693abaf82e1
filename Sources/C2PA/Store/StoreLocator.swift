import ByteParsing
import ImageContainers

/// Finds C2PA manifest stores in an asset by reading its ``ContainerIndex`` (JPEG APP11, PNG `caBX`,
/// WebP `C2PA` chunk, HEIF/AVIF/MP4/QuickTime `uuid` box, GIF `C2PA_GIF` extension, TIFF/DNG tag 0xCD41). The container bytes are walked once,
/// by the format's handler in ImageContainers; this type only turns the index into ``StoreLocation``.
public enum StoreLocator {
    /// Locates every manifest store and any remote-manifest reference in `bytes`.
    public static func locate(_ bytes: [UInt8], limits: ParseLimits = .default) throws(ParseError) -> StoreLocation {
        let index = try ContainerIndexer.index(bytes, limits: limits)
        return location(of: index, limits: limits)
    }

    /// The stores and remote reference recorded in an existing index.
    public static func location(of index: ContainerIndex, limits: ParseLimits = .default) -> StoreLocation {
        let stores = index.manifestStores.map { EmbeddedStore(bytes: $0.bytes, carrierRanges: $0.carrierRanges, containerBoxes: index.boxes) }
        let remote = index.xmpPacket.flatMap { XMPParser.parse($0, limits: limits).provenance?.trimmingWhitespace() }
        return StoreLocation(format: index.format.rawValue, stores: stores, remoteURL: remote?.isEmpty == false ? remote : nil)
    }
}
