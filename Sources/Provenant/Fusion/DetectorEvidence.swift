/// The statistical detector's output, as fusion consumes it.
public struct DetectorEvidence: Sendable, Hashable, Codable {
    /// The calibrated probability that the pixels are AI-generated (at the calibration set's class balance).
    public var probability: Double
    /// The model's version string.
    public var modelVersion: String
    /// The number of tiles scored.
    public var tiles: Int
    /// Which frames were scored when the file holds several (animated WebP, HEIF/AVIF sequences); nil for a still image.
    public var frameNote: String?

    /// Creates detector evidence.
    public init(probability: Double, modelVersion: String, tiles: Int = 0, frameNote: String? = nil) {
        self.probability = probability
        self.modelVersion = modelVersion
        self.tiles = tiles
        self.frameNote = frameNote
    }

    /// The evidence as a report signal.
    public var signal: Signal {
        Signal(
            kind: .detector, name: "statistical", detected: nil, score: ReportRounding.probability(probability),
            detail: "calibrated pixel-statistics probability \(ReportRounding.percent(probability)) "
                + "(model \(modelVersion), \(tiles) \(tiles == 1 ? "tile" : "tiles")\(frameNote.map { "; \($0)" } ?? ""))")
    }
}
