/// IPTC-IIM facts (JPEG APP13): `{"object_name", "headline", "caption", "keywords", "byline", "credit",
/// "source", "copyright_notice", "city", "country", "date_created", "originating_program"}`.
public struct IPTCFacts: Sendable, Hashable, Encodable {
    /// 2:05 Object Name.
    public var objectName: String?
    /// 2:105 Headline.
    public var headline: String?
    /// 2:120 Caption/Abstract.
    public var caption: String?
    /// 2:25 Keywords.
    public var keywords: [String]
    /// 2:80 By-line.
    public var byline: [String]
    /// 2:110 Credit.
    public var credit: String?
    /// 2:115 Source.
    public var source: String?
    /// 2:116 Copyright Notice.
    public var copyrightNotice: String?
    /// 2:90 City.
    public var city: String?
    /// 2:101 Country.
    public var country: String?
    /// 2:55 Date Created.
    public var dateCreated: String?
    /// 2:65 Originating Program.
    public var originatingProgram: String?

    enum CodingKeys: String, CodingKey {
        case objectName = "object_name"
        case headline, caption, keywords, byline, credit, source
        case copyrightNotice = "copyright_notice"
        case city, country
        case dateCreated = "date_created"
        case originatingProgram = "originating_program"
    }

    /// Encodes every key; absent values are written as `null`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(objectName, forKey: .objectName)
        try container.encode(headline, forKey: .headline)
        try container.encode(caption, forKey: .caption)
        try container.encode(keywords, forKey: .keywords)
        try container.encode(byline, forKey: .byline)
        try container.encode(credit, forKey: .credit)
        try container.encode(source, forKey: .source)
        try container.encode(copyrightNotice, forKey: .copyrightNotice)
        try container.encode(city, forKey: .city)
        try container.encode(country, forKey: .country)
        try container.encode(dateCreated, forKey: .dateCreated)
        try container.encode(originatingProgram, forKey: .originatingProgram)
    }
}
