/// ISO BMFF facts (HEIF/HEIC, AVIF, MP4, QuickTime): `{"brands", "item_count", "has_sequence"}`.
public struct BMFFFacts: Sendable, Hashable, Encodable {
    /// The `ftyp` major brand followed by the compatible brands.
    public var brands: [String]
    /// The number of items in `iinf` (image tiles, thumbnails, metadata).
    public var itemCount: Int
    /// Whether the file also holds an image sequence or animation.
    public var hasSequence: Bool

    /// Creates BMFF facts.
    public init(brands: [String], itemCount: Int, hasSequence: Bool) {
        self.brands = brands
        self.itemCount = itemCount
        self.hasSequence = hasSequence
    }

    enum CodingKeys: String, CodingKey {
        case brands
        case itemCount = "item_count"
        case hasSequence = "has_sequence"
    }
}
