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
///    `1/√(source size)` scaled so AI images, real photos and human-made non-photos carry 1/2, 1/4 and
///    1/4 of the weight) is trained on every slot of the other folds' images and scores the fold.
/// 3. One stack (probe logit and clamped hand-crafted logit, both weights kept ≥ 0) and one Platt map
///    are fitted on the pooled out-of-fold logits, as the shipped file's are. Rows of sources in
///    ``handcraftedInSampleSources`` are left out of the stack fit: the hand-crafted model was trained
///    on them, so its scores there are in-sample.
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
    /// The probe's L2 strength (the shipped model's λ).
    public var probeL2 = 0.03
    /// Platform-augmentation copies per image (training only).
    public var copies = 2
    /// Source splits to cross-validate (split seeds `seed + 1`, `seed + 2`, …). The report's tables
    /// come from the first; with more, it also lists every split's AUC and TPR, since which sources
    /// share a fold moves the pooled figures by about as much as the differences being measured.
    public var splits = 1
    /// Images processed at once.
    public var jobs = 2
    /// Sources the hand-crafted model was trained on.
    public var handcraftedInSampleSources: Set<String> = []
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
        let featureSeconds = Self.seconds(since: start)
        let inputs = computed.map { $0.inputs }
        var report = try crossValidate(
            images: images, inputs: inputs, slots: slots, shipped: deep.detector.file.thresholds,
            minShortSide: deep.detector.file.minShortSide)
        report.splits = [FusedEvaluationReport.Split(report)]
        for extra in 1..<max(1, splits) {
            let other = try crossValidate(
                images: images, inputs: inputs, slots: slots, shipped: deep.detector.file.thresholds,
                minShortSide: deep.detector.file.minShortSide, splitSeed: seed &+ 1 &+ UInt64(extra))
            report.splits.append(FusedEvaluationReport.Split(other))
            report.fitSeconds += other.fitSeconds
        }
        report.featureSeconds = featureSeconds
        report.forwardPasses = computed.reduce(0) { $0 + ($1.cached ? 0 : $1.inputs.features.count { $0 != nil }) }
        return report
    }

    static func seconds(since start: ContinuousClock.Instant) -> Double {
        let elapsed = ContinuousClock.now - start
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
    }

    /// Cross-validates precomputed inputs (one per image, slots in `slots` order) on the source split
    /// drawn with `splitSeed` (default `seed + 1`).
    public func crossValidate(
        images allImages: [LabeledImage], inputs allInputs: [FusedEvaluationInputs], slots: [FusedEvaluationSlot],
        shipped: DetectorModelFile.Thresholds, minShortSide: Int = 0, splitSeed: UInt64? = nil
    ) throws(ReportError) -> FusedEvaluationReport {
        let start = ContinuousClock.now
        var skipped: [String: String] = [:]
        var keep: [Int] = []
        for index in allImages.indices {
            let input = allInputs[index]
            if let error = input.error {
                skipped[allImages[index].path] = error
            } else if input.features.allSatisfy({ $0 == nil }) {
                skipped[allImages[index].path] = "no slot could be computed"
            } else {
                keep.append(index)
            }
        }
        let images = keep.map { allImages[$0] }
        let inputs = keep.map { allInputs[$0] }
        let n = images.count
        guard let width = inputs.lazy.flatMap({ $0.features }).compactMap({ $0?.count }).first, width > 0 else {
            throw ReportError(code: "eval.no_data", message: "no image has features")
        }
        let labels = images.map(\.isAI)
        guard labels.contains(true), labels.contains(false) else {
            throw ReportError(code: "eval.one_class", message: "cross-validation needs real and AI images")
        }
        let sourceCount = Set(images.map(\.source)).count
        let k = min(folds, sourceCount)
        guard k >= 2 else { throw ReportError(code: "eval.few_sources", message: "cross-validation needs at least two sources") }
        let split = splitSeed ?? (seed &+ 1)
        let fold = GroupedKFold.assignBalancingLabels(groups: images.map(\.source), labels: labels, folds: k, seed: split)
        let weights = Self.itemWeights(images)

        // Probe: out-of-fold logits per slot.
        var collected: [EvaluationRow] = []
        for i in 0..<n {
            for s in slots.indices where inputs[i].features[s]?.count == width { collected.append(EvaluationRow(image: i, slot: s)) }
        }
        let rows = collected
        let probeL2 = self.probeL2
        let foldOutcomes: [FoldOutcome] = try Self.foldResults(k: k, jobs: jobs) { (f: Int) throws(ReportError) in
            let train = rows.filter { fold[$0.image] != f }
            guard train.contains(where: { labels[$0.image] }), train.contains(where: { !labels[$0.image] }) else {
                throw ReportError(code: "eval.one_class", message: "fold \(f)'s training side has only one class")
            }
            var mean = [Double](repeating: 0, count: width)
            var square = [Double](repeating: 0, count: width)
            for row in train {
                guard let x = inputs[row.image].features[row.slot] else { continue }
                for j in 0..<width {
                    let v = Double(x[j])
                    mean[j] += v
                    square[j] += v * v
                }
            }
            let count = Double(train.count)
            var scale = [Double](repeating: 1, count: width)
            for j in 0..<width {
                mean[j] /= count
                scale[j] = 1 / ((max(0, square[j] / count - mean[j] * mean[j])).squareRoot() + 1e-6)
            }
            var values = [Float](repeating: 0, count: train.count * width)
            for (r, row) in train.enumerated() {
                guard let x = inputs[row.image].features[row.slot] else { continue }
                for j in 0..<width { values[r * width + j] = Float((Double(x[j]) - mean[j]) * scale[j]) }
            }
            let fit = LBFGSLogisticRegression(l2: probeL2).fit(
                .init(values: values, rows: train.count, columns: width), labels: train.map { labels[$0.image] },
                sampleWeights: train.map { weights[$0.image] })
            let logits = rows.filter { fold[$0.image] == f }.compactMap { row -> (Int, Int, Double)? in
                guard let x = inputs[row.image].features[row.slot] else { return nil }
                var z = fit.bias
                for j in 0..<width { z += fit.weights[j] * (Double(x[j]) - mean[j]) * scale[j] }
                return (row.image, row.slot, z)
            }
            return FoldOutcome(
                logits: logits,
                fit: .init(iterations: fit.iterations, converged: fit.converged, largestGradient: fit.largestGradient))
        }
        var probe = [[Double]](repeating: [Double](repeating: .nan, count: slots.count), count: n)
        for (i, s, z) in foldOutcomes.flatMap(\.logits) { probe[i][s] = z }

        // Stack (non-negative weights) and Platt on the pooled out-of-fold logits.
        func handcraftedLogit(_ i: Int, _ s: Int) -> Double {
            FusedDetector.handcraftedLogit(inputs[i].handcrafted[s] ?? 0.5)
        }
        var stackSamples: [[Double]] = []
        var stackLabels: [Bool] = []
        var stackWeights: [Double] = []
        for i in 0..<n where !handcraftedInSampleSources.contains(images[i].source) {
            for s in slots.indices where probe[i][s].isFinite && inputs[i].handcrafted[s] != nil {
                stackSamples.append([probe[i][s], handcraftedLogit(i, s)])
                stackLabels.append(labels[i])
                stackWeights.append(weights[i])
            }
        }
        let stack = Self.nonNegativeFit(samples: stackSamples, labels: stackLabels, weights: stackWeights)
        let evaluated = slots.indices.filter { slots[$0].isEvaluated }
        var stacked = probe
        for i in 0..<n {
            for s in slots.indices where probe[i][s].isFinite {
                stacked[i][s] = stack.weights[0] * probe[i][s] + stack.weights[1] * handcraftedLogit(i, s) + stack.bias
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
        let contentType = images.map { $0.isAI ? "ai" : ($0.family == "real" ? "photo" : $0.family) }
        var likelyAI = 0.0
        var likelyAuthentic = 1.0
        for s in evaluated {
            let scored = (0..<n).filter { probability[$0][s].isFinite }
            let photos = scored.filter { contentType[$0] == "photo" }.map { probability[$0][s] }
            let nonPhotos = scored.filter { !labels[$0] && contentType[$0] != "photo" }.map { probability[$0][s] }
            likelyAI = max(likelyAI, Self.minimumThreshold(photos, maxRate: 0.03), Self.minimumThreshold(nonPhotos, maxRate: 0.05))
            let ai = scored.filter { labels[$0] }.map { probability[$0][s] }.sorted()
            let allowed = Int((0.05 * Double(ai.count)).rounded(.down))
            if allowed < ai.count { likelyAuthentic = min(likelyAuthentic, ai[allowed].nextDown) }
        }
        likelyAI = min(max(likelyAI, 0.5), 0.999)
        likelyAuthentic = min(max(likelyAuthentic, 0.001), likelyAI - 0.05)
        let derived = DetectorModelFile.Thresholds(likelyAI: likelyAI, likelyAuthentic: likelyAuthentic)

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
            func rates(_ members: [Int], key: (Int) -> String) -> [String: FusedEvaluationReport.Rate] {
                var hits: [String: (Int, Int)] = [:]
                for i in members {
                    let old = hits[key(i)] ?? (0, 0)
                    hits[key(i)] = (old.0 + (probability[i][s] >= likelyAI ? 1 : 0), old.1 + 1)
                }
                return hits.mapValues { .init(value: Double($0.0) / Double($0.1), count: $0.1) }
            }
            let real = scored.filter { !labels[$0] }
            results.append(
                .init(
                    condition: condition, count: scored.count, realCount: y.count { !$0 }, aiCount: y.count { $0 },
                    auc: BinaryMetrics.auc(scores: z, labels: y) ?? .nan,
                    probeAUC: BinaryMetrics.auc(scores: scored.map { probe[$0][s] }, labels: y) ?? .nan,
                    tprAt1FPR: BinaryMetrics.tpr(atFPR: 0.01, scores: z, labels: y) ?? .nan,
                    tprAt5FPR: BinaryMetrics.tpr(atFPR: 0.05, scores: z, labels: y) ?? .nan,
                    ece: BinaryMetrics.expectedCalibrationError(probabilities: p, labels: y),
                    derivedBands: bandRates(derived), shippedBands: bandRates(shipped),
                    contentTypeFlagged: rates(real) { contentType[$0] },
                    familyCaught: rates(scored.filter { labels[$0] }) { images[$0].family },
                    sourceFlagged: rates(real) { images[$0].source }))
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
        return FusedEvaluationReport(
            folds: k, seed: seed, splitSeed: split, images: n, trainedOn: slots.map(\.name), probeL2: probeL2,
            probeFits: foldOutcomes.map(\.fit),
            stack: stack.weights + [stack.bias], platt: [a, b], derivedThresholds: derived, shippedThresholds: shipped,
            conditions: results, sizes: sizes, splits: [], skipped: skipped, forwardPasses: 0, featureSeconds: 0,
            fitSeconds: Self.seconds(since: start))
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

    /// `1/√(source size)`, scaled so AI images, real photos and human-made non-photos carry 1/2, 1/4
    /// and 1/4 of the total, which is the number of images.
    static func itemWeights(_ images: [LabeledImage]) -> [Double] {
        var size: [String: Int] = [:]
        for image in images { size[image.source, default: 0] += 1 }
        var weights = images.map { 1 / Double(size[$0.source] ?? 1).squareRoot() }
        let group = images.map { $0.isAI ? 0 : ($0.family == "real" ? 1 : 2) }
        for (g, share) in [(0, 0.5), (1, 0.25), (2, 0.25)] {
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

    /// The smallest threshold `t` such that at most `maxRate` of `scores` are ≥ `t`.
    static func minimumThreshold(_ scores: [Double], maxRate: Double) -> Double {
        let sorted = scores.sorted()
        let allowed = Int((maxRate * Double(sorted.count)).rounded(.down))
        guard !sorted.isEmpty, allowed < sorted.count else { return 0 }
        return sorted[sorted.count - allowed - 1].nextUp
    }

    /// One fold's out-of-fold probe logits `(image, slot, logit)` and how its probe fit went.
    struct FoldOutcome: Sendable {
        var logits: [(Int, Int, Double)]
        var fit: FusedEvaluationReport.ProbeFit
    }

    /// One image under one slot.
    struct EvaluationRow: Sendable {
        var image: Int
        var slot: Int
    }
}
