/// The metadata found in an image container, independent of its format.
public struct ImageMetadata: Sendable, Codable, Hashable {
    /// The EXIF summary (JPEG APP1 `Exif` or PNG `eXIf`), when present and readable.
    public var exif: EXIFSummary?
    /// The XMP summary (JPEG APP1 XMP, extended XMP, or PNG iTXt `XML:com.adobe.xmp`).
    public var xmp: XMPSummary?
    /// PNG tEXt / zTXt / iTXt items in file order.
    public var textChunks: [TextChunk]
    /// JPEG COM segments in file order.
    public var comments: [String]
    /// The embedded ICC profile (JPEG APP2 parts reassembled, or PNG iCCP decompressed).
    public var iccProfile: [UInt8]?
    /// The ICC profile name from PNG iCCP, when present.
    public var iccProfileName: String?
    /// The IPTC-IIM summary (JPEG APP13 `Photoshop 3.0`), when present and readable.
    public var iptc: IPTCSummary?
    /// Whether C2PA data is embedded: a JPEG APP11 JUMBF box labelled `c2pa`, or a PNG `caBX` chunk.
    public var hasC2PA: Bool

    /// Creates metadata; every field defaults to empty.
    public init(
        exif: EXIFSummary? = nil, xmp: XMPSummary? = nil, textChunks: [TextChunk] = [], comments: [String] = [],
        iccProfile: [UInt8]? = nil, iccProfileName: String? = nil, hasC2PA: Bool = false
    ) {
        self.exif = exif
        self.xmp = xmp
        self.textChunks = textChunks
        self.comments = comments
        self.iccProfile = iccProfile
        self.iccProfileName = iccProfileName
        self.hasC2PA = hasC2PA
        self.iptc = nil
    }

    /// The text of the first text chunk with `keyword` (compared exactly), if any.
    public func text(forKeyword keyword: String) -> String? {
        textChunks.first { $0.keyword == keyword }?.text
    }
}
