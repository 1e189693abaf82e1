/// ISO BMFF facts (HEIF/AVIF images, MP4/QuickTime video) read from the boxes (no pixels decoded).
public struct BMFFInfo: Sendable, Codable, Hashable {
    /// The primary image's width from its `ispe` property; for MP4/QuickTime, the first visual track's
    /// `tkhd` width (0 when absent).
    public var width: Int = 0
    /// The primary image's height from its `ispe` property, or the first visual track's `tkhd` height (0 when absent).
    public var height: Int = 0
    /// The `ftyp` major and compatible brands.
    public var brands: [String] = []
    /// The number of items in `iinf` (image tiles, thumbnails, metadata).
    public var itemCount: Int = 0
    /// Whether the file also holds an image sequence or animation (`avis`/`msf1` brand or a `moov` box).
    public var hasSequence: Bool = false

    /// Creates an empty record.
    public init() {}
}
