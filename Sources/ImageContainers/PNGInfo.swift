/// PNG-specific facts from the header and chunk list.
public struct PNGInfo: Sendable, Codable, Hashable {
    /// The IHDR colour type (0 gray, 2 RGB, 3 palette, 4 gray+alpha, 6 RGBA).
    public var colorType: Int
    /// Whether the image is Adam7-interlaced.
    public var interlaced: Bool
    /// The number of PLTE entries, when a palette is present.
    public var paletteSize: Int?
    /// Whether a tRNS chunk is present.
    public var hasTransparency: Bool
    /// Whether at least one IDAT chunk is present.
    public var hasImageData: Bool
    /// The chunk types present, each once, in order of first appearance.
    public var chunkTypes: [String]
    /// The total number of chunks.
    public var chunkCount: Int
    /// Whether the file ends with an IEND chunk.
    public var endsWithIEND: Bool

    /// Creates a PNG description.
    public init(
        colorType: Int, interlaced: Bool, paletteSize: Int?, hasTransparency: Bool, hasImageData: Bool,
        chunkTypes: [String], chunkCount: Int, endsWithIEND: Bool
    ) {
        self.colorType = colorType
        self.interlaced = interlaced
        self.paletteSize = paletteSize
        self.hasTransparency = hasTransparency
        self.hasImageData = hasImageData
        self.chunkTypes = chunkTypes
        self.chunkCount = chunkCount
        self.endsWithIEND = endsWithIEND
    }
}
