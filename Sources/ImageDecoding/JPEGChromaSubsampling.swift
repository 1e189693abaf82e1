/// Chroma subsampling for ``JPEGEncoder``.
public enum JPEGChromaSubsampling: Int, Sendable, CaseIterable {
    /// No subsampling (4:4:4).
    case yuv444 = 444
    /// Horizontal halving (4:2:2).
    case yuv422 = 422
    /// Horizontal and vertical halving (4:2:0), the default of most encoders.
    case yuv420 = 420
}
