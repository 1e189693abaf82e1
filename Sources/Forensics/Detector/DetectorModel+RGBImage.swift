public import ImageDecoding

extension DetectorModel {
    /// Scores decoded pixels: features on native-resolution tiles, then the calibrated probability.
    public func score(_ image: RGBImage) -> DetectorScore {
        score(rgb: image.pixels, width: image.width, height: image.height)
    }
}

extension FeatureExtractor {
    /// Features of decoded pixels.
    public func features(_ image: RGBImage) -> FeatureVector {
        features(rgb: image.pixels, width: image.width, height: image.height)
    }
}
