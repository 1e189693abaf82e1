/// JPEG-specific facts from the frame header, quantization tables and application segments.
public struct JPEGInfo: Sendable, Codable, Hashable {
    /// The start-of-frame marker code (0xC0 baseline ... 0xCF).
    public var frameMarker: Int
    /// Whether the frame is progressive (SOF2, SOF6, SOF10, SOF14).
    public var progressive: Bool
    /// Whether the entropy coding is arithmetic (SOF9 ... SOF15).
    public var arithmetic: Bool
    /// Whether the frame is lossless (SOF3, SOF7, SOF11, SOF15).
    public var lossless: Bool
    /// Whether the frame is differential / hierarchical (SOF5 ... SOF7, SOF13 ... SOF15).
    public var hierarchical: Bool
    /// The frame components in header order.
    public var components: [JPEGComponentInfo]
    /// Chroma subsampling: `4:4:4`, `4:2:2`, `4:2:0`, `4:4:0`, `4:1:1`, `4:1:0`, `4:0:0` (gray),
    /// or the raw factors (`2x2,1x1,1x1`) when they fit none of these.
    public var subsampling: String
    /// The quantization tables used by the components, in natural (row-major) order, 64 values each,
    /// ordered by table slot (the luminance table first in ordinary files).
    public var quantizationTables: [[UInt16]]
    /// The slot (0...3) of each entry in ``quantizationTables``.
    public var quantizationTableSlots: [Int]
    /// The IJG quality (1...100) whose scaled standard tables are nearest to ``quantizationTables``.
    public var estimatedQuality: Int?
    /// Every APPn segment with its identifier, in file order.
    public var applicationSegments: [JPEGApplicationSegmentInfo]
    /// Whether an APP0 JFIF segment is present.
    public var hasJFIF: Bool
    /// The Adobe APP14 colour transform flag (0 none/RGB/CMYK, 1 YCbCr, 2 YCCK), when present.
    public var adobeTransform: Int?
    /// The number of APP11 JUMBF segments (C2PA manifest stores are carried in these).
    public var jumbfSegmentCount: Int
    /// The number of scans (SOS segments).
    public var scanCount: Int
    /// Whether the file ends with an EOI marker.
    public var endsWithEOI: Bool

    /// Creates a JPEG description.
    public init(
        frameMarker: Int, progressive: Bool, arithmetic: Bool, lossless: Bool, hierarchical: Bool,
        components: [JPEGComponentInfo], subsampling: String, quantizationTables: [[UInt16]],
        quantizationTableSlots: [Int], estimatedQuality: Int?, applicationSegments: [JPEGApplicationSegmentInfo],
        hasJFIF: Bool, adobeTransform: Int?, jumbfSegmentCount: Int, scanCount: Int, endsWithEOI: Bool
    ) {
        self.frameMarker = frameMarker
        self.progressive = progressive
        self.arithmetic = arithmetic
        self.lossless = lossless
        self.hierarchical = hierarchical
        self.components = components
        self.subsampling = subsampling
        self.quantizationTables = quantizationTables
        self.quantizationTableSlots = quantizationTableSlots
        self.estimatedQuality = estimatedQuality
        self.applicationSegments = applicationSegments
        self.hasJFIF = hasJFIF
        self.adobeTransform = adobeTransform
        self.jumbfSegmentCount = jumbfSegmentCount
        self.scanCount = scanCount
        self.endsWithEOI = endsWithEOI
    }
}
