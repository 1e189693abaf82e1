/// The outcome of fusing the evidence for one image.
public struct FusionResult: Sendable, Hashable, Codable {
    /// The probability that the image is AI-generated, rounded to four decimals.
    public var aiProbability: Double
    /// The verdict for that probability under the policy's band.
    public var verdict: Verdict
    /// The final natural-log odds, rounded to four decimals.
    public var logOdds: Double
    /// The prior the fusion started from.
    public var prior: Double
    /// The band that produced the verdict.
    public var band: VerdictBand
    /// Whether decisive signed provenance (a verified manifest declaring AI or capture) took part.
    public var decisiveProvenance: Bool
    /// Every signal considered, in order, with its effect on the log-odds.
    public var steps: [FusionStep]

    /// Creates a result.
    public init(
        aiProbability: Double, verdict: Verdict, logOdds: Double, prior: Double, band: VerdictBand,
        decisiveProvenance: Bool, steps: [FusionStep]
    ) {
        self.aiProbability = aiProbability
        self.verdict = verdict
        self.logOdds = logOdds
        self.prior = prior
        self.band = band
        self.decisiveProvenance = decisiveProvenance
        self.steps = steps
    }

    enum CodingKeys: String, CodingKey {
        case aiProbability = "ai_probability"
        case verdict
        case logOdds = "log_odds"
        case prior, band
        case decisiveProvenance = "decisive_provenance"
        case steps
    }
}
