/// The pixel detector's output for one image.
public struct DetectorScore: Sendable, Codable, Equatable {
    /// Calibrated probability that the image is AI-generated (Platt-scaled; the prior is the
    /// training set's class balance).
    public var probability: Double
    /// The classifier's raw decision value before calibration.
    public var logit: Double
    /// Number of tiles the features were computed on; 0 means no pixels were analysed (empty or
    /// malformed image) and the score carries no evidence.
    public var tiles: Int
    /// The model's name and version.
    public var modelVersion: String

    /// Creates a score.
    public init(probability: Double, logit: Double, tiles: Int, modelVersion: String) {
        self.probability = probability
        self.logit = logit
        self.tiles = tiles
        self.modelVersion = modelVersion
    }

    enum CodingKeys: String, CodingKey {
        case probability, logit, tiles
        case modelVersion = "model_version"
    }
}
