/// The container facts of one image, as `inspect` reports them.
///
/// JSON keys: `format`, `width`, `height`, `color_model`, `bit_depth`, `jpeg`, `png`, `webp`, `bmff`, `tiff`, `exif`, `xmp`,
/// `text_chunks`, `comments`, `icc_profile_bytes`, `c2pa_present`. Absent values are `null`.
public struct ImageSummary: Sendable, Hashable, Encodable {
    /// The format sniffed from the bytes (`jpeg`, `png`, ...).
    public var format: String
    /// Width in pixels.
    public var width: Int
    /// Height in pixels.
    public var height: Int
    /// The colour model (`rgb`, `ycbcr`, `palette`, ...).
    public var colorModel: String
    /// Bits per sample.
    public var bitDepth: Int
    /// JPEG-specific facts.
    public var jpeg: JPEGFacts?
    /// PNG-specific facts.
    public var png: PNGFacts?
    /// WebP-specific facts.
    public var webp: WebPFacts?
    /// ISO BMFF facts (HEIF/HEIC, AVIF, MP4, QuickTime).
    public var bmff: BMFFFacts?
    /// TIFF/DNG-specific facts.
    public var tiff: TIFFFacts?
    /// The EXIF summary.
    public var exif: EXIFFacts?
    /// The XMP summary.
    public var xmp: XMPFacts?
    /// PNG text chunks.
    public var textChunks: [TextChunkFacts]
    /// JPEG COM comments.
    public var comments: [String]
    /// The size of the embedded ICC profile in bytes, if there is one.
    public var iccProfileBytes: Int?
    /// Whether C2PA data is present (JPEG APP11 JUMBF, PNG caBX, WebP C2PA chunk, BMFF C2PA uuid box, TIFF tag 0xCD41).
    public var c2paPresent: Bool
    /// The ICC profile's description (its `desc` tag, or the PNG iCCP name), when readable.
    public var iccDescription: String?
    /// IPTC-IIM facts (JPEG APP13), when present.
    public var iptc: IPTCFacts?
    /// The C2PA summary (verified), when C2PA data is present and inspect ran the verifier.
    public var c2pa: C2PASummary?

    /// Creates a summary.
    public init(
        format: String, width: Int, height: Int, colorModel: String, bitDepth: Int, jpeg: JPEGFacts? = nil,
        png: PNGFacts? = nil, exif: EXIFFacts? = nil, xmp: XMPFacts? = nil, textChunks: [TextChunkFacts] = [],
        comments: [String] = [], iccProfileBytes: Int? = nil, c2paPresent: Bool = false
    ) {
        self.format = format
        self.width = width
        self.height = height
        self.colorModel = colorModel
        self.bitDepth = bitDepth
        self.jpeg = jpeg
        self.png = png
        self.exif = exif
        self.xmp = xmp
        self.textChunks = textChunks
        self.comments = comments
        self.iccProfileBytes = iccProfileBytes
        self.c2paPresent = c2paPresent
        self.webp = nil
        self.bmff = nil
        self.tiff = nil
        self.iccDescription = nil
        self.iptc = nil
        self.c2pa = nil
    }

    enum CodingKeys: String, CodingKey {
        case format, width, height
        case colorModel = "color_model"
        case bitDepth = "bit_depth"
        case jpeg, png, webp, bmff, tiff, exif, xmp
        case textChunks = "text_chunks"
        case comments
        case iccProfileBytes = "icc_profile_bytes"
        case c2paPresent = "c2pa_present"
        case iccDescription = "icc_description"
        case iptc, c2pa
    }

    /// Encodes every key; absent values are written as `null`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(format, forKey: .format)
        try container.encode(width, forKey: .width)
        try container.encode(height, forKey: .height)
        try container.encode(colorModel, forKey: .colorModel)
        try container.encode(bitDepth, forKey: .bitDepth)
        try container.encode(jpeg, forKey: .jpeg)
        try container.encode(png, forKey: .png)
        try container.encode(webp, forKey: .webp)
        try container.encode(bmff, forKey: .bmff)
        try container.encode(tiff, forKey: .tiff)
        try container.encode(exif, forKey: .exif)
        try container.encode(xmp, forKey: .xmp)
        try container.encode(textChunks, forKey: .textChunks)
        try container.encode(comments, forKey: .comments)
        try container.encode(iccProfileBytes, forKey: .iccProfileBytes)
        try container.encode(c2paPresent, forKey: .c2paPresent)
        try container.encode(iccDescription, forKey: .iccDescription)
        try container.encode(iptc, forKey: .iptc)
        try container.encode(c2pa, forKey: .c2pa)
    }
}
