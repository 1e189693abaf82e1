/// SplitMix64 (Steele, Lea and Flood 2014): a tiny, fast, fully deterministic random generator.
///
/// Used everywhere training or evaluation needs randomness, so that a seed reproduces a model
/// bit for bit on every platform.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    /// Creates a generator from a seed.
    public init(seed: UInt64) {
        state = seed
    }

    /// Creates a generator for a sub-stream identified by `label` (for example a file path),
    /// independent of the order in which sub-streams are used.
    public init(seed: UInt64, label: String) {
        // FNV-1a of the label, mixed with the seed.
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in label.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        var mixer = SplitMix64(seed: seed ^ hash)
        state = mixer.next()
    }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        state = state &+ 0x9e37_79b9_7f4a_7c15
        var z = state
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }

    /// A uniform double in `0..<1` (53 random bits).
    public mutating func nextUnit() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }
}

extension SplitMix64 {
    /// A uniform integer in `range` (bias below 2⁻⁵⁰ for small ranges), independent of the
    /// standard library's range-sampling algorithm.
    public mutating func nextInt(in range: ClosedRange<Int>) -> Int {
        let count = range.upperBound - range.lowerBound + 1
        return range.lowerBound + min(count - 1, Int(nextUnit() * Double(count)))
    }

    /// A uniform double in `range`.
    public mutating func nextDouble(in range: ClosedRange<Double>) -> Double {
        range.lowerBound + (range.upperBound - range.lowerBound) * nextUnit()
    }
}
