/// Resource limits applied while parsing and decoding untrusted input.
///
/// Every limit is checked before memory is allocated for the structure it bounds.
public struct ParseLimits: Sendable, Hashable {
    /// The largest input accepted, in bytes.
    public var maxFileBytes: Int
    /// The largest image accepted, in pixels (width × height). The default is 100 megapixels.
    public var maxPixels: Int
    /// The largest decompressed size of one compressed metadata item (zTXt, iTXt, iCCP), in bytes.
    public var maxDecompressedBytes: Int
    /// The deepest nesting accepted in recursive structures (JUMBF boxes, CBOR, TIFF IFDs).
    public var maxDepth: Int
    /// The most segments, chunks, boxes or directory entries accepted in one container.
    public var maxItems: Int
    /// The most manifests accepted in one C2PA manifest store. Each manifest costs a signature and
    /// certificate-chain check, so a store of thousands of copies of one manifest is refused before
    /// any is validated (real stores hold one manifest per edit: a handful).
    public var maxManifests: Int

    /// Creates limits; every argument has a conservative default.
    public init(
        maxFileBytes: Int = 512 * 1024 * 1024,
        maxPixels: Int = 100_000_000,
        maxDecompressedBytes: Int = 16 * 1024 * 1024,
        maxDepth: Int = 32,
        maxItems: Int = 65_536,
        maxManifests: Int = 128
    ) {
        self.maxFileBytes = maxFileBytes
        self.maxPixels = maxPixels
        self.maxDecompressedBytes = maxDecompressedBytes
        self.maxDepth = maxDepth
        self.maxItems = maxItems
        self.maxManifests = maxManifests
    }

    /// The default limits.
    public static let `default` = ParseLimits()
}
