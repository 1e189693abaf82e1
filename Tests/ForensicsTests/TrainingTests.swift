import Testing

@testable import Forensics

@Suite struct TrainingTests {
    @Test func splitMixIsDeterministic() {
        var a = SplitMix64(seed: 42)
        var b = SplitMix64(seed: 42)
        #expect((0..<5).map { _ in a.next() } == (0..<5).map { _ in b.next() })
        // Reference value of SplitMix64 seeded with 0.
        var zero = SplitMix64(seed: 0)
        #expect(zero.next() == 0xe220_a839_7b1d_cdaf)
        var labelled = SplitMix64(seed: 1, label: "x")
        let value = labelled.nextInt(in: 3...7)
        #expect((3...7).contains(value))
    }

    @Test func logisticRegressionSeparatesToySet() {
        let samples: [[Double]] = [[-2, 0.1], [-1, -0.3], [-1.5, 0.2], [1, 0.4], [2, -0.1], [1.5, 0]]
        let labels = [false, false, false, true, true, true]
        let fit = LogisticRegression(l2: 1e-3).fit(samples: samples, labels: labels)
        #expect(fit.weights[0] > 1)
        for (sample, label) in zip(samples, labels) {
            #expect((fit.logit(sample) > 0) == label)
        }
        #expect(fit.iterations < 50)
    }

    @Test func logisticRegressionMatchesClosedFormOnBalancedCounts() {
        // One binary feature: P(y | x=1) = 3/4, P(y | x=0) = 1/4, no penalty → logits ±log 3.
        let samples: [[Double]] = [[1], [1], [1], [1], [0], [0], [0], [0]]
        let labels = [true, true, true, false, true, false, false, false]
        let fit = LogisticRegression(l2: 0).fit(samples: samples, labels: labels)
        #expect(abs(fit.bias + log(3)) < 1e-9)
        #expect(abs(fit.weights[0] - 2 * log(3)) < 1e-9)
    }

    @Test func plattCalibrationIsMonotone() {
        let scores: [Double] = [-3, -2, -1, -0.5, 0.5, 1, 2, 3, -0.2, 0.2]
        let labels = [false, false, false, true, false, true, true, true, false, true]
        let (a, _) = PlattCalibration.fit(scores: scores, labels: labels)
        #expect(a > 0)
        // Inverted scores: no inversion, just the smoothed base rate (3 of 4 → 4/6).
        let (flat, offset) = PlattCalibration.fit(scores: [3, -1, -2, -3], labels: [false, true, true, true])
        #expect(flat == 0)
        #expect(abs(offset - log(2.0)) < 1e-12)
    }

    @Test func sha256KnownAnswers() {
        #expect(SHA256Digest.hexDigest("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256Digest.hexDigest("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(
            SHA256Digest.hexDigest("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

@Suite struct PlattWeightTests {
    @Test func unitWeightsEqualNoWeightsAndIntegerWeightsEqualDuplicates() {
        let scores: [Double] = [-2.5, -1, -0.3, 0.2, 0.4, 1.1, 2, -0.7, 0.9, 1.6]
        let labels = [false, false, true, false, true, true, true, false, false, true]
        let plain = PlattCalibration.fit(scores: scores, labels: labels)
        let ones = PlattCalibration.fit(scores: scores, labels: labels, weights: [Double](repeating: 1, count: scores.count))
        #expect(plain.a == ones.a && plain.b == ones.b)
        // A heavier weight on one sample moves the fit and never inverts it.
        let weighted = PlattCalibration.fit(scores: scores, labels: labels, weights: [Double](repeating: 1, count: 9) + [3])
        #expect(weighted.a > 0)
        #expect(abs(weighted.a - plain.a) > 1e-6)
    }
}
