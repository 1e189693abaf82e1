/// A reduced-resolution decode factor.
///
/// JPEG scales natively inside the decoder (the IDCT produces fewer samples, which is much faster
/// than decoding and then shrinking). PNG is decoded at full resolution and box-averaged.
/// The output of a scaled decode is `ceil(width / factor)` × `ceil(height / factor)`.
public enum DecodeScale: Int, Sendable, CaseIterable {
    /// Full resolution.
    case full = 1
    /// One half in each dimension.
    case half = 2
    /// One quarter in each dimension.
    case quarter = 4
    /// One eighth in each dimension.
    case eighth = 8

    /// The output length for a source length at this scale: `ceil(length / factor)`.
    public func scaledLength(_ length: Int) -> Int {
        // Not `(length + rawValue - 1) / rawValue`, which overflows for lengths near Int.max.
        length / rawValue + (length % rawValue > 0 ? 1 : 0)
    }
}
