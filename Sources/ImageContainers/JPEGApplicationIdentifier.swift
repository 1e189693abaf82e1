/// Identifiers that open well-known JPEG APPn payloads.
public enum JPEGApplicationIdentifier {
    /// APP1 EXIF: `Exif\0` followed by a pad byte, then a TIFF structure.
    public static let exif = "Exif"
    /// APP1 XMP: the namespace URI followed by NUL, then the packet.
    public static let xmp = "http://ns.adobe.com/xap/1.0/"
    /// APP1 extended XMP: the URI, NUL, a 32-character GUID, full length, offset, then a part of the packet.
    public static let extendedXMP = "http://ns.adobe.com/xmp/extension/"
    /// APP2 ICC profile part: `ICC_PROFILE\0`, sequence number, part count, then profile bytes.
    public static let iccProfile = "ICC_PROFILE"
    /// APP14 Adobe colour transform segment.
    public static let adobe = "Adobe"
    /// APP0 JFIF.
    public static let jfif = "JFIF"
    /// APP11 JPEG-XT / JUMBF (ISO 19566-5): `JP`, box instance, sequence number, then a JUMBF box.
    public static let jumbf = "JP"

    /// The identifier of an APPn payload: the leading printable ASCII characters up to the
    /// first NUL or non-printable byte, at most 64 characters.
    public static func identifier(of payload: ArraySlice<UInt8>) -> String {
        var scalars = String.UnicodeScalarView()
        for byte in payload.prefix(64) {
            guard (0x20...0x7E).contains(byte) else { break }
            scalars.append(Unicode.Scalar(byte))
        }
        return String(scalars)
    }

    /// Whether the payload starts with `identifier` followed by a NUL byte.
    static func matches(_ payload: ArraySlice<UInt8>, _ identifier: String) -> Bool {
        let count = identifier.utf8.count
        guard payload.count > count, TextDecoding.hasPrefix(payload, identifier) else { return false }
        return payload[payload.startIndex + count] == 0
    }
}
