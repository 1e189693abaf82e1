/// An APPn segment and the identifier it starts with.
public struct JPEGApplicationSegmentInfo: Sendable, Codable, Hashable {
    /// n in APPn (0...15).
    public var number: Int
    /// The absolute offset of the segment's marker.
    public var offset: Int
    /// The payload length in bytes (after the 2-byte length field).
    public var length: Int
    /// The identifier: the leading printable ASCII up to the first NUL (`Exif`, `JFIF`, `ICC_PROFILE`,
    /// `http://ns.adobe.com/xap/1.0/`, `Adobe`, `JP` for JUMBF...), or empty.
    public var identifier: String

    /// Creates a segment description.
    public init(number: Int, offset: Int, length: Int, identifier: String) {
        self.number = number
        self.offset = offset
        self.length = length
        self.identifier = identifier
    }
}
