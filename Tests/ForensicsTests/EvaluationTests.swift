import Testing

@testable import Forensics

@Suite struct EvaluationTests {
    @Test func aucKnownAnswers() {
        #expect(BinaryMetrics.auc(scores: [0.1, 0.2, 0.8, 0.9], labels: [false, false, true, true]) == 1)
        #expect(BinaryMetrics.auc(scores: [0.9, 0.8, 0.2, 0.1], labels: [false, false, true, true]) == 0)
        // One inversion out of four pairs.
        #expect(BinaryMetrics.auc(scores: [0.1, 0.6, 0.5, 0.9], labels: [false, false, true, true]) == 0.75)
        // Ties count half.
        #expect(BinaryMetrics.auc(scores: [0.5, 0.5], labels: [false, true]) == 0.5)
        #expect(BinaryMetrics.auc(scores: [0.5], labels: [true]) == nil)
    }

    @Test func tprAtFPRKnownAnswers() {
        // 10 negatives at 0.0...0.9, 4 positives.
        let negatives = (0..<10).map { Double($0) / 10 }
        let positives: [Double] = [0.95, 0.85, 0.5, 0.05]
        let scores = negatives + positives
        let labels = [Bool](repeating: false, count: 10) + [Bool](repeating: true, count: 4)
        // FPR ≤ 0 → threshold 0.95 → TPR 1/4.
        #expect(BinaryMetrics.tpr(atFPR: 0, scores: scores, labels: labels) == 0.25)
        // FPR ≤ 10 % → one negative (0.9) allowed → threshold 0.85 → TPR 2/4.
        #expect(BinaryMetrics.tpr(atFPR: 0.1, scores: scores, labels: labels) == 0.5)
        // FPR ≤ 50 % → threshold 0.5 → TPR 3/4.
        #expect(BinaryMetrics.threshold(atFPR: 0.5, scores: scores, labels: labels)?.threshold == 0.5)
        #expect(BinaryMetrics.tpr(atFPR: 1, scores: scores, labels: labels) == 1)
    }

    @Test func eceKnownAnswers() {
        // Bin 0.2-0.3 holds two at 0.25 with one positive (gap 0.25); bin 0.9-1.0 holds two at
        // 0.95 with two positives (gap 0.05). ECE = 0.5·0.25 + 0.5·0.05 = 0.15.
        let ece = BinaryMetrics.expectedCalibrationError(
            probabilities: [0.25, 0.25, 0.95, 0.95], labels: [true, false, true, true])
        #expect(abs(ece - 0.15) < 1e-12)
        #expect(BinaryMetrics.expectedCalibrationError(probabilities: [1, 0], labels: [true, false]) == 0)
        #expect(BinaryMetrics.accuracy(probabilities: [0.7, 0.2, 0.6], labels: [true, false, false]) == 2.0 / 3.0)
    }

    @Test func groupedSplitNeverSharesAGroup() {
        var groups: [String] = []
        for g in 0..<23 { groups += Array(repeating: "source\(g)", count: 1 + (g * 7) % 13) }
        let folds = GroupedKFold.assign(groups: groups, folds: 5, seed: 3)
        var foldOfGroup: [String: Set<Int>] = [:]
        for (group, fold) in zip(groups, folds) { foldOfGroup[group, default: []].insert(fold) }
        #expect(foldOfGroup.values.allSatisfy { $0.count == 1 })
        #expect(Set(folds) == Set(0..<5))
        #expect(GroupedKFold.assign(groups: groups, folds: 5, seed: 3) == folds)
    }
}
