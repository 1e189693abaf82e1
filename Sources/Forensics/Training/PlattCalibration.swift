import Foundation

/// Platt scaling: a sigmoid `P(AI) = 1 / (1 + e^−(a·s + b))` fitted to held-out decision values `s`.
///
/// Fitted by the same Newton solver as the detector (one feature, no penalty), using Platt's
/// smoothed targets `(N₊+1)/(N₊+2)` and `1/(N₋+2)` so that separable scores do not give infinite `a`.
/// A non-positive slope (held-out scores without signal) is replaced by `a = 0` and the smoothed
/// base rate, so calibration never inverts the classifier.
public enum PlattCalibration {
    /// Fits `(a, b)` to decision values and labels, optionally weighting each sample (weights
    /// default to 1; the smoothed targets use the unweighted class counts).
    public static func fit(scores: [Double], labels: [Bool], weights sampleWeights: [Double]? = nil) -> (a: Double, b: Double) {
        let positives = Double(labels.filter { $0 }.count)
        let negatives = Double(labels.count) - positives
        let high = (positives + 1) / (positives + 2)
        let low = 1 / (negatives + 2)
        // Soft targets as two weighted hard-label copies of each sample.
        var samples: [[Double]] = []
        var targets: [Bool] = []
        var weights: [Double] = []
        samples.reserveCapacity(2 * scores.count)
        for (index, (score, label)) in zip(scores, labels).enumerated() {
            let target = label ? high : low
            let weight = sampleWeights.map { index < $0.count ? $0[index] : 1 } ?? 1
            samples.append([score]); targets.append(true); weights.append(target * weight)
            samples.append([score]); targets.append(false); weights.append((1 - target) * weight)
        }
        let fit = LogisticRegression(l2: 0, maxIterations: 100, tolerance: 1e-10)
            .fit(samples: samples, labels: targets, weights: weights)
        let slope = fit.weights.first ?? 1
        guard slope > 0 else {
            // Held-out scores carry no (or inverted) signal: predict the smoothed base rate.
            let rate = (positives + 1) / (Double(labels.count) + 2)
            return (0, log(rate / (1 - rate)))
        }
        return (slope, fit.bias)
    }
}
