/// TIFF/DNG facts from IFD0: `{"byte_order", "compression", "photometric", "samples_per_pixel",
/// "bits_per_sample", "dng", "sub_ifd_count"}`. `photometric` is `null` when IFD0 does not give it.
public struct TIFFFacts: Sendable, Hashable, Encodable {
    /// `II` (little-endian) or `MM` (big-endian).
    public var byteOrder: String
    /// The compression code (1 none, 5 LZW, 7 JPEG, 8 deflate, 32773 PackBits…).
    public var compression: Int
    /// The photometric interpretation (0/1 grey, 2 RGB, 3 palette, 6 YCbCr, 32803 CFA), when given.
    public var photometric: Int?
    /// Samples per pixel.
    public var samplesPerPixel: Int
    /// Bits per sample of the first sample.
    public var bitsPerSample: Int
    /// Whether IFD0 has a DNGVersion tag.
    public var dng: Bool
    /// How many SubIFDs IFD0 points to (a DNG's raw image is in one).
    public var subIFDCount: Int

    /// Creates TIFF facts.
    public init(
        byteOrder: String, compression: Int, photometric: Int?, samplesPerPixel: Int, bitsPerSample: Int, dng: Bool,
        subIFDCount: Int
    ) {
        self.byteOrder = byteOrder
        self.compression = compression
        self.photometric = photometric
        self.samplesPerPixel = samplesPerPixel
        self.bitsPerSample = bitsPerSample
        self.dng = dng
        self.subIFDCount = subIFDCount
    }

    enum CodingKeys: String, CodingKey {
        case byteOrder = "byte_order"
        case compression, photometric
        case samplesPerPixel = "samples_per_pixel"
        case bitsPerSample = "bits_per_sample"
        case dng
        case subIFDCount = "sub_ifd_count"
    }

    /// Encodes every key; an absent `photometric` is written as `null`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(byteOrder, forKey: .byteOrder)
        try container.encode(compression, forKey: .compression)
        try container.encode(photometric, forKey: .photometric)
        try container.encode(samplesPerPixel, forKey: .samplesPerPixel)
        try container.encode(bitsPerSample, forKey: .bitsPerSample)
        try container.encode(dng, forKey: .dng)
        try container.encode(subIFDCount, forKey: .subIFDCount)
    }
}
