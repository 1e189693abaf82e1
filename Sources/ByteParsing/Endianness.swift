/// The byte order of a multi-byte integer.
public enum Endianness: Sendable, Hashable {
    /// Most significant byte first (JPEG, PNG, JUMBF, "MM" TIFF).
    case big
    /// Least significant byte first ("II" TIFF).
    case little
}
