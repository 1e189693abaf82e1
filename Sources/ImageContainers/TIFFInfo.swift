/// TIFF/DNG-specific facts read from IFD0 (no pixels decoded).
public struct TIFFInfo: Sendable, Codable, Hashable {
    /// IFD0 image width (for a DNG, usually the preview's).
    public var width: Int = 0
    /// IFD0 image height.
    public var height: Int = 0
    /// Bits per sample of the first sample.
    public var bitsPerSample: Int = 1
    /// The compression code (1 none, 5 LZW, 7 JPEG, 8 deflate, 32773 PackBits…).
    public var compression: Int = 1
    /// The photometric interpretation (0/1 grey, 2 RGB, 3 palette, 6 YCbCr, 32803 CFA), when given.
    public var photometric: Int?
    /// Samples per pixel.
    public var samplesPerPixel: Int = 1
    /// Whether IFD0 has a DNGVersion tag.
    public var isDNG: Bool = false
    /// How many SubIFDs IFD0 points to (a DNG's raw image is in one).
    public var subIFDCount: Int = 0
    /// `II` (little-endian) or `MM` (big-endian).
    public var byteOrder: String = "II"

    /// Creates an empty record.
    public init() {}
}
