public import ImageContainers

/// The result of decoding an image.
public struct DecodedImage: Sendable {
    /// The container format the bytes were in (JPEG, PNG, WebP, HEIF, AVIF or TIFF).
    public var format: ImageFormat
    /// Width of the decoded output (after scaling and region selection).
    public var width: Int
    /// Height of the decoded output (after scaling and region selection).
    public var height: Int
    /// Width of the image as stored in the file.
    public var sourceWidth: Int
    /// Height of the image as stored in the file.
    public var sourceHeight: Int
    /// The decoded pixels as 8-bit RGB (grayscale is replicated, CMYK converted, palette expanded).
    public var rgb: RGBImage
    /// 8-bit alpha, one byte per output pixel, when the file has an alpha channel or PNG `tRNS`.
    public var alpha: [UInt8]?
    /// 16-bit RGB samples (three per output pixel, same layout as ``rgb``) for 16-bit PNG when
    /// ``DecodeOptions/keepSixteenBit`` is set; nil otherwise.
    public var samples16: [UInt16]?
    /// The stored colour model: `gray`, `gray_alpha`, `rgb`, `rgba`, `palette` (PNG) or
    /// `gray`, `ycbcr`, `rgb`, `cmyk`, `ycck` (JPEG).
    public var colorModel: String
    /// Bits per stored sample (1, 2, 4, 8 or 16 for PNG; 8 for JPEG).
    public var bitDepth: Int
    /// The embedded ICC profile (JPEG APP2 `ICC_PROFILE`, PNG `iCCP`), if any.
    public var iccProfile: [UInt8]?
    /// Recoverable problems the decoder reported (for example corrupt entropy-coded data that
    /// libjpeg concealed). The image decoded, but its pixels may be partly wrong.
    public var warnings: [String]
    /// The number of frames or top-level images in the file; only the first (or primary) one is decoded.
    public var frameCount: Int
    /// The EXIF/TIFF orientation (1...8) that was applied to the pixels, 1 when none was.
    /// (HEIF stores orientation as `irot`/`imir` transforms, which libheif applies; JPEG and PNG are not rotated;
    /// a video frame carries the orientation of its display matrix's quarter turn: 1, 3, 6 or 8.)
    public var orientation: Int
    /// What the decode cost (bytes read, scans, rows), for checking budgets without timing.
    public var work: DecodeWork

    /// Creates a decoded image.
    public init(
        format: ImageFormat, width: Int, height: Int, sourceWidth: Int, sourceHeight: Int, rgb: RGBImage,
        alpha: [UInt8]? = nil, samples16: [UInt16]? = nil, colorModel: String, bitDepth: Int,
        iccProfile: [UInt8]? = nil, warnings: [String] = [], work: DecodeWork = DecodeWork(), frameCount: Int = 1,
        orientation: Int = 1
    ) {
        self.format = format
        self.width = width
        self.height = height
        self.sourceWidth = sourceWidth
        self.sourceHeight = sourceHeight
        self.rgb = rgb
        self.alpha = alpha
        self.samples16 = samples16
        self.colorModel = colorModel
        self.bitDepth = bitDepth
        self.iccProfile = iccProfile
        self.warnings = warnings
        self.work = work
        self.frameCount = frameCount
        self.orientation = orientation
    }
}
