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

    /// The marker's conventional name (`SOI`, `APP1`, `SOF0`, `DQT`, `SOS`…), as C2PA box hashes name JPEG segments.
    public static func name(_ marker: UInt8) -> String {
        switch marker {
        case 0xD8: return "SOI"
        case 0xD9: return "EOI"
        case 0xE0...0xEF: return "APP\(marker - 0xE0)"
        case 0xC0...0xC3, 0xC5...0xC7, 0xC9...0xCB, 0xCD...0xCF: return "SOF\(marker - 0xC0)"
        case 0xC4: return "DHT"
        case 0xCC: return "DAC"
        case 0xDA: return "SOS"
        case 0xDB: return "DQT"
        case 0xDD: return "DRI"
        case 0xFE: return "COM"
        case 0xD0...0xD7: return "RST\(marker - 0xD0)"
        default: return "M\(marker)"
        }
    }
}
