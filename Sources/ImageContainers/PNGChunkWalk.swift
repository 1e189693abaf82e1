/// The result of walking a PNG file's chunks.
public struct PNGChunkWalk: Sendable, Hashable {
    /// Every chunk in file order.
    public let chunks: [PNGChunk]
    /// Whether the walk ended at an IEND chunk.
    public let endsWithIEND: Bool
    /// The absolute offset just after the last chunk read.
    public let endOffset: Int

    /// The chunks of one type, in file order.
    public func chunks(ofType type: String) -> [PNGChunk] { chunks.filter { $0.type == type } }
}
