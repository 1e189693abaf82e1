/// What the analysis found on one sampled video frame: an item of the report's `frames.sampled` list.
///
/// JSON keys: `index` (the frame's position in the clip, from 0), `timestamp` (seconds from the first
/// frame, millisecond precision), `keyframe`, `reason` (`keyframe` or `evenly_spaced`), `probability` (the
/// frame's pixel probability in the clip aggregate), `statistical_probability`, `deep_probability` (`null`
/// where the deep stage did not run on the frame), `watermark_detected` and `metadata_findings` (names of
/// generator traces in the frame's own metadata).
public struct FrameResult: Sendable, Hashable, Codable {
    /// The frame's position in the clip.
    public var index: Int
    /// Seconds from the first frame.
    public var timestamp: Double
    /// Whether it is a key frame.
    public var keyframe: Bool
    /// Why the sampling policy chose it.
    public var reason: FrameSamplingPolicy.Reason
    /// The frame's pixel probability as aggregated (from the stage named by ``FramesSection/source``).
    public var probability: Double?
    /// The statistical detector's probability.
    public var statisticalProbability: Double?
    /// The deep stage's fused probability, when it ran on this frame.
    public var deepProbability: Double?
    /// Whether a known invisible watermark was found in this frame (`nil` when the check did not run).
    public var watermarkDetected: Bool?
    /// Generator traces found in the frame's own metadata.
    public var metadataFindings: [String]

    /// Creates a frame result.
    public init(
        index: Int, timestamp: Double, keyframe: Bool, reason: FrameSamplingPolicy.Reason, probability: Double? = nil,
        statisticalProbability: Double? = nil, deepProbability: Double? = nil, watermarkDetected: Bool? = nil,
        metadataFindings: [String] = []
    ) {
        self.index = index
        self.timestamp = (timestamp * 1000).rounded() / 1000
        self.keyframe = keyframe
        self.reason = reason
        self.probability = probability.map(ReportRounding.probability)
        self.statisticalProbability = statisticalProbability.map(ReportRounding.probability)
        self.deepProbability = deepProbability.map(ReportRounding.probability)
        self.watermarkDetected = watermarkDetected
        self.metadataFindings = metadataFindings
    }

    enum CodingKeys: String, CodingKey {
        case index, timestamp, keyframe, reason, probability
        case statisticalProbability = "statistical_probability"
        case deepProbability = "deep_probability"
        case watermarkDetected = "watermark_detected"
        case metadataFindings = "metadata_findings"
    }

    /// Encodes every key; absent values are written as `null`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(index, forKey: .index)
        try container.encode(timestamp, forKey: .timestamp)
        try container.encode(keyframe, forKey: .keyframe)
        try container.encode(reason, forKey: .reason)
        try container.encode(probability, forKey: .probability)
        try container.encode(statisticalProbability, forKey: .statisticalProbability)
        try container.encode(deepProbability, forKey: .deepProbability)
        try container.encode(watermarkDetected, forKey: .watermarkDetected)
        try container.encode(metadataFindings, forKey: .metadataFindings)
    }
}
