public import ImageDecoding

/// A transformation applied identically to real and AI test images before scoring.
public enum EvaluationCondition: String, Sendable, Codable, CaseIterable, Hashable {
    /// The decoded pixels as they are (container and metadata ignored).
    case asIs = "as_is"
    /// The pixels re-encoded losslessly as PNG (same pixels; checks the container plays no role).
    case png
    /// A centred 512 × 512 crop re-encoded as JPEG quality 90.
    case crop512JPEG90 = "crop512_jpeg90"
    /// Long side box-downscaled to 512 (never enlarged), then JPEG quality 75.
    case downscale512JPEG75 = "downscale512_jpeg75"
    /// What a social network does to an upload: short side Lanczos-downscaled to 720 or 1080 (never
    /// enlarged), then lossy WebP at quality 75 or 80, both drawn per file.
    case webpSocial = "webp_social"
    /// One copy through the training augmentation (random crop/downscale/JPEG), seeded per file.
    case augmented

    /// A short human label.
    public var label: String {
        switch self {
        case .asIs: return "as-is pixels"
        case .png: return "PNG of pixels"
        case .crop512JPEG90: return "crop 512 + JPEG 90"
        case .downscale512JPEG75: return "downscale 512 + JPEG 75"
        case .webpSocial: return "WebP social"
        case .augmented: return "augmented copy"
        }
    }

    /// Applies the condition.
    public func apply(
        to image: RGBImage, augmentation: AugmentationPolicy, rng: inout SplitMix64
    ) throws(DecodeError) -> RGBImage {
        switch self {
        case .asIs: return image
        case .png: return try image.pngRoundTrip()
        case .crop512JPEG90: return try image.centreCropped(side: 512).jpegRoundTrip(quality: 90)
        case .downscale512JPEG75: return try image.boxDownscaled(longSide: 512).jpegRoundTrip(quality: 75)
        case .webpSocial:
            let side = rng.nextUnit() < 0.5 ? 720 : 1080
            let quality = rng.nextUnit() < 0.5 ? 75 : 80
            return try image.downscaled(shortSide: side, filter: .lanczos3).webpRoundTrip(quality: quality)
        case .augmented: return try augmentation.augment(image, using: &rng)
        }
    }
}
