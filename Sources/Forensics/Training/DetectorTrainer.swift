import Foundation

/// Trains the pixel detector: label-blind augmentation → features → standardised L2 logistic
/// regression, with Platt calibration fitted on source-grouped out-of-fold predictions.
public struct DetectorTrainer: Sendable {
    /// Training settings.
    public struct Configuration: Sendable, Codable, Hashable {
        /// Seed for augmentation and fold assignment.
        public var seed: UInt64 = 1
        /// Augmented copies per image.
        public var copies: Int = 4
        /// L2 strength on the mean loss.
        public var l2: Double = 0.1
        /// Source-grouped folds for the out-of-fold calibration.
        public var calibrationFolds: Int = 5
        /// Features.
        public var features: FeatureSpec = .v1
        /// Augmentation.
        public var augmentation = AugmentationPolicy()
        /// Weigh each source by `1/√(images of the source)` instead of equally per image, so that
        /// large sources do not dominate.
        public var sourceBalanced: Bool = true
        /// Images processed in parallel.
        public var concurrency: Int = 2
        /// Weight of the as-is pixels in the calibration pool, relative to the augmented copies:
        /// Platt scaling is fitted on the pooled out-of-fold decision values of the augmented
        /// copies (weight 1 each) and of the unaugmented images (weight `calibrationAsIsWeight ×
        /// copies` each, so 1 gives both kinds equal total weight). 0 calibrates on the augmented
        /// copies only (the behaviour before this option). As-is features are taken from the
        /// records' ``EvaluationCondition/asIs`` condition when present.
        public var calibrationAsIsWeight: Double = 3
        /// Name and version written into the model.
        public var modelVersion: String = "provenant-detector-v1"
        /// Default settings.
        public init() {}
    }

    /// The settings.
    public let configuration: Configuration

    /// Creates a trainer.
    public init(configuration: Configuration = .init()) {
        self.configuration = configuration
    }

    /// Standardiser and classifier fitted to one training set.
    struct FittedClassifier: Sendable {
        var standardizer: Standardizer
        var fit: LogisticRegression.Fit

        func logit(_ features: [Double]) -> Double { fit.logit(standardizer.apply(features)) }
    }

    /// Result of fitting on cached features.
    public struct Outcome: Sendable {
        /// The model file (checksummed).
        public var file: DetectorModelFile
        /// Out-of-fold decision values of the training copies, in record/copy order (copies in
        /// folds whose training side lacked a class are left out).
        public var outOfFoldLogits: [Double]
        /// Their labels.
        public var outOfFoldLabels: [Bool]
    }

    /// Decodes, augments and computes features of `images`.
    public func extractFeatures(
        images: [LabeledImage], conditions: [EvaluationCondition] = [],
        progress: (@Sendable (Int, Int) -> Void)? = nil
    ) async -> [ImageFeatureRecord] {
        await FeatureDataset.build(
            images: images, spec: configuration.features, augmentation: configuration.augmentation,
            copies: configuration.copies, conditions: conditions, seed: configuration.seed,
            concurrency: configuration.concurrency, progress: progress)
    }

    /// Trains on `images` end to end.
    public func train(
        images: [LabeledImage], command: String, progress: (@Sendable (Int, Int) -> Void)? = nil
    ) async throws(DetectorModelError) -> Outcome {
        let records = await extractFeatures(
            images: images, conditions: configuration.calibrationAsIsWeight > 0 ? [.asIs] : [], progress: progress)
        return try fit(records: records, command: command)
    }

    /// Per-sample weights: each source's copies share `√n_source` units of weight.
    func sampleWeights(groups: [String]) -> [Double] {
        guard configuration.sourceBalanced else { return [Double](repeating: 1, count: groups.count) }
        var counts: [String: Int] = [:]
        for group in groups { counts[group, default: 0] += 1 }
        return groups.map { 1 / Double(counts[$0] ?? 1).squareRoot() }
    }

    func fitClassifier(samples: [[Double]], labels: [Bool], groups: [String]) -> FittedClassifier {
        let standardizer = Standardizer(fitting: samples)
        let standardized = samples.map { standardizer.apply($0) }
        let fit = LogisticRegression(l2: configuration.l2)
            .fit(samples: standardized, labels: labels, weights: sampleWeights(groups: groups))
        return FittedClassifier(standardizer: standardizer, fit: fit)
    }

    /// Fits standardisation and classifier on the augmented copies of the usable records, Platt
    /// calibration on their out-of-fold decision values (pooled with those of the records'
    /// as-is features when present and ``Configuration/calibrationAsIsWeight`` > 0), and
    /// provisional thresholds.
    public func fit(records allRecords: [ImageFeatureRecord], command: String) throws(DetectorModelError) -> Outcome {
        let records = allRecords.filter { $0.error == nil && !$0.copies.isEmpty }
        var samples: [[Double]] = []
        var labels: [Bool] = []
        var groups: [String] = []
        var owner: [Int] = []
        for (index, record) in records.enumerated() {
            for copy in record.copies {
                samples.append(copy)
                labels.append(record.image.isAI)
                groups.append(record.image.source)
                owner.append(index)
            }
        }
        let sources = Set(records.map(\.image.source))
        guard labels.contains(true), labels.contains(false) else {
            throw DetectorModelError(.malformed, "training needs both real and AI images")
        }
        // Out-of-fold decision values, grouped by source.
        let folds = min(configuration.calibrationFolds, sources.count)
        var outOfFold = [Double](repeating: 0, count: samples.count)
        // Samples whose fold could be predicted (a fold whose training side lacks a class is skipped).
        var predicted = [Bool](repeating: false, count: samples.count)
        // Out-of-fold decision values of the unaugmented images (calibration only).
        let asIsWeight = configuration.calibrationAsIsWeight
        var asIsLogits: [Double] = []
        var asIsLabels: [Bool] = []
        if folds >= 2 {
            let recordFold = GroupedKFold.assign(
                groups: records.map(\.image.source), folds: folds, seed: configuration.seed)
            for fold in 0..<folds {
                let train = samples.indices.filter { recordFold[owner[$0]] != fold }
                let test = samples.indices.filter { recordFold[owner[$0]] == fold }
                let trainLabels = train.map { labels[$0] }
                guard !test.isEmpty, trainLabels.contains(true), trainLabels.contains(false) else { continue }
                let classifier = fitClassifier(
                    samples: train.map { samples[$0] }, labels: trainLabels, groups: train.map { groups[$0] })
                for i in test {
                    outOfFold[i] = classifier.logit(samples[i])
                    predicted[i] = true
                }
                if asIsWeight > 0 {
                    for (index, record) in records.enumerated() where recordFold[index] == fold {
                        guard let features = record.conditions[.asIs] else { continue }
                        asIsLogits.append(classifier.logit(features))
                        asIsLabels.append(record.image.isAI)
                    }
                }
            }
        }
        let heldOut = samples.indices.filter { predicted[$0] }
        let heldOutLogits = heldOut.map { outOfFold[$0] }
        let heldOutLabels = heldOut.map { labels[$0] }
        let poolWeights = [Double](repeating: 1, count: heldOutLogits.count)
            + [Double](repeating: asIsWeight * Double(configuration.copies), count: asIsLogits.count)
        let (a, b) = heldOut.isEmpty
            ? (1.0, 0.0)
            : PlattCalibration.fit(scores: heldOutLogits + asIsLogits, labels: heldOutLabels + asIsLabels, weights: poolWeights)
        let calibrated = heldOutLogits.map { LogisticFunction.sigmoid(a * $0 + b) }
        let poolNote = asIsLogits.isEmpty
            ? "calibration pool: augmented copies only"
            : "calibration pool: augmented copies + as-is pixels (as-is weight \(asIsWeight) × copies, \(asIsLogits.count) as-is images)"
        let ece = BinaryMetrics.expectedCalibrationError(probabilities: calibrated, labels: heldOutLabels)
        let auc = BinaryMetrics.auc(scores: heldOutLogits, labels: heldOutLabels) ?? 0.5
        let thresholds = VerdictThresholds.derive(
            groups: [(probabilities: calibrated, labels: heldOutLabels)], maxFalsePositiveRate: 0.05,
            maxFalseAuthenticRate: 0.05)

        let final = fitClassifier(samples: samples, labels: labels, groups: groups)
        let file = DetectorModelFile(
            modelVersion: configuration.modelVersion, features: configuration.features,
            standardization: final.standardizer,
            classifier: .init(weights: final.fit.weights, bias: final.fit.bias),
            calibration: .init(a: a, b: b),
            thresholds: thresholds,
            training: .init(
                command: command, seed: configuration.seed, copies: configuration.copies,
                realImages: records.filter { !$0.image.isAI }.count, aiImages: records.filter(\.image.isAI).count,
                sources: sources.count, l2: configuration.l2, calibrationFolds: folds, calibrationECE: ece,
                outOfFoldAUC: auc,
                notes: "augmentation: \(configuration.augmentation.summary); \(poolNote); source-balanced weights: \(configuration.sourceBalanced); skipped \(allRecords.count - records.count) unreadable images"))
        return Outcome(file: file, outOfFoldLogits: heldOutLogits, outOfFoldLabels: heldOutLabels)
    }
}
