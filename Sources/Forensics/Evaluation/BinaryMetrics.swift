/// Metrics of binary scores where `true` (AI) is the positive class and higher scores mean
/// "more likely AI".
public enum BinaryMetrics {
    /// Area under the ROC curve (Mann–Whitney statistic; ties count one half).
    /// `nil` when either class is empty.
    public static func auc(scores: [Double], labels: [Bool]) -> Double? {
        let positives = labels.filter { $0 }.count
        let negatives = labels.count - positives
        guard positives > 0, negatives > 0 else { return nil }
        let order = scores.indices.sorted { scores[$0] < scores[$1] }
        var rankSumPositive = 0.0
        var start = 0
        while start < order.count {
            var end = start
            while end + 1 < order.count && scores[order[end + 1]] == scores[order[start]] { end += 1 }
            let averageRank = Double(start + end) / 2 + 1
            for k in start...end where labels[order[k]] { rankSumPositive += averageRank }
            start = end + 1
        }
        let p = Double(positives)
        return (rankSumPositive - p * (p + 1) / 2) / (p * Double(negatives))
    }

    /// The best true-positive rate among thresholds `t` ("AI" when score ≥ `t`) whose
    /// false-positive rate is at most `maxFPR`. `nil` when either class is empty.
    public static func tpr(atFPR maxFPR: Double, scores: [Double], labels: [Bool]) -> Double? {
        threshold(atFPR: maxFPR, scores: scores, labels: labels)?.tpr
    }

    /// The lowest threshold `t` ("AI" when score ≥ `t`) with false-positive rate ≤ `maxFPR`,
    /// and the true-positive rate it gives. `nil` when either class is empty.
    public static func threshold(atFPR maxFPR: Double, scores: [Double], labels: [Bool]) -> (threshold: Double, tpr: Double)? {
        let positives = labels.filter { $0 }.count
        let negatives = labels.count - positives
        guard positives > 0, negatives > 0 else { return nil }
        let distinct = Array(Set(scores)).sorted(by: >)
        // Start above every score: nothing is flagged.
        var best = (threshold: (distinct.first ?? 0).nextUp, tpr: 0.0)
        let order = scores.indices.sorted { scores[$0] > scores[$1] }
        var index = 0
        var truePositives = 0
        var falsePositives = 0
        for t in distinct {
            while index < order.count && scores[order[index]] >= t {
                if labels[order[index]] { truePositives += 1 } else { falsePositives += 1 }
                index += 1
            }
            if Double(falsePositives) > maxFPR * Double(negatives) + 1e-12 { break }
            best = (t, Double(truePositives) / Double(positives))
        }
        return best
    }

    /// Fraction of correct decisions with "AI" when probability ≥ `threshold`.
    public static func accuracy(probabilities: [Double], labels: [Bool], threshold: Double = 0.5) -> Double {
        guard !labels.isEmpty else { return 0 }
        let correct = zip(probabilities, labels).filter { ($0.0 >= threshold) == $0.1 }.count
        return Double(correct) / Double(labels.count)
    }

    /// Expected calibration error of `P(AI)` with equal-width bins:
    /// `Σ_b (n_b / n)·|mean label_b − mean probability_b|` (bin `b` holds `[b/B, (b+1)/B)`, the last
    /// bin includes 1).
    public static func expectedCalibrationError(probabilities: [Double], labels: [Bool], bins: Int = 10) -> Double {
        guard !labels.isEmpty, bins > 0 else { return 0 }
        var count = [Int](repeating: 0, count: bins)
        var sumProbability = [Double](repeating: 0, count: bins)
        var sumLabel = [Double](repeating: 0, count: bins)
        for (p, label) in zip(probabilities, labels) {
            let bin = min(bins - 1, max(0, Int(p * Double(bins))))
            count[bin] += 1
            sumProbability[bin] += p
            sumLabel[bin] += label ? 1 : 0
        }
        var total = 0.0
        for b in 0..<bins where count[b] > 0 {
            total += abs(sumLabel[b] - sumProbability[b]) / Double(labels.count)
        }
        return total
    }
}
