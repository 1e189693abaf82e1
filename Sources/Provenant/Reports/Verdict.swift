/// The answer to "is this image AI-generated?", derived from ``AnalysisReport/aiProbability``
/// and the configured ``VerdictBand``.
public enum Verdict: String, Sendable, Hashable, Codable, CaseIterable {
    /// The probability is at or above the band's upper bound.
    case likelyAI = "likely_ai"
    /// The probability is at or below the band's lower bound.
    case likelyAuthentic = "likely_authentic"
    /// The probability lies strictly inside the band: the evidence does not settle the question.
    case inconclusive

    /// The verdict in plain words.
    public var plainWords: String {
        switch self {
        case .likelyAI: "likely AI-generated"
        case .likelyAuthentic: "likely not AI-generated"
        case .inconclusive: "inconclusive: the evidence does not settle it either way"
        }
    }
}
