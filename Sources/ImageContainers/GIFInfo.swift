/// GIF-specific facts read from the block structure (no pixels decoded).
public struct GIFInfo: Sendable, Codable, Hashable {
    /// The logical screen width.
    public var width: Int = 0
    /// The logical screen height.
    public var height: Int = 0
    /// The number of entries in the global colour table (0 when there is none).
    public var globalColorTableSize: Int = 0
    /// The number of image descriptors (frames).
    public var frameCount: Int = 0

    /// Creates an empty record.
    public init() {}
}
