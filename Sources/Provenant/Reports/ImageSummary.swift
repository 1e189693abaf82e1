/// The container facts of one image, as `inspect` reports them.
///
/// JSON keys: `format`, `width`, `height`, `color_model`, `bit_depth`, `jpeg`, `png`, `exif`, `xmp`,
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
    /// Whether C2PA data (JPEG APP11 JUMBF or PNG caBX) is present.
    public var c2paPresent: Bool

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
    }

    enum CodingKeys: String, CodingKey {
        case format, width, height
        case colorModel = "color_model"
        case bitDepth = "bit_depth"
        case jpeg, png, exif, xmp
        case textChunks = "text_chunks"
        case comments
        case iccProfileBytes = "icc_profile_bytes"
        case c2paPresent = "c2pa_present"
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
        try container.encode(exif, forKey: .exif)
        try container.encode(xmp, forKey: .xmp)
        try container.encode(textChunks, forKey: .textChunks)
        try container.encode(comments, forKey: .comments)
        try container.encode(iccProfileBytes, forKey: .iccProfileBytes)
        try container.encode(c2paPresent, forKey: .c2paPresent)
    }
}

/// JPEG facts: `{"quality", "subsampling", "progressive", "arithmetic"}`.
public struct JPEGFacts: Sendable, Hashable, Encodable {
    /// The IJG-scale quality estimated from the quantization tables.
    public var quality: Int?
    /// The chroma subsampling (`4:2:0`, `4:4:4`, ...).
    public var subsampling: String?
    /// Whether the JPEG is progressive.
    public var progressive: Bool
    /// Whether the JPEG is arithmetic-coded.
    public var arithmetic: Bool

    /// Creates JPEG facts.
    public init(quality: Int?, subsampling: String?, progressive: Bool, arithmetic: Bool) {
        self.quality = quality
        self.subsampling = subsampling
        self.progressive = progressive
        self.arithmetic = arithmetic
    }

    enum CodingKeys: String, CodingKey { case quality, subsampling, progressive, arithmetic }

    /// Encodes every key; absent values are written as `null`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(quality, forKey: .quality)
        try container.encode(subsampling, forKey: .subsampling)
        try container.encode(progressive, forKey: .progressive)
        try container.encode(arithmetic, forKey: .arithmetic)
    }
}

/// PNG facts: `{"interlaced", "palette_size", "chunk_types"}`.
public struct PNGFacts: Sendable, Hashable, Encodable {
    /// Whether the PNG is Adam7-interlaced.
    public var interlaced: Bool
    /// The number of palette entries, for palette images.
    public var paletteSize: Int?
    /// The chunk types present, in file order without repeats.
    public var chunkTypes: [String]

    /// Creates PNG facts.
    public init(interlaced: Bool, paletteSize: Int?, chunkTypes: [String]) {
        self.interlaced = interlaced
        self.paletteSize = paletteSize
        self.chunkTypes = chunkTypes
    }

    enum CodingKeys: String, CodingKey {
        case interlaced
        case paletteSize = "palette_size"
        case chunkTypes = "chunk_types"
    }

    /// Encodes every key; absent values are written as `null`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(interlaced, forKey: .interlaced)
        try container.encode(paletteSize, forKey: .paletteSize)
        try container.encode(chunkTypes, forKey: .chunkTypes)
    }
}

/// EXIF facts: `{"make", "model", "software", "date_time_original", "image_description", "artist",
/// "copyright", "user_comment", "has_gps"}`.
public struct EXIFFacts: Sendable, Hashable, Encodable {
    /// Camera make.
    public var make: String?
    /// Camera model.
    public var model: String?
    /// Software.
    public var software: String?
    /// DateTimeOriginal.
    public var dateTimeOriginal: String?
    /// ImageDescription.
    public var imageDescription: String?
    /// Artist.
    public var artist: String?
    /// Copyright.
    public var copyright: String?
    /// UserComment.
    public var userComment: String?
    /// Whether a GPS sub-IFD is present.
    public var hasGPS: Bool

    /// Creates EXIF facts.
    public init(
        make: String? = nil, model: String? = nil, software: String? = nil, dateTimeOriginal: String? = nil,
        imageDescription: String? = nil, artist: String? = nil, copyright: String? = nil,
        userComment: String? = nil, hasGPS: Bool = false
    ) {
        self.make = make
        self.model = model
        self.software = software
        self.dateTimeOriginal = dateTimeOriginal
        self.imageDescription = imageDescription
        self.artist = artist
        self.copyright = copyright
        self.userComment = userComment
        self.hasGPS = hasGPS
    }

    enum CodingKeys: String, CodingKey {
        case make, model, software
        case dateTimeOriginal = "date_time_original"
        case imageDescription = "image_description"
        case artist, copyright
        case userComment = "user_comment"
        case hasGPS = "has_gps"
    }

    /// Encodes every key; absent values are written as `null`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(make, forKey: .make)
        try container.encode(model, forKey: .model)
        try container.encode(software, forKey: .software)
        try container.encode(dateTimeOriginal, forKey: .dateTimeOriginal)
        try container.encode(imageDescription, forKey: .imageDescription)
        try container.encode(artist, forKey: .artist)
        try container.encode(copyright, forKey: .copyright)
        try container.encode(userComment, forKey: .userComment)
        try container.encode(hasGPS, forKey: .hasGPS)
    }
}

/// XMP facts: `{"digital_source_type", "creator_tool", "creators", "credit", "provenance"}`.
public struct XMPFacts: Sendable, Hashable, Encodable {
    /// Iptc4xmpExt:DigitalSourceType.
    public var digitalSourceType: String?
    /// xmp:CreatorTool.
    public var creatorTool: String?
    /// dc:creator.
    public var creators: [String]
    /// photoshop:Credit.
    public var credit: String?
    /// dcterms:provenance (a remote manifest reference).
    public var provenance: String?

    /// Creates XMP facts.
    public init(
        digitalSourceType: String? = nil, creatorTool: String? = nil, creators: [String] = [], credit: String? = nil,
        provenance: String? = nil
    ) {
        self.digitalSourceType = digitalSourceType
        self.creatorTool = creatorTool
        self.creators = creators
        self.credit = credit
        self.provenance = provenance
    }

    enum CodingKeys: String, CodingKey {
        case digitalSourceType = "digital_source_type"
        case creatorTool = "creator_tool"
        case creators, credit, provenance
    }

    /// Encodes every key; absent values are written as `null`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(digitalSourceType, forKey: .digitalSourceType)
        try container.encode(creatorTool, forKey: .creatorTool)
        try container.encode(creators, forKey: .creators)
        try container.encode(credit, forKey: .credit)
        try container.encode(provenance, forKey: .provenance)
    }
}

/// A PNG text chunk: `{"keyword", "chunk_type", "text"}`; the text is cut at 200 characters.
public struct TextChunkFacts: Sendable, Hashable, Encodable {
    /// The chunk's keyword (for example `parameters`).
    public var keyword: String
    /// `tEXt`, `zTXt` or `iTXt`.
    public var chunkType: String
    /// The text, cut at 200 characters with `…` appended when longer.
    public var text: String

    /// Creates a text chunk summary, shortening the text.
    public init(keyword: String, chunkType: String, text: String) {
        self.keyword = keyword
        self.chunkType = chunkType
        self.text = text.count > 200 ? String(text.prefix(200)) + "…" : text
    }

    enum CodingKeys: String, CodingKey {
        case keyword
        case chunkType = "chunk_type"
        case text
    }
}
