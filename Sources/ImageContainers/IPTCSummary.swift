/// The IPTC-IIM (Information Interchange Model) fields that matter for provenance, from a JPEG APP13
/// `Photoshop 3.0` segment's IPTC-NAA resource (0x0404), record 2.
public struct IPTCSummary: Sendable, Codable, Hashable {
    /// 2:05 Object Name (the title).
    public var objectName: String?
    /// 2:105 Headline.
    public var headline: String?
    /// 2:120 Caption/Abstract.
    public var caption: String?
    /// 2:25 Keywords, in order.
    public var keywords: [String] = []
    /// 2:80 By-line (creators), in order.
    public var byline: [String] = []
    /// 2:110 Credit.
    public var credit: String?
    /// 2:115 Source.
    public var source: String?
    /// 2:116 Copyright Notice.
    public var copyrightNotice: String?
    /// 2:90 City.
    public var city: String?
    /// 2:101 Country/Primary Location Name.
    public var country: String?
    /// 2:55 Date Created (`CCYYMMDD`).
    public var dateCreated: String?
    /// 2:65 Originating Program.
    public var originatingProgram: String?

    /// Creates an empty summary.
    public init() {}
}
