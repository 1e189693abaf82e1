/// Derivation of the verdict bands from held-out calibrated probabilities.
public enum VerdictThresholds {
    /// `likely_ai`: the lowest threshold that keeps the false-positive rate on real images at or
    /// below `maxFalsePositiveRate` in every group (for example every evaluation condition);
    /// `likely_authentic`: the highest threshold at or below which at most `maxFalseAuthenticRate`
    /// of AI images fall in every group. `likely_authentic` is kept below `likely_ai`.
    public static func derive(
        groups: [(probabilities: [Double], labels: [Bool])], maxFalsePositiveRate: Double, maxFalseAuthenticRate: Double
    ) -> DetectorModelFile.Thresholds {
        var likelyAI = 0.5
        var likelyAuthentic = 0.5
        var first = true
        for group in groups {
            guard let high = BinaryMetrics.threshold(
                atFPR: maxFalsePositiveRate, scores: group.probabilities, labels: group.labels)?.threshold
            else { continue }
            let ai = zip(group.probabilities, group.labels).filter(\.1).map(\.0).sorted()
            let allowed = Int((maxFalseAuthenticRate * Double(ai.count)).rounded(.down))
            // At most `allowed` AI probabilities may be ≤ the threshold.
            let low = ai.isEmpty ? 0 : ai[min(allowed, ai.count - 1)].nextDown
            likelyAI = first ? high : max(likelyAI, high)
            likelyAuthentic = first ? low : min(likelyAuthentic, low)
            first = false
        }
        likelyAI = min(1, max(0, likelyAI))
        likelyAuthentic = min(max(0, likelyAuthentic), likelyAI.nextDown)
        return .init(likelyAI: likelyAI, likelyAuthentic: likelyAuthentic)
    }
}
