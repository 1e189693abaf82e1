/// The EXIF fields that matter for provenance, read from a TIFF-structured EXIF block.
public struct EXIFSummary: Sendable, Codable, Hashable {
    /// IFD0 Make (0x010F): the camera or device manufacturer.
    public var make: String?
    /// IFD0 Model (0x0110).
    public var model: String?
    /// IFD0 Software (0x0131): firmware or the program that last wrote the file.
    public var software: String?
    /// IFD0 DateTime (0x0132): when the file was last changed.
    public var dateTime: String?
    /// EXIF DateTimeOriginal (0x9003): when the picture was taken.
    public var dateTimeOriginal: String?
    /// EXIF DateTimeDigitized (0x9004).
    public var dateTimeDigitized: String?
    /// EXIF UserComment (0x9286), decoded according to its 8-byte character-code prefix.
    public var userComment: String?
    /// IFD0 ImageDescription (0x010E).
    public var imageDescription: String?
    /// IFD0 Artist (0x013B).
    public var artist: String?
    /// IFD0 Copyright (0x8298).
    public var copyright: String?
    /// EXIF LensMake (0xA433).
    public var lensMake: String?
    /// EXIF LensModel (0xA434).
    public var lensModel: String?
    /// EXIF BodySerialNumber (0xA431).
    public var bodySerialNumber: String?
    /// IFD0 Orientation (0x0112): 1...8, when present and in range.
    public var orientation: Int?
    /// EXIF ImageUniqueID (0xA420).
    public var imageUniqueID: String?
    /// EXIF ExposureTime (0x829A) in seconds.
    public var exposureTime: Double?
    /// EXIF FNumber (0x829D).
    public var fNumber: Double?
    /// EXIF PhotographicSensitivity / ISOSpeedRatings (0x8827).
    public var iso: Int?
    /// EXIF FocalLength (0x920A) in millimetres.
    public var focalLength: Double?
    /// Whether an EXIF MakerNote (0x927C) is present; camera firmware writes one, generators rarely do.
    public var hasMakerNote: Bool = false
    /// Whether IFD0 points to a GPS sub-IFD (the coordinates below are set only when it is readable).
    public var hasGPS: Bool
    /// GPS latitude in decimal degrees (south negative), when readable.
    public var gpsLatitude: Double?
    /// GPS longitude in decimal degrees (west negative), when readable.
    public var gpsLongitude: Double?
    /// Whether an EXIF sub-IFD is present.
    public var hasEXIFDirectory: Bool
    /// Whether IFD1 (the thumbnail directory) is present.
    public var hasThumbnail: Bool
    /// The TIFF byte order: `II` (little-endian) or `MM` (big-endian).
    public var byteOrder: String
    /// The number of IFDs read (IFD0, sub-IFDs and the IFD1 chain).
    public var directoryCount: Int

    /// Creates an empty summary for the given byte order.
    public init(byteOrder: String) {
        self.byteOrder = byteOrder
        hasGPS = false
        hasEXIFDirectory = false
        hasThumbnail = false
        directoryCount = 0
    }
}
