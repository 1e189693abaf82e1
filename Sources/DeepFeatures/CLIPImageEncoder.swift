public import ImageDecoding

/// Decoded pixels in, the L2-normalised CLIP image embedding (or the probe's ``TowerFeatures``)
/// out: preprocessing per ``EmbeddingView`` and the native ``CLIPVisionTower``.
public struct CLIPImageEncoder: Sendable {
    /// The tower that computes each view's embedding.
    public let tower: CLIPVisionTower

    /// Wraps a loaded tower.
    public init(tower: CLIPVisionTower) { self.tower = tower }

    /// Loads the weight file at `path` and builds the tower.
    public init(weightsPath path: String) throws(DeepFeaturesError) {
        tower = try CLIPVisionTower(weights: CLIPWeightFile(contentsOfFile: path))
    }

    /// The embedding of `image` under `views`: every crop's projected embedding is L2-normalised,
    /// the normalised embeddings are averaged and the mean is normalised again.
    public func embedding(of image: RGBImage, views: [EmbeddingView] = [.resize224]) throws(DeepFeaturesError) -> [Float] {
        var sum = [Float](repeating: 0, count: tower.configuration.projection)
        var crops = 0
        for view in views {
            for crop in try CLIPPreprocessor.crops(of: image, view: view) {
                let e = Self.normalized(try tower.projectedEmbedding(pixels: CLIPPreprocessor.tensor(crop)))
                for i in sum.indices { sum[i] += e[i] }
                crops += 1
            }
        }
        guard crops > 0 else { throw DeepFeaturesError(.invalidImage, "no views to embed") }
        return Self.normalized(sum)
    }

    /// The features a probe reads (``TowerFeatures``) of `image` under `views`: the embedding above, or
    /// each crop's concatenated class tokens (with their blocks' patch-token means for
    /// ``TowerFeatures/tokenMeans(layers:)``, and deviations for ``TowerFeatures/tokenMoments(layers:)``)
    /// averaged value by value over all crops.
    public func features(of image: RGBImage, views: [EmbeddingView], kind: TowerFeatures) throws(DeepFeaturesError) -> [Float] {
        try features(of: image, views: views, kind: kind, combination: .average)
    }

    /// The features of `image` under `views` combined by `combination`: averaged over every crop as in
    /// ``features(of:views:kind:)``, or one such vector per view, concatenated in the views' order.
    public func features(
        of image: RGBImage, views: [EmbeddingView], kind: TowerFeatures, combination: ViewCombination
    ) throws(DeepFeaturesError) -> [Float] {
        guard combination == .concatenate, views.count > 1 else { return try averagedFeatures(of: image, views: views, kind: kind) }
        var joined: [Float] = []
        for view in views { joined += try averagedFeatures(of: image, views: [view], kind: kind) }
        return joined
    }

    /// The features of every crop of every view, averaged value by value.
    private func averagedFeatures(of image: RGBImage, views: [EmbeddingView], kind: TowerFeatures) throws(DeepFeaturesError) -> [Float] {
        guard let (layers, summary) = kind.blockReadout else { return try embedding(of: image, views: views) }
        var sum = [Float](repeating: 0, count: kind.width(for: tower.configuration))
        var crops = 0
        for view in views {
            for crop in try CLIPPreprocessor.crops(of: image, view: view) {
                let tokens = try tower.classTokens(pixels: CLIPPreprocessor.tensor(crop), layers: layers, patches: summary)
                for i in sum.indices { sum[i] += tokens[i] }
                crops += 1
            }
        }
        guard crops > 0 else { throw DeepFeaturesError(.invalidImage, "no views to embed") }
        if crops > 1 {
            let scale = 1 / Float(crops)
            for i in sum.indices { sum[i] *= scale }
        }
        return sum
    }

    /// `v / |v|` (unchanged when `v` is zero).
    public static func normalized(_ v: [Float]) -> [Float] {
        let norm = v.reduce(Float(0)) { $0 + $1 * $1 }.squareRoot()
        return norm > 0 ? v.map { $0 / norm } : v
    }
}
