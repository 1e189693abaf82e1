/// What ``CLIPVisionTower/classTokens(pixels:layers:patches:)`` appends after each listed block's
/// class token, summarising that block's patch tokens of the residual stream value by value.
public enum PatchTokenSummary: Int, Sendable, Equatable, Hashable, CaseIterable {
    /// Nothing: the class token alone.
    case none = 0
    /// The mean over the patch tokens (one row of ``CLIPConfiguration/hidden`` values).
    case mean = 1
    /// The mean, then the population standard deviation over the patch tokens (two rows).
    case meanAndDeviation = 2

    /// Rows of ``CLIPConfiguration/hidden`` values per block, the class token included.
    public var rowsPerBlock: Int { 1 + rawValue }
}
