/// What the deep stage did for one image: its fused probability when it ran, or why it did not.
///
/// JSON (the report's `deep_stage` object): `mode`, `ran`, `reason`, `probability`,
/// `probe_logit`, `model_version`, `small_image`, `seconds`.
public struct DeepEvidence: Sendable, Hashable, Codable {
    /// The mode the analyzer ran with.
    public var mode: DeepMode
    /// Whether the embedding was computed and the fused probability replaced the hand-crafted one.
    public var ran: Bool
    /// Why it ran or was skipped, for people.
    public var reason: String
    /// The fused, calibrated probability (hand-crafted score stacked with the CLIP probe), when it ran.
    public var probability: Double?
    /// The probe's logit on the embedding alone, when it ran.
    public var probeLogit: Double?
    /// The fused model's version.
    public var modelVersion: String?
    /// Whether the image's shorter side is below the model's `min_short_side`: then pixels alone
    /// never make the verdict `likely_ai`.
    public var smallImage: Bool
    /// Wall time of the embedding and probe, in seconds (0 when skipped). Not a contract value.
    public var seconds: Double

    /// Creates deep-stage evidence.
    public init(
        mode: DeepMode, ran: Bool, reason: String, probability: Double? = nil, probeLogit: Double? = nil,
        modelVersion: String? = nil, smallImage: Bool = false, seconds: Double = 0
    ) {
        self.mode = mode
        self.ran = ran
        self.reason = reason
        self.probability = probability
        self.probeLogit = probeLogit
        self.modelVersion = modelVersion
        self.smallImage = smallImage
        self.seconds = seconds
    }

    /// The evidence as a report signal (kind `detector`, name `deep`).
    public var signal: Signal {
        guard ran, let probability else {
            return Signal(kind: .detector, name: "deep", detected: nil, score: nil, detail: "deep stage skipped: \(reason)")
        }
        var detail =
            "fused CLIP-probe + pixel-statistics probability \(ReportRounding.percent(probability)) "
            + "(model \(modelVersion ?? "unknown"))"
        if smallImage { detail += "; image smaller than the model was measured on, so pixels alone cannot make it likely AI" }
        return Signal(kind: .detector, name: "deep", detected: nil, score: ReportRounding.probability(probability), detail: detail)
    }

    enum CodingKeys: String, CodingKey {
        case mode, ran, reason, probability, seconds
        case probeLogit = "probe_logit"
        case modelVersion = "model_version"
        case smallImage = "small_image"
    }
}
