import Foundation

/// Cross-validated results of the detector under several conditions.
public struct EvaluationReport: Sendable, Codable {
    /// Results for one condition.
    public struct ConditionResult: Sendable, Codable {
        /// The condition.
        public var condition: EvaluationCondition
        /// Images scored.
        public var count: Int
        /// Real images scored.
        public var realCount: Int
        /// AI images scored.
        public var aiCount: Int
        /// ROC AUC.
        public var auc: Double
        /// TPR at 1 % FPR.
        public var tprAt1FPR: Double
        /// TPR at 5 % FPR.
        public var tprAt5FPR: Double
        /// Accuracy at probability 0.5.
        public var accuracy: Double
        /// Expected calibration error (10 bins).
        public var ece: Double
        /// FPR on real images at the model's `likely_ai` threshold.
        public var fprAtLikelyAI: Double
        /// TPR on AI images at the model's `likely_ai` threshold.
        public var tprAtLikelyAI: Double
        /// Fraction of images in the inconclusive band.
        public var inconclusiveRate: Double
        /// Recall at 0.5 per generator family: `[family: (recall, n)]`.
        public var familyRecall: [String: Rate]
        /// FPR at 0.5 per real source.
        public var sourceFPR: [String: Rate]
    }

    /// A rate with its denominator.
    public struct Rate: Sendable, Codable {
        /// The rate.
        public var value: Double
        /// Number of images.
        public var count: Int

        /// Creates a rate.
        public init(value: Double, count: Int) {
            self.value = value
            self.count = count
        }
    }

    /// Folds used.
    public var folds: Int
    /// Seed.
    public var seed: UInt64
    /// Training configuration of each fold's model.
    public var configuration: DetectorTrainer.Configuration
    /// Per-condition results.
    public var conditions: [ConditionResult]
    /// Verdict thresholds derived from the cross-validated probabilities of all conditions.
    public var thresholds: DetectorModelFile.Thresholds
    /// Files that could not be used, with the reason.
    public var skipped: [String: String]
    /// Images used.
    public var images: Int
    /// Mean milliseconds to decode an original file.
    public var meanDecodeMilliseconds: Double

    /// A Markdown rendering: the summary table, then per-family recall and per-source FPR.
    public func markdown() -> String {
        func f(_ value: Double) -> String { String(format: "%.3f", value) }
        var lines: [String] = []
        lines.append("Source-grouped \(folds)-fold cross-validation, \(images) images, seed \(seed).")
        lines.append("Thresholds (calibrated probability): likely_ai ≥ \(f(thresholds.likelyAI)), likely_authentic ≤ \(f(thresholds.likelyAuthentic)).")
        lines.append("")
        lines.append("| condition | n (real/AI) | AUC | TPR@1%FPR | TPR@5%FPR | accuracy@0.5 | ECE | FPR / TPR at likely_ai | inconclusive |")
        lines.append("|---|---|---|---|---|---|---|---|---|")
        for result in conditions {
            lines.append(
                "| \(result.condition.label) | \(result.count) (\(result.realCount)/\(result.aiCount)) | \(f(result.auc)) | \(f(result.tprAt1FPR)) | \(f(result.tprAt5FPR)) | \(f(result.accuracy)) | \(f(result.ece)) | \(f(result.fprAtLikelyAI)) / \(f(result.tprAtLikelyAI)) | \(f(result.inconclusiveRate)) |")
        }
        lines.append("")
        let families = Set(conditions.flatMap { $0.familyRecall.keys }).sorted()
        lines.append("Recall at 0.5 per generator family (n):")
        lines.append("")
        lines.append("| family | n | " + conditions.map(\.condition.label).joined(separator: " | ") + " |")
        lines.append("|---|---|" + conditions.map { _ in "---" }.joined(separator: "|") + "|")
        for family in families {
            let n = conditions.first?.familyRecall[family]?.count ?? 0
            lines.append("| \(family) | \(n) | " + conditions.map { f($0.familyRecall[family]?.value ?? .nan) }.joined(separator: " | ") + " |")
        }
        lines.append("")
        let sources = Set(conditions.flatMap { $0.sourceFPR.keys }).sorted()
        lines.append("False-positive rate at 0.5 per real source (n):")
        lines.append("")
        lines.append("| source | n | " + conditions.map(\.condition.label).joined(separator: " | ") + " |")
        lines.append("|---|---|" + conditions.map { _ in "---" }.joined(separator: "|") + "|")
        for source in sources {
            let n = conditions.first?.sourceFPR[source]?.count ?? 0
            lines.append("| \(source) | \(n) | " + conditions.map { f($0.sourceFPR[source]?.value ?? .nan) }.joined(separator: " | ") + " |")
        }
        if !skipped.isEmpty {
            lines.append("")
            lines.append("Skipped \(skipped.count) files:")
            for (path, reason) in skipped.sorted(by: { $0.key < $1.key }) { lines.append("- \(path): \(reason)") }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    enum CodingKeys: String, CodingKey {
        case folds, seed, configuration, conditions, thresholds, skipped, images
        case meanDecodeMilliseconds = "mean_decode_ms"
    }
}
