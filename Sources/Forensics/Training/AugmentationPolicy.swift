public import ImageDecoding

/// Label-blind augmentation applied identically to real and AI images during training, so the
/// model cannot learn the container (PNG vs JPEG), the size or the JPEG history of either class.
///
/// Each augmented copy is: a random crop (each side 60–100 %), then with probability
/// ``webDownscaleProbability`` a box downscale to a long side drawn from ``webLongSide`` (the
/// typical web upload; applies to any original size, skipped when already smaller), otherwise
/// with probability ``mildDownscaleProbability`` a mild box downscale by 0.7–1.0; finally with
/// probability ``jpegProbability`` a JPEG re-encode at a quality drawn from ``jpegQuality``,
/// otherwise the pixels stay lossless.
public struct AugmentationPolicy: Sendable, Codable, Hashable {
    /// Smallest crop fraction per side.
    public var minCropFraction: Double = 0.6
    /// Probability of the web-style downscale.
    public var webDownscaleProbability: Double = 0.5
    /// Long-side range of the web-style downscale.
    public var webLongSide: ClosedRange<Int> = 384...768
    /// Probability of a mild downscale when no web-style downscale was drawn.
    public var mildDownscaleProbability: Double = 0.5
    /// Scale range of the mild downscale.
    public var mildScale: ClosedRange<Double> = 0.7...1.0
    /// Probability of a JPEG re-encode.
    public var jpegProbability: Double = 0.75
    /// JPEG quality range.
    public var jpegQuality: ClosedRange<Int> = 60...95
    /// Crops never go below this side (or the image's own side when smaller).
    public var minimumSide: Int = 64

    /// The default policy.
    public init() {}

    /// One augmented copy of `image`, drawing randomness from `rng`.
    public func augment(_ image: RGBImage, using rng: inout SplitMix64) throws(DecodeError) -> RGBImage {
        var current = image
        // Crop.
        let cropWidth = max(min(minimumSide, image.width), Int(Double(image.width) * rng.nextDouble(in: minCropFraction...1)))
        let cropHeight = max(min(minimumSide, image.height), Int(Double(image.height) * rng.nextDouble(in: minCropFraction...1)))
        let x = rng.nextInt(in: 0...(image.width - cropWidth))
        let y = rng.nextInt(in: 0...(image.height - cropHeight))
        current = current.cropped(x: x, y: y, width: cropWidth, height: cropHeight)
        // Resize.
        let roll = rng.nextUnit()
        if roll < webDownscaleProbability {
            let target = rng.nextInt(in: webLongSide)
            current = current.boxDownscaled(longSide: target)
        } else if roll < webDownscaleProbability + (1 - webDownscaleProbability) * mildDownscaleProbability {
            let scale = rng.nextDouble(in: mildScale)
            let w = max(min(minimumSide, current.width), Int((Double(current.width) * scale).rounded()))
            let h = max(min(minimumSide, current.height), Int((Double(current.height) * scale).rounded()))
            current = current.boxDownscaled(width: w, height: h)
        }
        // Encode.
        if rng.nextUnit() < jpegProbability {
            current = try current.jpegRoundTrip(quality: rng.nextInt(in: jpegQuality))
        }
        return current
    }

    /// A one-line description for model metadata.
    public var summary: String {
        "crop \(Int(minCropFraction * 100))-100% per side; p=\(webDownscaleProbability) box downscale to long side "
            + "\(webLongSide.lowerBound)-\(webLongSide.upperBound), else p=\(mildDownscaleProbability) box downscale x"
            + "\(mildScale.lowerBound)-\(mildScale.upperBound); p=\(jpegProbability) JPEG q\(jpegQuality.lowerBound)-\(jpegQuality.upperBound) (4:2:0), else lossless"
    }
}
