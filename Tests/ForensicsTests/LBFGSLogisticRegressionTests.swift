import Testing

@testable import Forensics

@Suite struct LBFGSLogisticRegressionTests {
    /// A seeded problem with overlapping classes and uneven sample weights.
    static func problem(rows: Int, columns: Int, seed: UInt64) -> (samples: [[Double]], labels: [Bool], weights: [Double]) {
        var rng = SplitMix64(seed: seed)
        var samples: [[Double]] = []
        var labels: [Bool] = []
        var weights: [Double] = []
        for i in 0..<rows {
            let label = i % 3 == 0
            let row = (0..<columns).map { j in rng.nextDouble(in: -1...1) + (label ? 0.4 : -0.2) * Double(j % 3) / 2 }
            samples.append(row)
            labels.append(label)
            weights.append(rng.nextDouble(in: 0.5...2))
        }
        return (samples, labels, weights)
    }

    @Test(arguments: [0.01, 0.3])
    func reachesTheNewtonSolution(l2: Double) {
        let (samples, labels, weights) = Self.problem(rows: 400, columns: 9, seed: 5)
        let newton = LogisticRegression(l2: l2, maxIterations: 100, tolerance: 1e-12).fit(
            samples: samples, labels: labels, weights: weights)
        let design = LBFGSLogisticRegression.Design(
            values: samples.flatMap { $0.map(Float.init) }, rows: samples.count, columns: 9)
        let fit = LBFGSLogisticRegression(l2: l2, gradientTolerance: 1e-8).fit(design, labels: labels, sampleWeights: weights)
        #expect(fit.converged && fit.largestGradient <= 1e-8)
        for (a, b) in zip(fit.weights, newton.weights) { #expect(abs(a - b) < 1e-6) }
        #expect(abs(fit.bias - newton.bias) < 1e-6)
    }

    @Test func separableDataStaysFiniteWithRegularisation() {
        let samples: [[Double]] = (0..<40).map { [Double($0 < 20 ? -1 : 1), 0.5] }
        let labels = (0..<40).map { $0 >= 20 }
        let design = LBFGSLogisticRegression.Design(values: samples.flatMap { $0.map(Float.init) }, rows: 40, columns: 2)
        let fit = LBFGSLogisticRegression(l2: 0.01, gradientTolerance: 1e-8).fit(
            design, labels: labels, sampleWeights: [Double](repeating: 1, count: 40))
        #expect(fit.converged)
        #expect(fit.weights[0] > 1 && fit.weights[0].isFinite)
        // Stationarity: λ·w equals the mean of (y − p)·x; with the data symmetric the bias is ~0.
        #expect(abs(fit.bias + 0.5 * fit.weights[1]) < 1e-7)
    }

    @Test func balancedLabelFoldsKeepGroupsTogether() {
        // A: 5 AI, B: 4 real, C: 3 AI, D: 2 real. A → fold 0; B (real) → the fold with fewer images
        // (1); C (AI) → the fold with fewer AI images (1); D (real) → fewer real images (0).
        let groups = Array(repeating: "A", count: 5) + Array(repeating: "B", count: 4) + Array(repeating: "C", count: 3)
            + Array(repeating: "D", count: 2)
        let labels = [Bool](repeating: true, count: 5) + [Bool](repeating: false, count: 4) + [Bool](repeating: true, count: 3)
            + [Bool](repeating: false, count: 2)
        let folds = GroupedKFold.assignBalancingLabels(groups: groups, labels: labels, folds: 2, seed: 3)
        #expect(folds == [0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 0, 0])
    }
}
