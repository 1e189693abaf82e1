/// One top-level structure of a container: a JPEG segment, PNG or RIFF chunk, or ISO BMFF box.
public struct ContainerBox: Sendable, Hashable {
    /// The structure's name: a JPEG marker name (`SOI`, `APP1`, `SOS`…), a chunk type or a box type.
    public let name: String
    /// The absolute range the structure occupies, header included.
    public let range: Range<Int>
    /// The absolute range of the structure's payload (after its header).
    public let payloadRange: Range<Int>

    /// Creates a box record.
    public init(name: String, range: Range<Int>, payloadRange: Range<Int>) {
        self.name = name
        self.range = range
        self.payloadRange = payloadRange
    }
}
