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
