/// Tail probabilities of a fair-coin binomial, used to put payloads of different lengths on one scale.
enum BinomialTail {
    /// The probability that at least `k` of `n` fair coin flips come up heads.
    static func upper(n: Int, atLeast k: Int) -> Double {
        guard n > 0 else { return 1 }
        if k <= 0 { return 1 }
        if k > n { return 0 }
        // pmf(i) = C(n, i) / 2^n, built iteratively from pmf(0) = 2^-n (no overflow for n <= 1000).
        var pmf = 1.0
        for _ in 0..<n { pmf *= 0.5 }
        var total = 0.0
        for i in 0...n {
            if i >= k { total += pmf }
            if i < n { pmf = pmf * Double(n - i) / Double(i + 1) }
        }
        return min(1, total)
    }

    /// The smallest number of agreeing bits out of `n` whose chance probability is at most `probability`.
    static func threshold(n: Int, probability: Double) -> Int {
        guard n > 0 else { return 1 }
        for k in 0...n where upper(n: n, atLeast: k) <= probability {
            return k
        }
        return n + 1
    }
}
