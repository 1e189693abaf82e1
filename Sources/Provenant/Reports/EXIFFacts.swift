/// EXIF facts: `{"make", "model", "software", "date_time_original", "image_description", "artist",
/// "copyright", "user_comment", "has_gps"}`.
public struct EXIFFacts: Sendable, Hashable, Encodable {
    /// Camera make.
    public var make: String?
    /// Camera model.
    public var model: String?
    /// Software.
    public var software: String?
    /// DateTimeOriginal.
    public var dateTimeOriginal: String?
    /// ImageDescription.
    public var imageDescription: String?
    /// Artist.
    public var artist: String?
    /// Copyright.
    public var copyright: String?
    /// UserComment.
    public var userComment: String?
    /// Whether a GPS sub-IFD is present.
    public var hasGPS: Bool

    /// Creates EXIF facts.
    public init(
        make: String? = nil, model: String? = nil, software: String? = nil, dateTimeOriginal: String? = nil,
        imageDescription: String? = nil, artist: String? = nil, copyright: String? = nil,
        userComment: String? = nil, hasGPS: Bool = false
    ) {
        self.make = make
        self.model = model
        self.software = software
        self.dateTimeOriginal = dateTimeOriginal
        self.imageDescription = imageDescription
        self.artist = artist
        self.copyright = copyright
        self.userComment = userComment
        self.hasGPS = hasGPS
    }

    enum CodingKeys: String, CodingKey {
        case make, model, software
        case dateTimeOriginal = "date_time_original"
        case imageDescription = "image_description"
        case artist, copyright
        case userComment = "user_comment"
        case hasGPS = "has_gps"
    }

    /// Encodes every key; absent values are written as `null`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(make, forKey: .make)
        try container.encode(model, forKey: .model)
        try container.encode(software, forKey: .software)
        try container.encode(dateTimeOriginal, forKey: .dateTimeOriginal)
        try container.encode(imageDescription, forKey: .imageDescription)
        try container.encode(artist, forKey: .artist)
        try container.encode(copyright, forKey: .copyright)
        try container.encode(userComment, forKey: .userComment)
        try container.encode(hasGPS, forKey: .hasGPS)
    }
}
