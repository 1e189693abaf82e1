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
