/// JPEG marker codes used by the parsers.
public enum JPEGMarker {
    /// Start of image.
    public static let soi: UInt8 = 0xD8
    /// End of image.
    public static let eoi: UInt8 = 0xD9
    /// Start of scan.
    public static let sos: UInt8 = 0xDA
    /// Define quantization table(s).
    public static let dqt: UInt8 = 0xDB
    /// Define Huffman table(s).
    public static let dht: UInt8 = 0xC4
    /// Comment.
    public static let com: UInt8 = 0xFE
    /// APP1 (EXIF, XMP).
    public static let app1: UInt8 = 0xE1
    /// APP2 (ICC profile, MPF).
    public static let app2: UInt8 = 0xE2
    /// APP11 (JUMBF / C2PA).
    public static let app11: UInt8 = 0xEB
    /// APP14 (Adobe colour transform).
    public static let app14: UInt8 = 0xEE
}
