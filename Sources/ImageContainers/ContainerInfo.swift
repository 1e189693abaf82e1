/// What ``ContainerParser`` found in an image file, without decoding pixels.
public struct ContainerInfo: Sendable, Codable, Hashable {
    /// The format identified from the leading bytes.
    public var format: ImageFormat
    /// The image width in pixels.
    public var width: Int
    /// The image height in pixels.
    public var height: Int
    /// Bits per sample: 1, 2, 4, 8 or 16 for PNG; 8, 12 (or 2...16 for lossless) for JPEG.
    public var bitDepth: Int
    /// The colour model: `gray`, `gray_alpha`, `rgb`, `rgba`, `palette` (PNG) or
    /// `gray`, `ycbcr`, `rgb`, `cmyk`, `ycck` (JPEG); `rgb`/`rgba` (WebP), `ycbcr` (HEIF/AVIF),
    /// `gray`, `rgb`, `rgba`, `palette`, `cmyk`, `ycbcr`, `cfa` (TIFF/DNG).
    public var colorModel: String
    /// JPEG-specific details, for JPEG files.
    public var jpeg: JPEGInfo?
    /// PNG-specific details, for PNG files.
    public var png: PNGInfo?
    /// WebP-specific details, for WebP files.
    public var webp: WebPInfo?
    /// ISO BMFF details, for HEIF, AVIF, MP4 and QuickTime files.
    public var bmff: BMFFInfo?
    /// GIF details, for GIF files.
    public var gif: GIFInfo?
    /// TIFF/DNG details, for TIFF files.
    public var tiff: TIFFInfo?
    /// The metadata found.
    public var metadata: ImageMetadata
    /// Problems found in optional metadata that did not stop parsing (for example a corrupt EXIF block).
    public var warnings: [String]

    /// Creates a container description.
    public init(
        format: ImageFormat, width: Int, height: Int, bitDepth: Int, colorModel: String,
        jpeg: JPEGInfo? = nil, png: PNGInfo? = nil,
        webp: WebPInfo? = nil, bmff: BMFFInfo? = nil, tiff: TIFFInfo? = nil, gif: GIFInfo? = nil, metadata: ImageMetadata = ImageMetadata(), warnings: [String] = []
    ) {
        self.format = format
        self.width = width
        self.height = height
        self.bitDepth = bitDepth
        self.colorModel = colorModel
        self.jpeg = jpeg
        self.png = png
        self.webp = webp
        self.bmff = bmff
        self.tiff = tiff
        self.gif = gif
        self.metadata = metadata
        self.warnings = warnings
    }
}
