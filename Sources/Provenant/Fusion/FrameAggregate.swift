import Foundation

/// How the frame probabilities of one clip combine into the clip's pixel probability (docs/fusion.md).
///
/// Frames of one clip are not independent evidence: they share the camera or generator, the encoder and
/// most of their content, so multiplying their likelihood ratios (adding logits) would count the same
/// evidence many times. The clip's log-odds is instead a trimmed mean of the frame log-odds: the frames'
/// logits (probabilities clamped to [10⁻⁴, 1 − 10⁻⁴]) are sorted, ⌊``trim`` · n⌋ are dropped from each end
/// (none when that would leave nothing), and the rest averaged. The result always lies between the
/// least and the most suspicious frame, and one odd frame (a title card, a decoding glitch) cannot swing it.
public struct FrameAggregate: Sendable, Hashable {
    /// The fraction of frames dropped from each end before averaging (0 ≤ trim < 0.5).
    public var trim: Double

    /// Creates an aggregate; the default drops 20 % from each end.
    public init(trim: Double = 0.2) {
        self.trim = min(max(trim, 0), 0.49)
    }

    /// The clip probability and the number of frames averaged; `nil` for no frames.
    public func combine(_ probabilities: [Double]) -> (probability: Double, logOdds: Double, averaged: Int)? {
        let logits = probabilities.map { Self.logit($0) }.sorted()
        guard !logits.isEmpty else { return nil }
        var dropped = Int((trim * Double(logits.count)).rounded(.down))
        if logits.count - 2 * dropped < 1 { dropped = 0 }
        let kept = logits[dropped..<(logits.count - dropped)]
        let mean = kept.reduce(0, +) / Double(kept.count)
        return (Fusion.sigmoid(mean), mean, kept.count)
    }

    /// The log-odds of a probability clamped to [10⁻⁴, 1 − 10⁻⁴].
    static func logit(_ probability: Double) -> Double {
        Fusion.logit(Fusion.clamp(probability, 1e-4))
    }

    /// The `q` quantile (0…1) of `values` by linear interpolation between order statistics.
    public static func quantile(_ values: [Double], _ q: Double) -> Double? {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return nil }
        let position = min(max(q, 0), 1) * Double(sorted.count - 1)
        let lower = Int(position.rounded(.down))
        let upper = min(lower + 1, sorted.count - 1)
        let fraction = position - Double(lower)
        return sorted[lower] + (sorted[upper] - sorted[lower]) * fraction
    }
}
