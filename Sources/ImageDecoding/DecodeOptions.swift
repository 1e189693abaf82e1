public import ByteParsing

/// Options for ``ImageDecoder/decode(_:options:)``.
public struct DecodeOptions: Sendable {
    /// Reduced-resolution decode factor.
    public var scale: DecodeScale
    /// Decode only this rectangle of the (scaled) output; nil decodes everything.
    public var region: PixelRegion?
    /// Limits on input size and image pixels, checked before any pixel buffer is allocated.
    /// `maxPixels` applies to the source image's width × height.
    public var limits: ParseLimits
    /// For 16-bit PNG, also return the 16-bit samples in ``DecodedImage/samples16``.
    public var keepSixteenBit: Bool
    /// The memory and work one decode may cost (see `docs/limits.md`).
    public var budget: DecodeBudget

    /// Creates options; the defaults decode the whole image at full resolution.
    public init(
        scale: DecodeScale = .full,
        region: PixelRegion? = nil,
        limits: ParseLimits = .default,
        keepSixteenBit: Bool = false,
        budget: DecodeBudget = .default
    ) {
        self.scale = scale
        self.region = region
        self.limits = limits
        self.keepSixteenBit = keepSixteenBit
        self.budget = budget
    }
}
