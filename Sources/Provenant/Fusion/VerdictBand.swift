/// The probability band inside which the verdict is ``Verdict/inconclusive``.
public struct VerdictBand: Sendable, Hashable, Codable {
    /// At or below this probability the verdict is ``Verdict/likelyAuthentic``.
    public var lower: Double
    /// At or above this probability the verdict is ``Verdict/likelyAI``.
    public var upper: Double

    /// Creates a band. Bounds are clamped to 0...1 and swapped if given in the wrong order.
    public init(lower: Double, upper: Double) {
        let low = min(max(lower, 0), 1)
        let high = min(max(upper, 0), 1)
        self.lower = min(low, high)
        self.upper = max(low, high)
    }

    /// The default band, 0.2...0.8, used when neither the configuration nor the model file sets one.
    public static let `default` = VerdictBand(lower: 0.2, upper: 0.8)

    /// The verdict for a probability.
    public func verdict(for probability: Double) -> Verdict {
        if probability >= upper { return .likelyAI }
        if probability <= lower { return .likelyAuthentic }
        return .inconclusive
    }
}
