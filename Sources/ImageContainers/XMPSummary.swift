/// The provenance-relevant fields of an XMP packet, plus the packet text itself.
public struct XMPSummary: Sendable, Codable, Hashable {
    /// `Iptc4xmpExt:DigitalSourceType`: the full IPTC URI as written (for example
    /// `http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia`).
    public var digitalSourceType: String?
    /// `xmp:CreatorTool`: the program that created the resource.
    public var creatorTool: String?
    /// `dc:creator`: the `rdf:li` items of its sequence or bag, in order.
    public var creators: [String]
    /// `photoshop:Credit`.
    public var credit: String?
    /// `dcterms:provenance`.
    public var provenance: String?
    /// The packet text (for JPEG, the main packet; see ``extendedPacket``).
    public var packet: String
    /// The reassembled JPEG extended-XMP packet, when present (its fields are merged into this summary).
    public var extendedPacket: String?

    /// Creates a summary.
    public init(
        digitalSourceType: String? = nil, creatorTool: String? = nil, creators: [String] = [], credit: String? = nil,
        provenance: String? = nil, packet: String, extendedPacket: String? = nil
    ) {
        self.digitalSourceType = digitalSourceType
        self.creatorTool = creatorTool
        self.creators = creators
        self.credit = credit
        self.provenance = provenance
        self.packet = packet
        self.extendedPacket = extendedPacket
    }

    /// Fills fields that are still empty from `other` (used to merge an extended packet).
    public mutating func fillMissing(from other: XMPSummary) {
        digitalSourceType = digitalSourceType ?? other.digitalSourceType
        creatorTool = creatorTool ?? other.creatorTool
        if creators.isEmpty { creators = other.creators }
        credit = credit ?? other.credit
        provenance = provenance ?? other.provenance
    }
}
