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
