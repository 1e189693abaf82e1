/// The verdict band a calibrated probability falls into.
public enum DetectorVerdict: String, Sendable, Codable, Hashable {
    /// At or above the model's `likely_ai` threshold.
    case likelyAI = "likely_ai"
    /// Between the two thresholds: the pixels alone do not decide.
    case inconclusive
    /// At or below the model's `likely_authentic` threshold.
    case likelyAuthentic = "likely_authentic"
}
