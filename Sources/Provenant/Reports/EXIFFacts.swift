/// EXIF facts: `{"make", "model", "software", "date_time_original", "image_description", "artist",
/// "copyright", "user_comment", "has_gps"}`; since schema 2 also `"gps_latitude"`, `"gps_longitude"` (decimal
/// degrees, south and west negative), `"lens_make"`, `"lens_model"`, `"orientation"` (1…8), `"exposure_time"`
/// (seconds), `"f_number"`, `"iso"`, `"focal_length"` (mm), `"date_time"`, `"body_serial_number"` and
/// `"has_maker_note"`. `has_gps` is true only when a position was read (not for an empty GPS directory).
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
    /// Whether a GPS position was read.
    public var hasGPS: Bool
    /// GPS latitude (decimal degrees, south negative).
    public var gpsLatitude: Double?
    /// GPS longitude (decimal degrees, west negative).
    public var gpsLongitude: Double?
    /// Lens make.
    public var lensMake: String?
    /// Lens model.
    public var lensModel: String?
    /// Orientation, 1…8.
    public var orientation: Int?
    /// Exposure time in seconds.
    public var exposureTime: Double?
    /// F-number.
    public var fNumber: Double?
    /// ISO sensitivity.
    public var iso: Int?
    /// Focal length in millimetres.
    public var focalLength: Double?
    /// IFD0 DateTime (last change).
    public var dateTime: String?
    /// Body serial number.
    public var bodySerialNumber: String?
    /// Whether a maker note is present.
    public var hasMakerNote: Bool

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
        self.hasMakerNote = false
    }

    enum CodingKeys: String, CodingKey {
        case make, model, software
        case dateTimeOriginal = "date_time_original"
        case imageDescription = "image_description"
        case artist, copyright
        case userComment = "user_comment"
        case hasGPS = "has_gps"
        case gpsLatitude = "gps_latitude"
        case gpsLongitude = "gps_longitude"
        case lensMake = "lens_make"
        case lensModel = "lens_model"
        case orientation
        case exposureTime = "exposure_time"
        case fNumber = "f_number"
        case iso
        case focalLength = "focal_length"
        case dateTime = "date_time"
        case bodySerialNumber = "body_serial_number"
        case hasMakerNote = "has_maker_note"
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
        try container.encode(gpsLatitude, forKey: .gpsLatitude)
        try container.encode(gpsLongitude, forKey: .gpsLongitude)
        try container.encode(lensMake, forKey: .lensMake)
        try container.encode(lensModel, forKey: .lensModel)
        try container.encode(orientation, forKey: .orientation)
        try container.encode(exposureTime, forKey: .exposureTime)
        try container.encode(fNumber, forKey: .fNumber)
        try container.encode(iso, forKey: .iso)
        try container.encode(focalLength, forKey: .focalLength)
        try container.encode(dateTime, forKey: .dateTime)
        try container.encode(bodySerialNumber, forKey: .bodySerialNumber)
        try container.encode(hasMakerNote, forKey: .hasMakerNote)
    }
}
