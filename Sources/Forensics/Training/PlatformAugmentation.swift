public import ImageDecoding

/// Label-blind augmentation that copies what image platforms do to an upload, for training and
/// evaluating the deep stage: each step is drawn independently from the seeded generator.
///
/// 1. With probability ``cropProbability``, a random crop keeping 60–100 % of each side.
/// 2. With probability ``downscaleProbability``, a downscale to a short side drawn from
///    ``shortSide`` with a filter drawn from ``ResamplingFilter/allCases`` (skipped when already
///    smaller).
/// 3. With probability ``sharpenProbability``, mild unsharp masking (radius 0.6–1.5, 30–90 %,
///    threshold 2).
/// 4. The encode: JPEG 4:2:0 at 60–95 (with probability ``jpegProbability``; a fraction
///    ``doubleJPEGProbability`` of those first pass through JPEG 70–95, a double compression),
///    otherwise lossy WebP at 60–90 (``webpProbability``), otherwise the pixels stay lossless.
///
/// The same recipe as the deep-stage training tooling (`scripts/deep/common.py`, `augment`); the
/// generators differ, so the copies are not the same pixels.
public struct PlatformAugmentation: Sendable, Codable, Hashable {
    /// Probability of the random crop.
    public var cropProbability = 0.5
    /// Smallest crop fraction per side.
    public var minCropFraction = 0.6
    /// Probability of the downscale.
    public var downscaleProbability = 0.8
    /// Short-side range of the downscale.
    public var shortSide: ClosedRange<Int> = 320...1080
    /// Probability of unsharp masking.
    public var sharpenProbability = 0.2
    /// Probability of a JPEG encode.
    public var jpegProbability = 0.6
    /// Of the JPEG encodes, the fraction that are the second generation.
    public var doubleJPEGProbability = 0.3
    /// Probability of a WebP encode (when no JPEG was drawn, this share of all copies).
    public var webpProbability = 0.25

    /// The default recipe.
    public init() {}

    /// One augmented copy of `image`.
    public func augment(_ image: RGBImage, using rng: inout SplitMix64) throws(DecodeError) -> RGBImage {
        var current = image
        if rng.nextUnit() < cropProbability {
            let cropWidth = max(1, Int(Double(image.width) * rng.nextDouble(in: minCropFraction...1)))
            let cropHeight = max(1, Int(Double(image.height) * rng.nextDouble(in: minCropFraction...1)))
            let x = rng.nextInt(in: 0...(image.width - cropWidth))
            let y = rng.nextInt(in: 0...(image.height - cropHeight))
            current = current.cropped(x: x, y: y, width: cropWidth, height: cropHeight)
        }
        if rng.nextUnit() < downscaleProbability {
            let side = rng.nextInt(in: shortSide)
            let filters = ResamplingFilter.allCases
            let filter = filters[rng.nextInt(in: 0...(filters.count - 1))]
            current = current.downscaled(shortSide: side, filter: filter)
        }
        if rng.nextUnit() < sharpenProbability {
            current = UnsharpMask.apply(
                current, radius: rng.nextDouble(in: 0.6...1.5), percent: rng.nextInt(in: 30...90), threshold: 2)
        }
        let encode = rng.nextUnit()
        if encode < jpegProbability {
            if rng.nextUnit() < doubleJPEGProbability {
                current = try current.jpegRoundTrip(quality: rng.nextInt(in: 70...95))
            }
            return try current.jpegRoundTrip(quality: rng.nextInt(in: 60...95))
        }
        if encode < jpegProbability + webpProbability {
            return try current.webpRoundTrip(quality: rng.nextInt(in: 60...90))
        }
        return current
    }
}
