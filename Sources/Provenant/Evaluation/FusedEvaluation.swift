public import ByteParsing
import DeepFeatures
public import Forensics
import Foundation
import Synchronization

/// Native source-grouped cross-validation of the fused detector: the same recipe that produced the
/// shipped `provenant-detector-v2.json`, computed by Provenant itself from the image files.
///
/// 1. Every image is decoded and put through each ``FusedEvaluationSlot`` (four test conditions and
///    ``copies`` platform-augmentation copies); the CLIP tower computes the features the shipped
///    model reads and the hand-crafted detector scores the same pixels.
/// 2. Sources are split into folds (``GroupedKFold/assignBalancingLabels(groups:labels:folds:seed:)``).
///    For each fold a probe (standardised features, L2 logistic regression by L-BFGS, sample weights
///    `1/(source size)^p` (``sourceWeightPower``) scaled so AI images, real photos and human-made
///    non-photos carry 1/2, 1/4 and 1/4 of the weight) is trained on every slot of the other folds'
///    images and scores the fold.
/// 3. One stack (probe logit and clamped hand-crafted logit, both weights kept ≥ 0) and one Platt map
///    are fitted on the pooled out-of-fold logits, as the shipped file's are. Rows of sources in
///    ``handcraftedInSampleSources`` are left out of the stack fit: the hand-crafted model was trained
///    on them, so its scores there are in-sample. With ``refitHandcrafted`` the hand-crafted detector is
///    instead refitted in each fold on its own features of the other folds' images, and its out-of-fold
///    logit, Platt-calibrated on the pooled conditions, is the stack's second input.
/// 4. Bands follow the model's rule: `likely_ai` is the lowest probability that flags at most 3 % of
///    real photos and 5 % of human-made non-photos in every condition (at least 0.5); `likely_authentic`
///    the highest that lets through at most 5 % of AI images in every condition.
///
/// Real images whose family is not `real` are human-made non-photos, with the family as their content
/// type (the `detect-humanart` labels); real images labelled `real` are photos.
public struct FusedEvaluation: Sendable {
    /// Outer folds.
    public var folds = 5
    /// Seed of the folds and of the per-file conditions.
    public var seed: UInt64 = 1
    /// The probes' L2 strengths: every probe block is fitted once per strength on the same standardised
    /// columns, and the stack weighs all of them (a ladder lets each block pick how strongly it is
    /// regularised; the stack typically keeps a few). One value: one probe per block.
    public var probeL2s: [Double] = [0.03]
    /// One probe per tower block of the features (class tokens of blocks 5, 7, 9 and 11: four probes;
    /// token means: a class-token probe and a patch-mean probe per block), their logits stacked with the
    /// hand-crafted logit, instead of one probe on all the features. The stack weighs the blocks by how
    /// well each generalises across sources; the model file stores the weighted sum as its one probe
    /// (the shipped recipe since `provenant-detector-v2.2`).
    public var layerwiseProbes = true
    /// Platform-augmentation copies per image (training only).
    public var copies = 2
    /// Source splits to cross-validate (split seeds ``firstSplitSeed``, the next, …). The report's tables
    /// come from the first; with more, it also lists every split's AUC and TPR, since which sources
    /// share a fold moves the pooled figures by about as much as the differences being measured.
    public var splits = 1
    /// Seed of the first source split (`nil`: `seed + 1`); the others follow it. Lets a later run
    /// add splits to an earlier one's without refitting them.
    public var firstSplitSeed: UInt64?
    /// How a trained model file's bands are chosen from the splits' derived bands (the strictest over
    /// every split by default).
    public var bandRule = FusedEvaluationReport.BandRule.strictest
    /// Images processed at once.
    public var jobs = 2
    /// Shares of the total sample weight carried by AI images, real photos and human-made
    /// non-photos (the shipped recipe: 1/2, 1/4, 1/4).
    public var groupShares: [Double] = [0.5, 0.25, 0.25]
    /// Within a group, an image's weight is `1/(source size)^p` with this `p`: 0.5 (the default, and the
    /// recipe up to `provenant-detector-v2.6`) lets a large source count more than a small one, but less
    /// than in proportion; 0.75 (the shipped recipe since v2.7) gives small sources more say; 1 gives
    /// every source the same total.
    public var sourceWeightPower = 0.5
    /// Sources the hand-crafted model was trained on.
    public var handcraftedInSampleSources: Set<String> = []
    /// Refit the hand-crafted detector in every fold: an L2 logistic regression (``handcraftedL2``) on
    /// its feature vectors (the loaded hand-crafted model's feature spec) of the fold's training rows,
    /// whose out-of-fold logit replaces the loaded model's in the stack.
    public var refitHandcrafted = false
    /// The L2 strength of the refitted hand-crafted regression (standardised features).
    public var handcraftedL2 = 0.03
    /// The `model_version` of the refitted hand-crafted model file (default: the loaded one's).
    public var handcraftedModelVersion: String?
    /// Folder for cached inputs (`nil`: no cache).
    public var cacheDirectory: String?
    /// Parse and decode limits.
    public var limits = ParseLimits.default

    /// Creates an evaluation with the defaults.
    public init() {}

    /// Loads the fused and hand-crafted models `configuration` names (as the ``Analyzer`` does),
    /// computes the inputs of every image and cross-validates.
    public func run(
        images: [LabeledImage], configuration: AnalyzerConfiguration = .init(),
        progress: (@Sendable (Int, Int) -> Void)? = nil
    ) async throws(ReportError) -> FusedEvaluationReport {
        try await evaluate(images: images, configuration: configuration, train: false, modelVersion: nil, progress: progress).report
    }

    /// As ``run(images:configuration:progress:)``, then trains the model file the report describes
    /// (``trainModel(images:inputs:slots:report:template:modelVersion:)``) on every image; the file's
    /// `model_version` is `modelVersion`, or the loaded fused model's.
    public func runAndTrain(
        images: [LabeledImage], configuration: AnalyzerConfiguration = .init(), modelVersion: String? = nil,
        progress: (@Sendable (Int, Int) -> Void)? = nil
    ) async throws(ReportError) -> (report: FusedEvaluationReport, model: FusedDetectorFile) {
        let result = try await runAndTrainBoth(
            images: images, configuration: configuration, modelVersion: modelVersion, progress: progress)
        return (result.report, result.model)
    }

    /// As ``runAndTrain(images:configuration:modelVersion:progress:)``; with ``refitHandcrafted`` also
    /// the hand-crafted model file the fused model's stack was fitted against
    /// (``trainHandcraftedModel(images:inputs:report:features:modelVersion:)``), which must ship with it.
    public func runAndTrainBoth(
        images: [LabeledImage], configuration: AnalyzerConfiguration = .init(), modelVersion: String? = nil,
        progress: (@Sendable (Int, Int) -> Void)? = nil
    ) async throws(ReportError) -> (report: FusedEvaluationReport, model: FusedDetectorFile, handcrafted: DetectorModelFile?) {
        let result = try await evaluate(
            images: images, configuration: configuration, train: true, modelVersion: modelVersion, progress: progress)
        guard let model = result.model else { throw ReportError(code: "eval.internal", message: "no model was trained") }
        return (result.report, model, result.handcrafted)
    }

    private func evaluate(
        images: [LabeledImage], configuration: AnalyzerConfiguration, train: Bool, modelVersion: String?,
        progress: (@Sendable (Int, Int) -> Void)?
    ) async throws(ReportError) -> (report: FusedEvaluationReport, model: FusedDetectorFile?, handcrafted: DetectorModelFile?) {
        guard let deepPath = StageEngines.resolveDeepModelPath(configuration) else {
            throw ReportError(code: "deep.unavailable", message: "no \(DeepStage.defaultFileName) found; pass --deep-model FILE")
        }
        let deep = try DeepStage(modelPath: deepPath)
        let modelPath = try StageEngines.resolveModelPath(configuration)
        let handcrafted: DetectorModel
        do {
            handcrafted = try DetectorModel.load(path: modelPath)
        } catch {
            throw ReportError(code: "model.\(error.code.rawValue)", message: "cannot load the model \(modelPath): \(error)")
        }
        let slots = FusedEvaluationSlot.all(copies: copies)
        let extractor = FusedEvaluationExtractor(
            deep: deep, handcrafted: handcrafted, slots: slots, seed: seed, limits: limits, cacheDirectory: cacheDirectory)
        let start = ContinuousClock.now
        let counter = ProgressCounter()
        let computed = await parallelMap(count: images.count, width: jobs) { index in
            let result = extractor.inputs(path: images[index].path)
            progress?(counter.increment(), images.count)
            return result
        }
        var inputs = computed.map { $0.inputs }
        if refitHandcrafted {
            let spec = handcrafted.file.features
            let vectors = await parallelMap(count: images.count, width: jobs) { index in
                extractor.handcraftedFeatures(path: images[index].path, spec: spec)
            }
            for index in inputs.indices { inputs[index].handcraftedFeatures = vectors[index].features }
        }
        let featureSeconds = Self.seconds(since: start)
        let shipped = deep.detector.file
        let blocks = layerwiseProbes ? Self.probeBlocks(shipped.embedding) : 1
        let firstSplit = firstSplitSeed ?? (seed &+ 1)
        var report = try crossValidate(
            images: images, inputs: inputs, slots: slots, shipped: shipped.thresholds, minShortSide: shipped.minShortSide,
            splitSeed: firstSplit, handcraftedBands: handcrafted.file.thresholds, probeBlocks: blocks)
        report.splits = [FusedEvaluationReport.Split(report)]
        for extra in 1..<max(1, splits) {
            let other = try crossValidate(
                images: images, inputs: inputs, slots: slots, shipped: shipped.thresholds,
                minShortSide: shipped.minShortSide, splitSeed: firstSplit &+ UInt64(extra), probeBlocks: blocks)
            report.splits.append(FusedEvaluationReport.Split(other))
            report.fitSeconds += other.fitSeconds
        }
        // The cascade band where the model file's bands are: a skip may change no more verdicts at the
        // bands the file gets than the rule allows, whichever split those came from.
        let modelBands = report.modelThresholds(bandRule)
        let handcraftedBands = report.handcraftedModelThresholds ?? handcrafted.file.thresholds
        if report.cascade != nil, modelBands != report.derivedThresholds || refitHandcrafted {
            report.cascade = Self.cascadeBand(slots: report.cascadeInputs, fusedBands: modelBands, handcraftedBands: handcraftedBands)
        }
        report.featureSeconds = featureSeconds
        report.forwardPasses = computed.reduce(0) { $0 + $1.computed }
        guard train else { return (report, nil, nil) }
        var model = try trainModel(
            images: images, inputs: inputs, slots: slots, report: report, template: shipped,
            modelVersion: modelVersion ?? shipped.modelVersion)
        guard refitHandcrafted else { return (report, model, nil) }
        let refitted = try trainHandcraftedModel(
            images: images, inputs: inputs, report: report, features: handcrafted.file.features,
            modelVersion: handcraftedModelVersion ?? handcrafted.modelVersion)
        // The stack weighs the refitted model's logit: pin the pair (a version 4 file).
        model = FusedDetectorFile(
            modelVersion: model.modelVersion, embedding: model.embedding, probe: model.probe,
            stack: .init(weights: model.stack.weights, bias: model.stack.bias, handcraftedModelSHA256: refitted.checksum.value),
            calibration: model.calibration, thresholds: model.thresholds, cascade: model.cascade,
            minShortSide: model.minShortSide, sha256: DeepStage.sha256Hex)
        do {
            try model.validate()
        } catch {
            throw ReportError(code: "eval.invalid_model", message: "the pinned model is not a valid fused model file: \(error)")
        }
        return (report, model, refitted)
    }

    /// The model file of this recipe: a probe fitted on every slot of every usable image, with the
    /// stack, Platt map and cascade band `report` fitted on the pooled out-of-fold logits (its first
    /// split), the bands ``bandRule`` picks from its splits' derived bands, and `min_short_side` the
    /// 5th percentile of the images' shorter sides rounded down to a multiple of 32 (at least 224). The
    /// embedding record (weights, features, views) is `template`'s, the model the inputs were computed
    /// with.
    public func trainModel(
        images allImages: [LabeledImage], inputs allInputs: [FusedEvaluationInputs], slots: [FusedEvaluationSlot],
        report: FusedEvaluationReport, template: FusedDetectorFile, modelVersion: String
    ) throws(ReportError) -> FusedDetectorFile {
        let (images, inputs, _) = Self.usable(allImages, allInputs)
        let width = template.embedding.dim
        var rows: [EvaluationRow] = []
        for i in images.indices {
            for s in slots.indices where inputs[i].features[s]?.count == width { rows.append(EvaluationRow(image: i, slot: s)) }
        }
        let labels = images.map(\.isAI)
        guard rows.contains(where: { labels[$0.image] }), rows.contains(where: { !labels[$0.image] }) else {
            throw ReportError(code: "eval.one_class", message: "training needs real and AI images with features of width \(width)")
        }
        let blocks = report.probeBlocks
        let ladder = report.probeL2s
        let probeCount = blocks * ladder.count
        guard blocks >= 1, !ladder.isEmpty, width % blocks == 0, report.stack.count == probeCount + 2, report.platt.count == 2,
            let cascade = report.cascade
        else {
            throw ReportError(
                code: "eval.internal",
                message: "the report carries no stack of its \(report.probeBlocks) × \(ladder.count) probes, Platt map or cascade band")
        }
        // One probe per block and strength, fitted on every row; the file's single probe is their sum
        // weighted by the stack (the same linear function of the features), so its stack keeps two
        // inputs. A block's strengths share its standardisation; strengths the stack gave no weight are
        // not fitted unless the whole block has none (its columns still need a mean and scale).
        let blockWidth = width / blocks
        let weights = itemWeights(images)
        var probe = ProbeParameters(mean: [], scale: [], weights: [], bias: 0, fit: .init(iterations: 0, converged: true, largestGradient: 0))
        for b in 0..<blocks {
            let stackWeights = ladder.indices.map { report.stack[$0 * blocks + b] }
            let used = ladder.indices.filter { stackWeights[$0] != 0 }
            let fitted = used.isEmpty ? [0] : used
            let parts = Self.fitProbes(
                rows: rows, inputs: inputs, labels: labels, weights: weights,
                columns: b * blockWidth..<(b + 1) * blockWidth, l2s: fitted.map { ladder[$0] })
            guard let first = parts.first else { continue }
            var blockWeights = [Double](repeating: 0, count: blockWidth)
            var blockBias = 0.0
            for (part, l) in zip(parts, fitted) {
                for j in 0..<blockWidth { blockWeights[j] += part.weights[j] * stackWeights[l] }
                blockBias += part.bias * stackWeights[l]
            }
            probe.mean += first.mean
            probe.scale += first.scale
            probe.weights += blockWeights.map { $0 + 0 }  // + 0: no negative zeros
            probe.bias += blockBias
        }
        let sides = inputs.map(\.shortSide).sorted()
        let fifth = sides.isEmpty ? 0 : sides[Int(0.05 * Double(sides.count - 1))]
        let file = FusedDetectorFile(
            modelVersion: modelVersion, embedding: template.embedding,
            probe: .init(mean: probe.mean, std: probe.scale.map { 1 / $0 }, weights: probe.weights, bias: probe.bias),
            stack: .init(weights: [1, report.stack[probeCount]], bias: report.stack[probeCount + 1]),
            calibration: .init(a: report.platt[0], b: report.platt[1]), thresholds: report.modelThresholds(bandRule),
            cascade: .init(skipBelow: cascade.skipBelow, skipAbove: cascade.skipAbove),
            minShortSide: max(224, fifth / 32 * 32), sha256: DeepStage.sha256Hex)
        do {
            try file.validate()
        } catch {
            throw ReportError(code: "eval.invalid_model", message: "the trained model is not a valid fused model file: \(error)")
        }
        return file
    }

    /// The refitted hand-crafted detector as a model file (``refitHandcrafted``): the L2 logistic
    /// regression of the report fitted on every slot of every usable image with hand-crafted features,
    /// with the Platt map of the report's first split and the strictest of its splits' bands
    /// (``FusedEvaluationReport/handcraftedModelThresholds``).
    public func trainHandcraftedModel(
        images allImages: [LabeledImage], inputs allInputs: [FusedEvaluationInputs], report: FusedEvaluationReport,
        features: FeatureSpec, modelVersion: String
    ) throws(ReportError) -> DetectorModelFile {
        guard let refit = report.handcraftedRefit, refit.platt.count == 2, let bands = report.handcraftedModelThresholds else {
            throw ReportError(code: "eval.internal", message: "the report carries no refitted hand-crafted detector")
        }
        let (images, inputs, skipped) = Self.usable(allImages, allInputs)
        let width = inputs.lazy.flatMap(\.handcraftedFeatures).compactMap { $0?.count }.first ?? 0
        var rows: [EvaluationRow] = []
        for i in images.indices {
            for (s, vector) in inputs[i].handcraftedFeatures.enumerated() where width > 0 && vector?.count == width {
                rows.append(EvaluationRow(image: i, slot: s))
            }
        }
        let labels = images.map(\.isAI)
        guard rows.contains(where: { labels[$0.image] }), rows.contains(where: { !labels[$0.image] }) else {
            throw ReportError(code: "eval.one_class", message: "the hand-crafted refit needs real and AI images with its features")
        }
        guard let fit = Self.fitProbes(
            rows: rows, inputs: inputs, labels: labels, weights: itemWeights(images), columns: 0..<width, l2s: [refit.l2],
            vectors: \.handcraftedFeatures
        ).first else {
            throw ReportError(code: "eval.internal", message: "the hand-crafted regression was not fitted")
        }
        let training = DetectorModelFile.TrainingInfo(
            command: "", seed: seed, copies: report.trainedOn.count { $0.hasPrefix("platform_copy") },
            realImages: labels.count { !$0 }, aiImages: labels.count { $0 }, sources: Set(images.map(\.source)).count, l2: refit.l2, calibrationFolds: report.folds,
            calibrationECE: refit.ece.first ?? .nan, outOfFoldAUC: refit.auc.first ?? .nan,
            notes: "refitted by provenant eval --deep --refit-handcrafted: L-BFGS logistic regression on standardised features of "
                + "\(report.trainedOn.joined(separator: ", ")) (group shares \(groupShares.map { String($0) }.joined(separator: ",")), "
                + "source-weight power \(sourceWeightPower)); Platt map on the pooled out-of-fold logits of split \(report.splitSeed); "
                + "bands the strictest over \(max(1, report.splits.count)) source splits (photos ≤ 3 %, every human-made content "
                + "type with ≥ \(Self.perTypeMinimumCount) images ≤ 5 %); skipped \(skipped.count) unusable images")
        let file = DetectorModelFile(
            modelVersion: modelVersion, features: features,
            standardization: Standardizer(mean: fit.mean, std: fit.scale.map { 1 / $0 }),
            classifier: .init(weights: fit.weights.map { $0 + 0 }, bias: fit.bias),
            calibration: .init(a: refit.platt[0], b: refit.platt[1]), thresholds: bands, training: training)
        do {
            try file.validate()
        } catch {
            throw ReportError(code: "eval.invalid_model", message: "the refitted hand-crafted model is not valid: \(error)")
        }
        return file
    }

    /// The images whose inputs can be used, their inputs, and why the others were skipped.
    static func usable(
        _ images: [LabeledImage], _ inputs: [FusedEvaluationInputs]
    ) -> (images: [LabeledImage], inputs: [FusedEvaluationInputs], skipped: [String: String]) {
        var skipped: [String: String] = [:]
        var keep: [Int] = []
        for index in images.indices {
            if let error = inputs[index].error {
                skipped[images[index].path] = error
            } else if inputs[index].features.allSatisfy({ $0 == nil }) {
                skipped[images[index].path] = "no slot could be computed"
            } else {
                keep.append(index)
            }
        }
        return (keep.map { images[$0] }, keep.map { inputs[$0] }, skipped)
    }

    /// Probes fitted on `rows` reading the feature columns `columns`, one per L2 strength in `l2s`:
    /// per-column mean and `1 / (standard deviation + 1e-6)`, shared by all of them, then L2 logistic
    /// regression on the standardised columns.
    static func fitProbes(
        rows: [EvaluationRow], inputs: [FusedEvaluationInputs], labels: [Bool], weights: [Double], columns: Range<Int>, l2s: [Double],
        vectors: KeyPath<FusedEvaluationInputs, [[Float]?]> = \.features
    ) -> [ProbeParameters] {
        let width = columns.count
        let offset = columns.lowerBound
        var mean = [Double](repeating: 0, count: width)
        var square = [Double](repeating: 0, count: width)
        for row in rows {
            guard let x = inputs[row.image][keyPath: vectors][row.slot] else { continue }
            for j in 0..<width {
                let v = Double(x[offset + j])
                mean[j] += v
                square[j] += v * v
            }
        }
        let count = Double(max(1, rows.count))
        var scale = [Double](repeating: 1, count: width)
        for j in 0..<width {
            mean[j] /= count
            scale[j] = 1 / ((max(0, square[j] / count - mean[j] * mean[j])).squareRoot() + 1e-6)
        }
        var values = [Float](repeating: 0, count: rows.count * width)
        for (r, row) in rows.enumerated() {
            guard let x = inputs[row.image][keyPath: vectors][row.slot] else { continue }
            for j in 0..<width { values[r * width + j] = Float((Double(x[offset + j]) - mean[j]) * scale[j]) }
        }
        let matrix = LBFGSLogisticRegression.Design(values: values, rows: rows.count, columns: width)
        let rowLabels = rows.map { labels[$0.image] }
        let rowWeights = rows.map { weights[$0.image] }
        return l2s.map { l2 in
            let fit = LBFGSLogisticRegression(l2: l2).fit(matrix, labels: rowLabels, sampleWeights: rowWeights)
            return ProbeParameters(
                offset: offset, mean: mean, scale: scale, weights: fit.weights, bias: fit.bias,
                fit: .init(iterations: fit.iterations, converged: fit.converged, largestGradient: fit.largestGradient))
        }
    }

    /// A fitted probe: `z = bias + Σ weights[j] · (x[offset + j] − mean[j]) · scale[j]`.
    struct ProbeParameters: Sendable {
        var offset = 0
        var mean: [Double]
        var scale: [Double]
        var weights: [Double]
        var bias: Double
        var fit: FusedEvaluationReport.ProbeFit

        func logit(_ x: [Float]) -> Double {
            var z = bias
            for j in 0..<max(0, min(x.count - offset, weights.count)) { z += weights[j] * (Double(x[offset + j]) - mean[j]) * scale[j] }
            return z
        }
    }

    static func seconds(since start: ContinuousClock.Instant) -> Double {
        let elapsed = ContinuousClock.now - start
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
    }

    /// Cross-validates precomputed inputs (one per image, slots in `slots` order) on the source split
    /// drawn with `splitSeed` (default `seed + 1`), with one probe per `probeBlocks` equal column
    /// blocks of the features (1: one probe on them all; ``layerwiseProbes``).
    public func crossValidate(
        images allImages: [LabeledImage], inputs allInputs: [FusedEvaluationInputs], slots: [FusedEvaluationSlot],
        shipped: DetectorModelFile.Thresholds, minShortSide: Int = 0, splitSeed: UInt64? = nil,
        handcraftedBands: DetectorModelFile.Thresholds? = nil, probeBlocks: Int = 1
    ) throws(ReportError) -> FusedEvaluationReport {
        let start = ContinuousClock.now
        let (images, inputs, skipped) = Self.usable(allImages, allInputs)
        let n = images.count
        guard let width = inputs.lazy.flatMap({ $0.features }).compactMap({ $0?.count }).first, width > 0 else {
            throw ReportError(code: "eval.no_data", message: "no image has features")
        }
        guard probeBlocks >= 1, width % probeBlocks == 0 else {
            throw ReportError(code: "eval.bad_blocks", message: "\(width) features do not split into \(probeBlocks) equal probe blocks")
        }
        let blockWidth = width / probeBlocks
        let labels = images.map(\.isAI)
        guard labels.contains(true), labels.contains(false) else {
            throw ReportError(code: "eval.one_class", message: "cross-validation needs real and AI images")
        }
        let sourceCount = Set(images.map(\.source)).count
        let k = min(folds, sourceCount)
        guard k >= 2 else { throw ReportError(code: "eval.few_sources", message: "cross-validation needs at least two sources") }
        let split = splitSeed ?? (seed &+ 1)
        let fold = GroupedKFold.assignBalancingLabels(groups: images.map(\.source), labels: labels, folds: k, seed: split)
        let weights = itemWeights(images)

        // Probe: out-of-fold logits per slot.
        var collected: [EvaluationRow] = []
        for i in 0..<n {
            for s in slots.indices where inputs[i].features[s]?.count == width { collected.append(EvaluationRow(image: i, slot: s)) }
        }
        let rows = collected
        let probeL2s = self.probeL2s
        guard !probeL2s.isEmpty, probeL2s.allSatisfy({ $0 > 0 && $0.isFinite }) else {
            throw ReportError(code: "eval.bad_l2", message: "the probes need at least one positive, finite L2 strength")
        }
        // Stack inputs: for each strength, one logit per block (strength-major), then the hand-crafted logit.
        let probeCount = probeBlocks * probeL2s.count
        let refit = refitHandcrafted
        let handcraftedL2 = self.handcraftedL2
        let handcraftedWidth = inputs.lazy.flatMap(\.handcraftedFeatures).compactMap { $0?.count }.first ?? 0
        if refit && handcraftedWidth == 0 {
            throw ReportError(code: "eval.no_data", message: "no image has hand-crafted features to refit on")
        }
        let foldOutcomes: [FoldOutcome] = try Self.foldResults(k: k, jobs: jobs) { (f: Int) throws(ReportError) in
            let train = rows.filter { fold[$0.image] != f }
            guard train.contains(where: { labels[$0.image] }), train.contains(where: { !labels[$0.image] }) else {
                throw ReportError(code: "eval.one_class", message: "fold \(f)'s training side has only one class")
            }
            let byBlock = (0..<probeBlocks).map { b in
                Self.fitProbes(
                    rows: train, inputs: inputs, labels: labels, weights: weights,
                    columns: b * blockWidth..<(b + 1) * blockWidth, l2s: probeL2s)
            }
            let probes = probeL2s.indices.flatMap { l in byBlock.map { $0[l] } }
            let logits = rows.filter { fold[$0.image] == f }.compactMap { row -> (Int, Int, [Double])? in
                guard let x = inputs[row.image].features[row.slot] else { return nil }
                return (row.image, row.slot, probes.map { $0.logit(x) })
            }
            var handcraftedLogits: [(Int, Int, Double)] = []
            if refit {
                let handcraftedTrain = train.filter { inputs[$0.image].handcraftedFeatures[$0.slot]?.count == handcraftedWidth }
                if let regression = Self.fitProbes(
                    rows: handcraftedTrain, inputs: inputs, labels: labels, weights: weights, columns: 0..<handcraftedWidth,
                    l2s: [handcraftedL2], vectors: \.handcraftedFeatures
                ).first {
                    for row in rows where fold[row.image] == f {
                        guard let x = inputs[row.image].handcraftedFeatures[row.slot], x.count == handcraftedWidth else { continue }
                        handcraftedLogits.append((row.image, row.slot, regression.logit(x)))
                    }
                }
            }
            // The fold's least converged block fit stands for the fold.
            let fit = probes.map(\.fit).max { $0.largestGradient < $1.largestGradient } ?? probes[0].fit
            return FoldOutcome(logits: logits, handcraftedLogits: handcraftedLogits, fit: .init(
                iterations: probes.reduce(0) { $0 + $1.fit.iterations }, converged: probes.allSatisfy(\.fit.converged),
                largestGradient: fit.largestGradient))
        }
        var blockLogits = [[[Double]]](repeating: [[Double]](repeating: [], count: slots.count), count: n)
        for (i, s, z) in foldOutcomes.flatMap(\.logits) { blockLogits[i][s] = z }
        var refitLogits = [[Double?]](repeating: [Double?](repeating: nil, count: slots.count), count: n)
        for (i, s, z) in foldOutcomes.flatMap(\.handcraftedLogits) { refitLogits[i][s] = z }

        let evaluated = slots.indices.filter { slots[$0].isEvaluated }
        let contentType = images.map(EvaluationGroup.contentType(of:))
        // The hand-crafted probability per image and slot: the loaded model's, or the refitted
        // regression's out-of-fold logit through a Platt map fitted on the pooled evaluated slots (the
        // model file such a run writes computes exactly this).
        var handcraftedProbability = inputs.map(\.handcrafted)
        var refitSummary: FusedEvaluationReport.HandcraftedRefit?
        if refit {
            var samples: [[Double]] = []
            var sampleLabels: [Bool] = []
            for i in 0..<n {
                for s in evaluated {
                    guard let z = refitLogits[i][s] else { continue }
                    samples.append([z])
                    sampleLabels.append(labels[i])
                }
            }
            let map = LogisticRegression(l2: 0, maxIterations: 100).fit(samples: samples, labels: sampleLabels)
            let ha = map.weights.first ?? 1
            let hb = map.bias
            handcraftedProbability = refitLogits.map { row in row.map { $0.map { LogisticFunction.sigmoid(ha * $0 + hb) } } }
            let grid = handcraftedProbability.map { row in row.map { $0 ?? .nan } }
            let hcBands = Self.bands(probability: grid, labels: labels, contentType: contentType, evaluated: evaluated)
            // Per evaluated condition, the scored images' probabilities and labels.
            let scored = evaluated.map { s in
                let members = (0..<n).filter { grid[$0][s].isFinite }
                return (p: members.map { grid[$0][s] }, y: members.map { labels[$0] })
            }
            refitSummary = .init(
                l2: handcraftedL2, platt: [ha, hb], thresholds: hcBands.perType,
                auc: scored.map { BinaryMetrics.auc(scores: $0.p, labels: $0.y) ?? .nan },
                tprAt5FPR: scored.map { BinaryMetrics.tpr(atFPR: 0.05, scores: $0.p, labels: $0.y) ?? .nan },
                ece: scored.map { BinaryMetrics.expectedCalibrationError(probabilities: $0.p, labels: $0.y) })
        }

        // Stack (non-negative weights) and Platt on the pooled out-of-fold logits.
        func handcraftedLogit(_ i: Int, _ s: Int) -> Double {
            FusedDetector.handcraftedLogit(handcraftedProbability[i][s] ?? 0.5)
        }
        func hasHandcrafted(_ i: Int, _ s: Int) -> Bool { handcraftedProbability[i][s] != nil }
        var stackSamples: [[Double]] = []
        var stackLabels: [Bool] = []
        var stackWeights: [Double] = []
        for i in 0..<n where !handcraftedInSampleSources.contains(images[i].source) {
            for s in slots.indices where blockLogits[i][s].count == probeCount && hasHandcrafted(i, s) {
                stackSamples.append(blockLogits[i][s] + [handcraftedLogit(i, s)])
                stackLabels.append(labels[i])
                stackWeights.append(weights[i])
            }
        }
        let stack = Self.nonNegativeFit(samples: stackSamples, labels: stackLabels, weights: stackWeights)
        // The probe logit is the blocks' logits weighted by the stack (the model file's one probe).
        var probe = [[Double]](repeating: [Double](repeating: .nan, count: slots.count), count: n)
        var stacked = probe
        for i in 0..<n {
            for s in slots.indices where blockLogits[i][s].count == probeCount {
                let z = zip(blockLogits[i][s], stack.weights).reduce(0) { $0 + $1.0 * $1.1 }
                probe[i][s] = z
                stacked[i][s] = z + stack.weights[probeCount] * handcraftedLogit(i, s) + stack.bias
            }
        }
        var plattSamples: [[Double]] = []
        var plattLabels: [Bool] = []
        for i in 0..<n {
            for s in evaluated where stacked[i][s].isFinite {
                plattSamples.append([stacked[i][s]])
                plattLabels.append(labels[i])
            }
        }
        let platt = LogisticRegression(l2: 0, maxIterations: 100).fit(samples: plattSamples, labels: plattLabels)
        let a = platt.weights.first ?? 1
        let b = platt.bias
        let probability = stacked.map { row in row.map { $0.isFinite ? LogisticFunction.sigmoid(a * $0 + b) : .nan } }

        // Bands by the model's rule.
        let (derived, perType) = Self.bands(probability: probability, labels: labels, contentType: contentType, evaluated: evaluated)
        let likelyAI = derived.likelyAI
        let cascadeInputs = evaluated.map { s in
            (0..<n).compactMap { i -> (handcrafted: Double, fused: Double)? in
                guard probability[i][s].isFinite, let h = handcraftedProbability[i][s] else { return nil }
                return (h, probability[i][s])
            }
        }
        let cascade = (refit && handcraftedBands != nil ? refitSummary?.thresholds : handcraftedBands).map { bands in
            Self.cascadeBand(slots: cascadeInputs, fusedBands: derived, handcraftedBands: bands)
        }

        // Metrics.
        var results: [FusedEvaluationReport.ConditionResult] = []
        for s in evaluated {
            guard case .condition(let condition) = slots[s] else { continue }
            let scored = (0..<n).filter { probability[$0][s].isFinite }
            let p = scored.map { probability[$0][s] }
            let y = scored.map { labels[$0] }
            let z = scored.map { stacked[$0][s] }
            func bandRates(_ t: DetectorModelFile.Thresholds) -> FusedEvaluationReport.BandRates {
                func share(_ members: [Int], _ test: (Double) -> Bool) -> Double {
                    members.isEmpty ? .nan : Double(members.count { test(probability[$0][s]) }) / Double(members.count)
                }
                let photos = scored.filter { contentType[$0] == "photo" }
                let nonPhotos = scored.filter { !labels[$0] && contentType[$0] != "photo" }
                let ai = scored.filter { labels[$0] }
                return .init(
                    realPhotosFlagged: share(photos) { $0 >= t.likelyAI }, nonPhotosFlagged: share(nonPhotos) { $0 >= t.likelyAI },
                    aiCaught: share(ai) { $0 >= t.likelyAI },
                    inconclusive: share(scored) { $0 < t.likelyAI && $0 > t.likelyAuthentic })
            }
            func rates(_ members: [Int], at band: Double = likelyAI, key: (Int) -> String) -> [String: FusedEvaluationReport.Rate] {
                var hits: [String: (Int, Int)] = [:]
                for i in members {
                    let old = hits[key(i)] ?? (0, 0)
                    hits[key(i)] = (old.0 + (probability[i][s] >= band ? 1 : 0), old.1 + 1)
                }
                return hits.mapValues { .init(value: Double($0.0) / Double($0.1), count: $0.1) }
            }
            let real = scored.filter { !labels[$0] }
            let ai = scored.filter { labels[$0] }
            results.append(
                .init(
                    condition: condition, count: scored.count, realCount: y.count { !$0 }, aiCount: y.count { $0 },
                    auc: BinaryMetrics.auc(scores: z, labels: y) ?? .nan,
                    probeAUC: BinaryMetrics.auc(scores: scored.map { probe[$0][s] }, labels: y) ?? .nan,
                    tprAt1FPR: BinaryMetrics.tpr(atFPR: 0.01, scores: z, labels: y) ?? .nan,
                    tprAt5FPR: BinaryMetrics.tpr(atFPR: 0.05, scores: z, labels: y) ?? .nan,
                    ece: BinaryMetrics.expectedCalibrationError(probabilities: p, labels: y),
                    derivedBands: bandRates(derived), shippedBands: bandRates(shipped), perTypeBands: bandRates(perType),
                    contentTypeFlagged: rates(real) { contentType[$0] },
                    familyCaught: rates(ai) { images[$0].family },
                    sourceFlagged: rates(real) { images[$0].source },
                    shippedContentTypeFlagged: rates(real, at: shipped.likelyAI) { contentType[$0] },
                    shippedFamilyCaught: rates(ai, at: shipped.likelyAI) { images[$0].family }))
        }
        var sizes: [FusedEvaluationReport.SizeRow] = []
        if let asIs = slots.firstIndex(of: .condition(.asIs)) {
            for (lo, hi) in [(0, 224), (224, 320), (320, 512), (512, 1024), (1024, Int.max)] {
                let members = (0..<n).filter { probability[$0][asIs].isFinite && inputs[$0].shortSide >= lo && inputs[$0].shortSide < hi }
                let real = members.filter { !labels[$0] }
                sizes.append(
                    .init(
                        range: "\(lo)–\(hi == Int.max ? "∞" : String(hi))"
                            + (hi <= minShortSide ? " (below min_short_side)" : lo < minShortSide ? " (min_short_side \(minShortSide) inside)" : ""),
                        count: members.count,
                        auc: BinaryMetrics.auc(scores: members.map { stacked[$0][asIs] }, labels: members.map { labels[$0] }) ?? .nan,
                        realFlagged: real.isEmpty ? .nan : Double(real.count { probability[$0][asIs] >= likelyAI }) / Double(real.count)))
            }
        }
        var report = FusedEvaluationReport(
            folds: k, seed: seed, splitSeed: split, images: n, trainedOn: slots.map(\.name), probeL2: probeL2s[0], probeL2s: probeL2s,
            probeFits: foldOutcomes.map(\.fit), probeBlocks: probeBlocks,
            stack: stack.weights + [stack.bias], platt: [a, b], derivedThresholds: derived, shippedThresholds: shipped,
            perTypeThreshold: perType.likelyAI, cascade: cascade,
            conditions: results, sizes: sizes, splits: [], skipped: skipped, forwardPasses: 0, featureSeconds: 0,
            fitSeconds: Self.seconds(since: start))
        report.cascadeInputs = cascadeInputs
        report.handcraftedRefit = refitSummary
        return report
    }

    /// The bands of the model's rule on `probability` (per image and slot, NaN where not scored) over
    /// the `evaluated` slots: `likely_ai` the lowest threshold that flags at most 3 % of real photos and
    /// 5 % of human-made non-photos in every condition (at least 0.5, at most 0.999), `likely_authentic`
    /// the highest that passes at most 5 % of AI images in every condition (at least 0.001, and 0.05
    /// below `likely_ai`); `perType` also keeps every human-made content type with at least
    /// ``perTypeMinimumCount`` images within 5 %.
    static func bands(
        probability: [[Double]], labels: [Bool], contentType: [String], evaluated: [Int]
    ) -> (derived: DetectorModelFile.Thresholds, perType: DetectorModelFile.Thresholds) {
        let n = labels.count
        var likelyAI = 0.0
        var likelyAuthentic = 1.0
        var perTypeLikelyAI = 0.0
        let largeNonPhotoTypes = Set(
            Dictionary(grouping: (0..<n).filter { !labels[$0] && contentType[$0] != "photo" }) { contentType[$0] }
                .filter { $0.value.count >= Self.perTypeMinimumCount }.keys)
        for s in evaluated {
            let scored = (0..<n).filter { probability[$0][s].isFinite }
            let photos = scored.filter { contentType[$0] == "photo" }.map { probability[$0][s] }
            let nonPhotos = scored.filter { !labels[$0] && contentType[$0] != "photo" }.map { probability[$0][s] }
            likelyAI = max(likelyAI, Self.minimumThreshold(photos, maxRate: 0.03), Self.minimumThreshold(nonPhotos, maxRate: 0.05))
            perTypeLikelyAI = max(perTypeLikelyAI, likelyAI)
            for type in largeNonPhotoTypes {
                let members = scored.filter { contentType[$0] == type }.map { probability[$0][s] }
                perTypeLikelyAI = max(perTypeLikelyAI, Self.minimumThreshold(members, maxRate: 0.05))
            }
            let ai = scored.filter { labels[$0] }.map { probability[$0][s] }.sorted()
            let allowed = Int((0.05 * Double(ai.count)).rounded(.down))
            if allowed < ai.count { likelyAuthentic = min(likelyAuthentic, ai[allowed].nextDown) }
        }
        likelyAI = min(max(likelyAI, 0.5), 0.999)
        likelyAuthentic = min(max(likelyAuthentic, 0.001), likelyAI - 0.05)
        return (
            DetectorModelFile.Thresholds(likelyAI: likelyAI, likelyAuthentic: likelyAuthentic),
            DetectorModelFile.Thresholds(likelyAI: min(max(perTypeLikelyAI, likelyAI), 0.999), likelyAuthentic: likelyAuthentic)
        )
    }

    /// Runs `body` for folds `0..<k`, `jobs` at a time, in fold order.
    static func foldResults<T: Sendable>(
        k: Int, jobs: Int, _ body: @escaping @Sendable (Int) throws(ReportError) -> T
    ) throws(ReportError) -> [T] {
        let results = Mutex<[Result<T, ReportError>?]>(Array(repeating: nil, count: k))
        let next = Mutex(0)
        DispatchQueue.concurrentPerform(iterations: max(1, min(jobs, k))) { _ in
            while true {
                let f = next.withLock { value in
                    defer { value += 1 }
                    return value
                }
                guard f < k else { return }
                let result = Result { () throws(ReportError) -> T in try body(f) }
                results.withLock { $0[f] = result }
            }
        }
        return try results.withLock { $0 }.map { (result) throws(ReportError) -> T in
            guard let result else { throw ReportError(code: "eval.internal", message: "a fold did not run") }
            return try result.get()
        }
    }

    /// ``itemWeights(_:shares:)`` with this evaluation's ``groupShares``.
    func itemWeights(_ images: [LabeledImage]) -> [Double] {
        Self.itemWeights(images, shares: groupShares, sourcePower: sourceWeightPower)
    }

    /// `1/(source size)^sourcePower` (default `1/√(source size)`), scaled so AI images, real photos and
    /// human-made non-photos carry `shares[0]`, `shares[1]` and `shares[2]` of the total (default 1/2,
    /// 1/4, 1/4), which is the number of images.
    static func itemWeights(
        _ images: [LabeledImage], shares: [Double] = [0.5, 0.25, 0.25], sourcePower: Double = 0.5
    ) -> [Double] {
        var size: [String: Int] = [:]
        for image in images { size[image.source, default: 0] += 1 }
        var weights = images.map { 1 / pow(Double(size[$0.source] ?? 1), sourcePower) }
        let group = images.map { EvaluationGroup($0).rawValue }
        for (g, share) in shares.prefix(3).enumerated() {
            let total = weights.indices.filter { group[$0] == g }.reduce(0.0) { $0 + weights[$1] }
            guard total > 0 else { continue }
            for i in weights.indices where group[i] == g { weights[i] *= share / total }
        }
        return weights.map { $0 * Double(images.count) }
    }

    /// A logistic fit whose weights are all ≥ 0: columns whose weight comes out negative are dropped
    /// (weight 0) and the rest refitted.
    static func nonNegativeFit(samples: [[Double]], labels: [Bool], weights: [Double]) -> (weights: [Double], bias: Double) {
        let columns = samples.first?.count ?? 0
        var active = Array(0..<columns)
        while true {
            let fit = LogisticRegression(l2: 1e-4, maxIterations: 100).fit(
                samples: samples.map { row in active.map { row[$0] } }, labels: labels, weights: weights)
            if let worst = active.indices.filter({ fit.weights[$0] < 0 }).min(by: { fit.weights[$0] < fit.weights[$1] }) {
                active.remove(at: worst)
                continue
            }
            var full = [Double](repeating: 0, count: columns)
            for (k, column) in active.enumerated() { full[column] = fit.weights[k] }
            return (full, fit.bias)
        }
    }

    /// Content types with at least this many real images get their own 5 % budget in the report's
    /// per-type band (``FusedEvaluationReport/perTypeThreshold``).
    static let perTypeMinimumCount = 30

    /// The cascade band of the model's rule: `--deep auto` skips the deep stage when the hand-crafted
    /// probability is below `skipBelow` or above `skipAbove`, and the hand-crafted verdict stands. The
    /// band is the narrowest on a 0.005 grid (each side chosen alone) where skipping changes at most
    /// 0.5 % of the verdicts in every condition; `rows` holds per condition the hand-crafted and fused
    /// probabilities of each image.
    static func cascadeBand(
        slots rows: [[(handcrafted: Double, fused: Double)]], fusedBands: DetectorModelFile.Thresholds,
        handcraftedBands: DetectorModelFile.Thresholds
    ) -> FusedEvaluationReport.CascadeBand {
        let fused = VerdictBand(lower: fusedBands.likelyAuthentic, upper: fusedBands.likelyAI)
        let handcrafted = VerdictBand(lower: handcraftedBands.likelyAuthentic, upper: handcraftedBands.likelyAI)
        let differs = rows.map { condition in
            condition.map { fused.verdict(for: $0.fused) != handcrafted.verdict(for: $0.handcrafted) }
        }
        func changed(_ below: Double, _ above: Double) -> [Double] {
            zip(rows, differs).map { condition, differ in
                guard !condition.isEmpty else { return 0 }
                let count = condition.indices.count { (condition[$0].handcrafted < below || condition[$0].handcrafted > above) && differ[$0] }
                return Double(count) / Double(condition.count)
            }
        }
        let grid = (0...200).map { Double($0) / 200 }
        let below = grid.last { changed($0, 1.01).allSatisfy { $0 <= 0.005 } } ?? 0
        let above = grid.first { changed(-0.01, $0).allSatisfy { $0 <= 0.005 } } ?? 1
        let skipped = rows.map { condition in
            condition.isEmpty ? 0 : Double(condition.count { $0.handcrafted < below || $0.handcrafted > above }) / Double(condition.count)
        }
        return .init(skipBelow: below, skipAbove: above, skipped: skipped, verdictsChanged: changed(below, above), fusedBands: fusedBands)
    }

    /// The smallest threshold `t` such that at most `maxRate` of `scores` are ≥ `t`.
    static func minimumThreshold(_ scores: [Double], maxRate: Double) -> Double {
        let sorted = scores.sorted()
        let allowed = Int((maxRate * Double(sorted.count)).rounded(.down))
        guard !sorted.isEmpty, allowed < sorted.count else { return 0 }
        return sorted[sorted.count - allowed - 1].nextUp
    }

    /// The probe blocks ``layerwiseProbes`` uses for `features`: one per listed tower block for class
    /// tokens, two per block (class token, patch mean) for token means, three (class token, patch mean,
    /// patch deviation) for token moments, one for the projected embedding.
    static func probeBlocks(_ features: TowerFeatures) -> Int {
        guard let (layers, patches) = features.blockReadout else { return 1 }
        return max(1, patches.rowsPerBlock * layers.count)
    }

    /// The probe blocks of a model's embedding: those of its features, once per concatenated view.
    static func probeBlocks(_ embedding: FusedDetectorFile.Embedding) -> Int {
        probeBlocks(embedding.features) * embedding.viewCombination.vectorCount(views: embedding.views)
    }

    /// One fold's out-of-fold logits `(image, slot, one logit per probe block)` and how its fits went.
    struct FoldOutcome: Sendable {
        var logits: [(Int, Int, [Double])]
        /// Out-of-fold logits of the refitted hand-crafted regression (image, slot, logit).
        var handcraftedLogits: [(Int, Int, Double)] = []
        var fit: FusedEvaluationReport.ProbeFit
    }

    /// One image under one slot.
    struct EvaluationRow: Sendable {
        var image: Int
        var slot: Int
    }
}
