/// Source-grouped k-fold cross-validation of the detector under several test conditions applied
/// identically to both classes.
///
/// For each outer fold, a model is trained with ``DetectorTrainer`` (including its own inner,
/// source-grouped calibration) on the augmented copies of the other folds' images and scores the
/// held-out images under every condition. No source appears on both sides of a split.
public struct DetectorEvaluator: Sendable {
    /// Training settings of each fold's model.
    public var configuration: DetectorTrainer.Configuration
    /// Outer folds.
    public var folds: Int
    /// Conditions scored.
    public var conditions: [EvaluationCondition]

    /// Creates an evaluator.
    public init(
        configuration: DetectorTrainer.Configuration = .init(), folds: Int = 5,
        conditions: [EvaluationCondition] = EvaluationCondition.allCases
    ) {
        self.configuration = configuration
        self.folds = folds
        self.conditions = conditions
    }

    /// Decodes and featurises `images` (augmented copies plus every condition), then cross-validates.
    public func evaluate(
        images: [LabeledImage], progress: (@Sendable (Int, Int) -> Void)? = nil
    ) async throws(DetectorModelError) -> EvaluationReport {
        let records = await DetectorTrainer(configuration: configuration)
            .extractFeatures(images: images, conditions: conditions, progress: progress)
        return try evaluate(records: records)
    }

    /// Cross-validates on cached features restricted to some feature families (an ablation);
    /// the records must have been computed with this evaluator's feature spec.
    public func evaluate(
        records: [ImageFeatureRecord], keeping families: [FeatureSpec.Family]
    ) throws(DetectorModelError) -> EvaluationReport {
        let (spec, project) = configuration.features.restricted(to: families)
        var restricted = self
        restricted.configuration.features = spec
        let projected = records.map { record -> ImageFeatureRecord in
            var copy = record
            copy.copies = record.copies.map(project)
            copy.conditions = record.conditions.mapValues(project)
            return copy
        }
        return try restricted.evaluate(records: projected)
    }

    /// Cross-validates on cached features.
    public func evaluate(records allRecords: [ImageFeatureRecord]) throws(DetectorModelError) -> EvaluationReport {
        let records = allRecords.filter { $0.error == nil && !$0.copies.isEmpty }
        var skipped: [String: String] = [:]
        for record in allRecords where record.error != nil || record.copies.isEmpty {
            skipped[record.image.path] = record.error ?? "no features"
        }
        let sourceCount = Set(records.map(\.image.source)).count
        let k = min(folds, sourceCount)
        guard k >= 2 else { throw DetectorModelError(.malformed, "cross-validation needs at least two sources") }
        let recordFold = GroupedKFold.assign(groups: records.map(\.image.source), folds: k, seed: configuration.seed &+ 1)
        let trainer = DetectorTrainer(configuration: configuration)
        // probabilities[condition][record]
        var probabilities = [[Double]](repeating: [Double](repeating: 0.5, count: records.count), count: conditions.count)
        var logits = probabilities
        for fold in 0..<k {
            let trainRecords = records.indices.filter { recordFold[$0] != fold }.map { records[$0] }
            guard trainRecords.contains(where: \.image.isAI), trainRecords.contains(where: { !$0.image.isAI }) else {
                throw DetectorModelError(
                    .malformed,
                    "fold \(fold)'s training side has only one class; use more sources per class or fewer folds")
            }
            let outcome = try trainer.fit(records: trainRecords, command: "cross-validation fold \(fold)")
            let model = try DetectorModel(file: outcome.file)
            for index in records.indices where recordFold[index] == fold {
                for (c, condition) in conditions.enumerated() {
                    guard let features = records[index].conditions[condition] else { continue }
                    let logit = model.logit(features: features)
                    logits[c][index] = logit
                    probabilities[c][index] = model.probability(logit: logit)
                }
            }
        }
        let labels = records.map(\.image.isAI)
        let thresholds = VerdictThresholds.derive(
            groups: probabilities.map { ($0, labels) }, maxFalsePositiveRate: 0.05, maxFalseAuthenticRate: 0.05)
        var results: [EvaluationReport.ConditionResult] = []
        for (c, condition) in conditions.enumerated() {
            let p = probabilities[c]
            var familyRecall: [String: EvaluationReport.Rate] = [:]
            var sourceFPR: [String: EvaluationReport.Rate] = [:]
            var familyHits: [String: (Int, Int)] = [:]
            var sourceHits: [String: (Int, Int)] = [:]
            for (index, record) in records.enumerated() {
                let flagged = p[index] >= 0.5 ? 1 : 0
                if record.image.isAI {
                    let old = familyHits[record.image.family] ?? (0, 0)
                    familyHits[record.image.family] = (old.0 + flagged, old.1 + 1)
                } else {
                    let old = sourceHits[record.image.source] ?? (0, 0)
                    sourceHits[record.image.source] = (old.0 + flagged, old.1 + 1)
                }
            }
            for (family, hits) in familyHits { familyRecall[family] = .init(value: Double(hits.0) / Double(hits.1), count: hits.1) }
            for (source, hits) in sourceHits { sourceFPR[source] = .init(value: Double(hits.0) / Double(hits.1), count: hits.1) }
            let realCount = labels.filter { !$0 }.count
            let aiCount = labels.count - realCount
            let falsePositives = zip(p, labels).filter { !$0.1 && $0.0 >= thresholds.likelyAI }.count
            let truePositives = zip(p, labels).filter { $0.1 && $0.0 >= thresholds.likelyAI }.count
            let inconclusive = p.filter { $0 < thresholds.likelyAI && $0 > thresholds.likelyAuthentic }.count
            results.append(
                .init(
                    condition: condition, count: records.count, realCount: realCount, aiCount: aiCount,
                    auc: BinaryMetrics.auc(scores: logits[c], labels: labels) ?? .nan,
                    tprAt1FPR: BinaryMetrics.tpr(atFPR: 0.01, scores: logits[c], labels: labels) ?? .nan,
                    tprAt5FPR: BinaryMetrics.tpr(atFPR: 0.05, scores: logits[c], labels: labels) ?? .nan,
                    accuracy: BinaryMetrics.accuracy(probabilities: p, labels: labels),
                    ece: BinaryMetrics.expectedCalibrationError(probabilities: p, labels: labels),
                    fprAtLikelyAI: realCount > 0 ? Double(falsePositives) / Double(realCount) : .nan,
                    tprAtLikelyAI: aiCount > 0 ? Double(truePositives) / Double(aiCount) : .nan,
                    inconclusiveRate: records.isEmpty ? 0 : Double(inconclusive) / Double(records.count),
                    familyRecall: familyRecall, sourceFPR: sourceFPR))
        }
        let decodeTimes = records.map(\.decodeMilliseconds)
        return EvaluationReport(
            folds: k, seed: configuration.seed, configuration: configuration, conditions: results,
            thresholds: thresholds, skipped: skipped, images: records.count,
            meanDecodeMilliseconds: decodeTimes.isEmpty ? 0 : decodeTimes.reduce(0, +) / Double(decodeTimes.count))
    }
}
