import ImageContainers

/// A manifest store found inside an asset.
public struct EmbeddedStore: Sendable, Hashable {
    /// The reassembled JUMBF bytes of the store (the `c2pa` superbox).
    public let bytes: [UInt8]
    /// The absolute file ranges of the container structures that carry the store
    /// (JPEG APP11 segments incl. marker and length; the whole PNG `caBX` chunk; see ``ManifestStoreCarrier``).
    public let carrierRanges: [Range<Int>]
    /// The asset's top-level structures from its container index (for box and BMFF hash checks);
    /// nil when the container could not be walked to the end.
    public let containerBoxes: [ContainerBox]?

    /// Creates a store record.
    public init(bytes: [UInt8], carrierRanges: [Range<Int>], containerBoxes: [ContainerBox]? = nil) {
        self.bytes = bytes
        self.carrierRanges = carrierRanges
        self.containerBoxes = containerBoxes
    }

    /// The range from the first carrier byte to the last one: the bytes a data-hash exclusion must cover.
    public var span: Range<Int> {
        guard let first = carrierRanges.first, let last = carrierRanges.last else { return 0..<0 }
        return first.lowerBound..<last.upperBound
    }

    /// Whether the carriers are back to back (no other bytes between them).
    public var isContiguous: Bool {
        zip(carrierRanges, carrierRanges.dropFirst()).allSatisfy { $0.upperBound == $1.lowerBound }
    }
}

/// What the store locator found in an asset.
public struct StoreLocation: Sendable, Hashable {
    /// The asset format.
    public let format: String
    /// Every embedded C2PA manifest store, in file order.
    public let stores: [EmbeddedStore]
    /// A remote manifest URL declared in XMP (`dcterms:provenance`), if any.
    public let remoteURL: String?

    /// Creates a location record.
    public init(format: String, stores: [EmbeddedStore], remoteURL: String?) {
        self.format = format
        self.stores = stores
        self.remoteURL = remoteURL
    }
}
