/// The `provenance` object of a report. It has one key today, `c2pa`.
public struct ProvenanceSection: Sendable, Hashable, Codable {
    /// The C2PA verification summary.
    public var c2pa: C2PASummary

    /// Creates a section.
    public init(c2pa: C2PASummary) { self.c2pa = c2pa }

    enum CodingKeys: String, CodingKey {
        case c2pa
    }
}
