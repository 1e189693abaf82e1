public import ImageDecoding

extension DetectorModel {
    /// Scores decoded pixels: features on native-resolution tiles, then the calibrated probability.
    ///
    /// An empty or malformed image (pixel count not `width × height × 3`) yields no evidence:
    /// probability 0.5, logit 0 and `tiles == 0`.
    public func score(_ image: RGBImage) -> DetectorScore {
        guard image.width > 0, image.height > 0, image.isWellFormed else {
            return DetectorScore(probability: 0.5, logit: 0, tiles: 0, modelVersion: modelVersion)
        }
        return score(rgb: image.pixels, width: image.width, height: image.height)
    }
}

extension FeatureExtractor {
    /// Features of decoded pixels.
    public func features(_ image: RGBImage) -> FeatureVector {
        features(rgb: image.pixels, width: image.width, height: image.height)
    }
}
