import DeepFeatures
import Forensics
import Foundation
import Testing

@testable import Provenant

/// The native cross-validation of the fused detector on synthetic inputs (no tower), and its cache.
@Suite struct FusedEvaluationTests {
    /// 10 sources of 20 images: 4 AI (families a and b), 3 photo sources, 3 human-made non-photo
    /// sources (illustration, painting). Feature 0 is the signal (AI +1, real −1, unit noise), features
    /// 1–5 are noise, and any beyond 6 are constant 0.
    static func dataset(slots: Int, width: Int = 6) -> ([LabeledImage], [FusedEvaluationInputs]) {
        var rng = SplitMix64(seed: 11)
        var images: [LabeledImage] = []
        var inputs: [FusedEvaluationInputs] = []
        func gaussian() -> Double {
            let u = max(1e-12, rng.nextUnit())
            return (-2 * Foundation.log(u)).squareRoot() * cos(2 * Double.pi * rng.nextUnit())
        }
        let sources: [(String, Bool, String)] = [
            ("ai/1", true, "a"), ("ai/2", true, "a"), ("ai/3", true, "b"), ("ai/4", true, "b"),
            ("cam/1", false, "real"), ("cam/2", false, "real"), ("cam/3", false, "real"),
            ("art/1", false, "illustration"), ("art/2", false, "illustration"), ("art/3", false, "painting"),
        ]
        for (source, isAI, family) in sources {
            for k in 0..<20 {
                images.append(LabeledImage(path: "/\(source)/\(k).png", isAI: isAI, source: source, family: family))
                let base = (0..<width).map { j in j >= 6 ? 0 : (j == 0 ? (isAI ? 1.0 : -1.0) : 0) + gaussian() }
                let features: [[Float]?] = (0..<slots).map { _ in
                    base.indices.map { j in j >= 6 ? 0 : Float(base[j] + 0.1 * gaussian()) }
                }
                inputs.append(
                    FusedEvaluationInputs(
                        features: features, handcrafted: [Double?](repeating: 0.5, count: slots),
                        shortSide: 200 + 40 * k, error: nil))
            }
        }
        images.append(LabeledImage(path: "/broken.png", isAI: true, source: "ai/1", family: "a"))
        inputs.append(.failed("decode.corrupt: bad data", slots: slots))
        return (images, inputs)
    }

    /// A version 1 model file on the 512-value embedding, all-zero probe: the embedding record a
    /// trained file copies (`trainModel`'s `template`).
    static let template512: FusedDetectorFile = {
        let zeros = [Double](repeating: 0, count: 512)
        return FusedDetectorFile(
            modelVersion: "template",
            embedding: .init(weightsFile: "w.pvw", weightsSHA256: String(repeating: "ab", count: 32), dim: 512, views: [.resize224],
                             features: .projectedEmbedding, writesFeatures: false),
            probe: .init(mean: zeros, std: zeros.map { _ in 1 }, weights: zeros, bias: 0),
            stack: .init(weights: [1, 0], bias: 0), calibration: .init(a: 1, b: 0),
            thresholds: .init(likelyAI: 0.9, likelyAuthentic: 0.1), cascade: .init(skipBelow: 0, skipAbove: 1), minShortSide: 0,
            sha256: DeepStage.sha256Hex)
    }()

    /// The synthetic data set with 512 features (the width of the projected embedding a model file
    /// must have; 506 constant), one augmented copy, cross-validated with `probeBlocks` probe blocks and
    /// hand-crafted bands 0.8 / 0.2.
    static func report512(probeBlocks: Int, probeL2s: [Double] = [0.03]) throws -> (
        slots: [FusedEvaluationSlot], images: [LabeledImage], inputs: [FusedEvaluationInputs], evaluation: FusedEvaluation,
        report: FusedEvaluationReport
    ) {
        let slots = FusedEvaluationSlot.all(copies: 1)
        let (images, inputs) = dataset(slots: slots.count, width: 512)
        var evaluation = FusedEvaluation()
        evaluation.probeL2s = probeL2s
        let report = try evaluation.crossValidate(
            images: images, inputs: inputs, slots: slots, shipped: .init(likelyAI: 0.9, likelyAuthentic: 0.1),
            handcraftedBands: .init(likelyAI: 0.8, likelyAuthentic: 0.2), probeBlocks: probeBlocks)
        return (slots, images, inputs, evaluation, report)
    }

    /// The two 256-column block probes of ``report512``'s data fitted directly on every usable row, at
    /// each of `evaluation`'s L2 strengths (`[block][strength]`), with the usable inputs.
    static func blockProbes512(
        slots: [FusedEvaluationSlot], images: [LabeledImage], inputs: [FusedEvaluationInputs], evaluation: FusedEvaluation
    ) -> (usableInputs: [FusedEvaluationInputs], byBlock: [[FusedEvaluation.ProbeParameters]]) {
        let (usableImages, usableInputs, _) = FusedEvaluation.usable(images, inputs)
        let rows = usableImages.indices.flatMap { i in slots.indices.map { FusedEvaluation.EvaluationRow(image: i, slot: $0) } }
        let weights = evaluation.itemWeights(usableImages)
        let byBlock = (0..<2).map { b in
            FusedEvaluation.fitProbes(
                rows: rows, inputs: usableInputs, labels: usableImages.map(\.isAI), weights: weights,
                columns: b * 256..<(b + 1) * 256, l2s: evaluation.probeL2s)
        }
        return (usableInputs, byBlock)
    }

    @Test func crossValidatesAndKeepsTheBandRuleInEveryCondition() throws {
        let slots = FusedEvaluationSlot.all(copies: 1)
        let (images, inputs) = Self.dataset(slots: slots.count)
        var evaluation = FusedEvaluation()
        evaluation.folds = 5
        let shipped = DetectorModelFile.Thresholds(likelyAI: 0.9, likelyAuthentic: 0.1)
        let report = try evaluation.crossValidate(images: images, inputs: inputs, slots: slots, shipped: shipped, minShortSide: 256)
        #expect(report.images == 200)
        #expect(report.skipped == ["/broken.png": "decode.corrupt: bad data"])
        #expect(report.trainedOn == ["as_is", "crop512_jpeg90", "downscale512_jpeg75", "webp_social", "platform_copy_1"])
        #expect(report.conditions.map(\.condition) == [.asIs, .crop512JPEG90, .downscale512JPEG75, .webpSocial])
        for result in report.conditions {
            #expect(result.count == 200 && result.realCount == 120 && result.aiCount == 80)
            #expect(result.auc > 0.85 && result.auc < 1)
            #expect(result.derivedBands.realPhotosFlagged <= 0.03)
            #expect(result.derivedBands.nonPhotosFlagged <= 0.05)
            // The stricter per-type band never flags more.
            #expect(result.perTypeBands.nonPhotosFlagged <= result.derivedBands.nonPhotosFlagged)
            #expect(result.perTypeBands.aiCaught <= result.derivedBands.aiCaught)
            #expect(Set(result.contentTypeFlagged.keys) == ["photo", "illustration", "painting"])
            #expect(result.familyCaught["a"]?.count == 40)
            #expect(result.sourceFlagged.count == 6)
            // The per-group tables at the shipped band add up to the shipped band's rates.
            func pooled(_ rates: [String: FusedEvaluationReport.Rate], _ keys: Set<String>? = nil) -> Double {
                let members = rates.filter { keys?.contains($0.key) ?? true }.values
                let hits = members.map { $0.value * Double($0.count) }.reduce(0, +)
                return hits / Double(members.map(\.count).reduce(0, +))
            }
            #expect(Set(result.shippedContentTypeFlagged.keys) == ["photo", "illustration", "painting"])
            #expect(abs(pooled(result.shippedFamilyCaught) - result.shippedBands.aiCaught) < 1e-12)
            #expect(abs(pooled(result.shippedContentTypeFlagged, ["illustration", "painting"]) - result.shippedBands.nonPhotosFlagged) < 1e-12)
            #expect(abs(pooled(result.familyCaught) - result.derivedBands.aiCaught) < 1e-12)
        }
        #expect(report.derivedThresholds.likelyAI >= 0.5 && report.derivedThresholds.likelyAI <= 0.999)
        #expect(report.derivedThresholds.likelyAuthentic < report.derivedThresholds.likelyAI)
        #expect(report.shippedThresholds == shipped)
        #expect(report.perTypeThreshold >= report.derivedThresholds.likelyAI)
        // The hand-crafted input is constant (0.5): it gets no weight.
        #expect(report.stack[1] == 0)
        #expect(report.sizes.first?.range == "0–224 (below min_short_side)" && report.sizes.first?.count == 10)
        // Deterministic.
        let again = try evaluation.crossValidate(images: images, inputs: inputs, slots: slots, shipped: shipped, minShortSide: 256)
        #expect(again.conditions.map(\.auc) == report.conditions.map(\.auc))
        #expect(report.markdown().contains("| as-is pixels | 200 (120/80) |"))
        #expect(report.derivedThresholds.likelyAI != 0.9)
        #expect(report.markdown().contains("AI images caught likely_ai, per generator family, at the shipped model's band (0.900):"))
    }

    /// The whole path on real files: decode, conditions, the shipped tower and models, the cache.
    @Test func runsOnFilesAndReusesItsCache() async throws {
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let samples = repository.appendingPathComponent("Samples").path
        let files: [(String, Bool, String)] = [
            ("jpeg/baseline-exif.jpg", true, "ai/a"), ("jpeg/progressive.jpg", true, "ai/a"), ("webp/lossy.webp", true, "ai/b"),
            ("photo/lake-scene.jpg", false, "cam/c"), ("jpeg/subsampled-420.jpg", false, "cam/c"),
            ("png/text-chunks.png", false, "cam/d"), ("missing.png", false, "cam/d"),
        ]
        let images = files.map { LabeledImage(path: samples + "/" + $0.0, isAI: $0.1, source: $0.2, family: $0.1 ? "x" : "real") }
        let cache = FileManager.default.temporaryDirectory.appendingPathComponent("pv-fused-run-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: cache) }
        var evaluation = FusedEvaluation()
        evaluation.folds = 2
        evaluation.copies = 1
        evaluation.cacheDirectory = cache.path
        let configuration = AnalyzerConfiguration(
            modelPath: repository.appendingPathComponent("Models/provenant-detector-v1.json").path,
            deepModelPath: repository.appendingPathComponent("Models/provenant-detector-v2.json").path)
        let first = try await evaluation.run(images: images, configuration: configuration)
        #expect(first.images == 6 && first.folds == 2)
        #expect(first.skipped.keys.sorted() == [samples + "/missing.png"])
        #expect(first.forwardPasses == 2 * 6 * 5)  // two views (the shipped file concatenates them), five slots
        #expect(first.conditions.allSatisfy { $0.count == 6 && $0.realCount == 3 })
        #expect(first.conditions.allSatisfy { $0.auc.isFinite && $0.ece.isFinite })
        // The second run reads every input from the cache and gives the same numbers.
        evaluation.splits = 2
        let (second, model) = try await evaluation.runAndTrain(images: images, configuration: configuration, modelVersion: "test-native")
        #expect(second.forwardPasses == 0)
        // The trained file keeps the shipped embedding record, carries the report's fits, and reads back.
        // The model file alone (not the 90 MB weights again: tests share one process's memory).
        let shippedFile = try FusedDetectorFile.decode(
            [UInt8](try Data(contentsOf: URL(fileURLWithPath: configuration.deepModelPath ?? ""))), sha256: DeepStage.sha256Hex)
        #expect(model.embedding == shippedFile.embedding && model.modelVersion == "test-native")
        // One probe per view, block and kind (the shipped token moments of all 12 blocks: class token,
        // patch mean and patch deviation, of each of its two views), summed into the file's probe with the
        // stack's weights; the file's stack keeps the hand-crafted weight and the bias.
        #expect(shippedFile.embedding.features == .tokenMoments(layers: Array(0..<12)))
        #expect(shippedFile.embedding.views == [.resize224, .nativeCrops(count: 1)] && shippedFile.embedding.viewCombination == .concatenate)
        #expect(second.probeBlocks == 72 && second.stack.count == 74)
        // Bands: the strictest any split derived (the default rule); the first split's are among them.
        #expect(second.splits.first?.derivedThresholds == second.derivedThresholds)
        let strictest = try #require(FusedEvaluationReport.strictest(second.splits.map(\.derivedThresholds)))
        #expect(model.thresholds == strictest && model.stack.weights == [1, second.stack[72]])
        // The cascade band is derived where the file's bands are, on the first split's probabilities.
        #expect(first.cascade?.fusedBands == first.derivedThresholds && second.cascade?.fusedBands == strictest)
        #expect(model.cascade.skipBelow == second.cascade?.skipBelow && model.cascade.skipAbove == second.cascade?.skipAbove)
        #expect(second.cascadeInputs.map(\.count) == first.cascadeInputs.map(\.count) && second.cascadeInputs.count == 4)
        #expect(model.stack.bias == second.stack[73])
        #expect(try FusedDetectorFile.decode(try model.encodedJSON(training: ["note": "x"]), sha256: DeepStage.sha256Hex) == model)
        #expect(second.splits.map(\.splitSeed) == [2, 3] && second.splitSeed == 2)
        #expect(second.splits.first?.auc == first.conditions.map(\.auc))
        #expect(second.conditions.map(\.auc) == first.conditions.map(\.auc))
        #expect(second.derivedThresholds == first.derivedThresholds)
        // A later run can start at the second split's seed and reproduce it alone.
        evaluation.splits = 1
        evaluation.firstSplitSeed = 3
        let third = try await evaluation.run(images: images, configuration: configuration)
        #expect(third.splitSeed == 3 && third.splits.map(\.splitSeed) == [3])
        #expect(third.conditions.map(\.auc) == second.splits.last?.auc)
        #expect(third.derivedThresholds == second.splits.last?.derivedThresholds)
        // Refitting the hand-crafted detector: its features of every version are cached in their own
        // folder (one file per readable image), the trained pair is pinned, and a second run reads the
        // features back to the same figures.
        evaluation.refitHandcrafted = true
        evaluation.firstSplitSeed = nil
        let refit = try await evaluation.runAndTrainBoth(images: images, configuration: configuration, modelVersion: "test-refit")
        let handcrafted = try #require(refit.handcrafted)
        #expect(refit.report.handcraftedRefit != nil && refit.report.forwardPasses == 0)
        #expect(refit.model.version == 4 && refit.model.stack.handcraftedModelSHA256 == handcrafted.checksum.value)
        #expect(try DetectorModel(file: handcrafted).file.features == .v1)
        let folders = try FileManager.default.contentsOfDirectory(atPath: cache.path).filter { $0.hasPrefix("hc-") }
        #expect(folders.count == 1)
        let cached = try FileManager.default.contentsOfDirectory(atPath: cache.path + "/" + (folders.first ?? ""))
        #expect(cached.count == 6)
        let again = try await evaluation.run(images: images, configuration: configuration)
        #expect(again.handcraftedRefit?.auc == refit.report.handcraftedRefit?.auc)
        #expect(again.conditions.map(\.auc) == refit.report.conditions.map(\.auc))
    }

    /// A model that concatenates a second view (format version 3, the shipped file) caches each view
    /// where a one-view model would: the resized view's inputs come from a one-view run's cache, only
    /// the native crop's forward passes are new, and the trained file keeps both views with one probe
    /// block set each.
    @Test func aSecondViewReusesTheFirstViewsCache() async throws {
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let samples = repository.appendingPathComponent("Samples").path
        let files: [(String, Bool, String)] = [
            ("jpeg/baseline-exif.jpg", true, "ai/a"), ("webp/lossy.webp", true, "ai/b"),
            ("photo/lake-scene.jpg", false, "cam/c"), ("png/text-chunks.png", false, "cam/d"),
        ]
        let images = files.map { LabeledImage(path: samples + "/" + $0.0, isAI: $0.1, source: $0.2, family: $0.1 ? "x" : "real") }
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("pv-two-views-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let models = repository.appendingPathComponent("Models")
        let shippedPath = models.appendingPathComponent("provenant-detector-v2.json").path
        let shipped = try FusedDetectorFile.decode([UInt8](try Data(contentsOf: URL(fileURLWithPath: shippedPath))), sha256: DeepStage.sha256Hex)
        // A one-view template (the shipped file's resized view and the first half of its probe), next to a
        // link to the shipped weights.
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(
            atPath: scratch.appendingPathComponent(shipped.embedding.weightsFile).path,
            withDestinationPath: models.appendingPathComponent(shipped.embedding.weightsFile).path)
        let e = shipped.embedding
        #expect(e.views == [.resize224, .nativeCrops(count: 1)] && e.viewCombination == .concatenate)
        let half = e.dim / 2
        let template = FusedDetectorFile(
            modelVersion: "test-one-view",
            embedding: .init(weightsFile: e.weightsFile, weightsSHA256: e.weightsSHA256, dim: half, views: [.resize224], features: e.features),
            probe: .init(mean: Array(shipped.probe.mean.prefix(half)), std: Array(shipped.probe.std.prefix(half)),
                         weights: Array(shipped.probe.weights.prefix(half)), bias: shipped.probe.bias),
            stack: shipped.stack, calibration: shipped.calibration, thresholds: shipped.thresholds, cascade: shipped.cascade,
            minShortSide: shipped.minShortSide, sha256: DeepStage.sha256Hex)
        #expect(template.version == 2)
        let oneViewPath = scratch.appendingPathComponent("one-view.json").path
        try Data(try template.encodedJSON(training: Optional<String>.none)).write(to: URL(fileURLWithPath: oneViewPath))
        let templatePath = shippedPath

        var evaluation = FusedEvaluation()
        evaluation.folds = 2
        evaluation.copies = 1
        evaluation.cacheDirectory = scratch.appendingPathComponent("cache").path
        let v1 = repository.appendingPathComponent("Models/provenant-detector-v1.json").path
        let one = try await evaluation.run(images: images, configuration: AnalyzerConfiguration(modelPath: v1, deepModelPath: oneViewPath))
        #expect(one.forwardPasses == 4 * 5 && one.probeBlocks == 36)
        let (two, model) = try await evaluation.runAndTrain(
            images: images, configuration: AnalyzerConfiguration(modelPath: v1, deepModelPath: templatePath), modelVersion: "test-two-views")
        #expect(two.forwardPasses == 4 * 5)  // the native crops only
        // Without the cache both views are computed.
        var uncached = evaluation
        uncached.cacheDirectory = nil
        let fresh = try await uncached.run(images: images, configuration: AnalyzerConfiguration(modelPath: v1, deepModelPath: templatePath))
        #expect(fresh.forwardPasses == 2 * 4 * 5 && fresh.conditions.map(\.auc) == two.conditions.map(\.auc))
        #expect(two.probeBlocks == 72 && two.stack.count == 74)
        #expect(try FileManager.default.contentsOfDirectory(atPath: evaluation.cacheDirectory ?? "").count == 2)
        #expect(model.version == 3 && model.embedding == e && model.probe.weights.count == e.dim)
        #expect(try FusedDetectorFile.decode(try model.encodedJSON(training: ["note": "x"]), sha256: DeepStage.sha256Hex) == model)
        let again = try await evaluation.run(images: images, configuration: AnalyzerConfiguration(modelPath: v1, deepModelPath: templatePath))
        #expect(again.forwardPasses == 0 && again.conditions.map(\.auc) == two.conditions.map(\.auc))
    }

    /// The hand-crafted detector refitted in every fold: its out-of-fold logit, Platt-calibrated,
    /// enters the stack, and the model file trained from the report computes the regression fitted on
    /// every row, with the report's Platt map and bands.
    @Test func refitsTheHandcraftedDetectorOutOfFoldAndWritesItsModelFile() throws {
        let slots = FusedEvaluationSlot.all(copies: 1)
        var (images, inputs) = Self.dataset(slots: slots.count, width: 512)
        // The v1 spec's 290 features; feature 0 a second signal, independent of the tower's (AI +1,
        // real −1, uniform noise of width 3), the rest constant.
        let width = try #require(FeatureSpec.v1.dimension)
        var rng = SplitMix64(seed: 5)
        for i in inputs.indices where inputs[i].error == nil {
            inputs[i].handcraftedFeatures = slots.map { _ in
                let signal = (images[i].isAI ? 1.0 : -1.0) + 3 * (rng.nextUnit() - 0.5)
                return (0..<width).map { $0 == 0 ? Float(signal) : 0 }
            }
        }
        var evaluation = FusedEvaluation()
        evaluation.refitHandcrafted = true
        evaluation.handcraftedL2 = 0.1
        let report = try evaluation.crossValidate(
            images: images, inputs: inputs, slots: slots, shipped: .init(likelyAI: 0.9, likelyAuthentic: 0.1),
            handcraftedBands: .init(likelyAI: 0.8, likelyAuthentic: 0.2))
        let refit = try #require(report.handcraftedRefit)
        #expect(refit.l2 == 0.1 && refit.platt.count == 2 && refit.platt[0] > 0)
        // Overlap 1/18 of the pairs: AUC about 0.94 in each condition.
        #expect(refit.auc.count == 4 && refit.auc.allSatisfy { $0 > 0.88 && $0 < 0.99 })
        #expect(report.stack[report.stack.count - 2] > 0)
        #expect(report.handcraftedModelThresholds == refit.thresholds && report.cascade != nil)
        // Without the flag the loaded model's probabilities (0.5 here) stand and nothing is refitted.
        var plain = evaluation
        plain.refitHandcrafted = false
        #expect(try plain.crossValidate(
            images: images, inputs: inputs, slots: slots, shipped: .init(likelyAI: 0.9, likelyAuthentic: 0.1)).handcraftedRefit == nil)

        let file = try evaluation.trainHandcraftedModel(
            images: images, inputs: inputs, report: report, features: .v1, modelVersion: "refit")
        #expect(file.modelVersion == "refit" && file.thresholds == refit.thresholds)
        #expect(file.calibration.a == refit.platt[0] && file.calibration.b == refit.platt[1])
        #expect(file.training.l2 == 0.1 && file.training.copies == 1 && file.training.realImages == 120)
        let model = try DetectorModel(file: file)
        let (usableImages, usableInputs, _) = FusedEvaluation.usable(images, inputs)
        var rows: [FusedEvaluation.EvaluationRow] = []
        for i in usableImages.indices { for s in slots.indices { rows.append(.init(image: i, slot: s)) } }
        let direct = try #require(FusedEvaluation.fitProbes(
            rows: rows, inputs: usableInputs, labels: usableImages.map(\.isAI), weights: evaluation.itemWeights(usableImages),
            columns: 0..<width, l2s: [0.1], vectors: \.handcraftedFeatures).first)
        for i in [0, 50, 150] {
            let x = try #require(usableInputs[i].handcraftedFeatures[0])
            #expect(abs(model.logit(features: x.map(Double.init)) - direct.logit(x)) < 1e-9)
        }
        #expect(file.classifier.weights[0] > 0 && file.classifier.weights.dropFirst().allSatisfy { $0 == 0 })
    }

    /// The bands rule's arithmetic: the highest `likely_ai` and the lowest `likely_authentic` of any split.
    @Test func strictestBandsTakeEachSideFromTheSplitThatNeedsIt() {
        let bands: [DetectorModelFile.Thresholds] = [
            .init(likelyAI: 0.885, likelyAuthentic: 0.184), .init(likelyAI: 0.907, likelyAuthentic: 0.187),
            .init(likelyAI: 0.9, likelyAuthentic: 0.15),
        ]
        #expect(FusedEvaluationReport.strictest(bands) == .init(likelyAI: 0.907, likelyAuthentic: 0.15))
        #expect(FusedEvaluationReport.strictest(Array(bands.prefix(1))) == bands[0])
        #expect(FusedEvaluationReport.strictest([]) == nil)
    }

    /// The model file of the recipe: a probe on every slot, the report's stack, Platt map, bands and
    /// cascade, the size rule, and a checksum that survives writing and reading.
    @Test func trainsAModelFileFromTheReport() throws {
        let (slots, images, inputs, evaluation, report) = try Self.report512(probeBlocks: 1)
        let cascade = try #require(report.cascade)
        // The hand-crafted probability is always 0.5 (inconclusive), and the fused model decides most
        // images: skipping would change their verdicts, so the band closes on 0.5 and skips nothing.
        #expect(cascade.skipBelow == 0.5 && cascade.skipAbove == 0.5 && cascade.skipped == [0, 0, 0, 0])
        let template = Self.template512
        let model = try evaluation.trainModel(
            images: images, inputs: inputs, slots: slots, report: report, template: template, modelVersion: "synthetic")
        #expect(model.version == 1 && model.modelVersion == "synthetic" && model.embedding == template.embedding)
        #expect(model.thresholds == report.derivedThresholds && model.calibration.a == report.platt[0])
        #expect(model.cascade.skipBelow == 0.5 && model.cascade.skipAbove == 0.5)
        // With a second split whose derived bands are stricter on both sides, the default rule takes its
        // bands and `.firstSplit` keeps the first split's; nothing else in the file changes.
        var twoSplits = report
        var stricter = FusedEvaluationReport.Split(report)
        stricter.splitSeed = report.splitSeed + 1
        stricter.derivedThresholds = .init(
            likelyAI: (report.derivedThresholds.likelyAI + 1) / 2, likelyAuthentic: report.derivedThresholds.likelyAuthentic / 2)
        twoSplits.splits = [FusedEvaluationReport.Split(report), stricter]
        let strict = try evaluation.trainModel(
            images: images, inputs: inputs, slots: slots, report: twoSplits, template: template, modelVersion: "synthetic")
        #expect(strict.thresholds == stricter.derivedThresholds && strict.probe == model.probe)
        var firstSplitRule = evaluation
        firstSplitRule.bandRule = .firstSplit
        let first = try firstSplitRule.trainModel(
            images: images, inputs: inputs, slots: slots, report: twoSplits, template: template, modelVersion: "synthetic")
        #expect(first == model)
        // The per-type rule raises `likely_ai` to the highest per-type band of any split and keeps the
        // group rule's `likely_authentic`; where no split's per-type band is higher it is the group rule.
        var perTypeSplits = twoSplits
        perTypeSplits.perTypeThreshold = report.derivedThresholds.likelyAI
        perTypeSplits.splits[0].perTypeThreshold = report.derivedThresholds.likelyAI
        perTypeSplits.splits[1].perTypeThreshold = (stricter.derivedThresholds.likelyAI + 1) / 2
        #expect(perTypeSplits.modelThresholds(.strictestPerType) == .init(
            likelyAI: (stricter.derivedThresholds.likelyAI + 1) / 2, likelyAuthentic: stricter.derivedThresholds.likelyAuthentic))
        perTypeSplits.splits[1].perTypeThreshold = stricter.derivedThresholds.likelyAI - 0.01
        #expect(perTypeSplits.modelThresholds(.strictestPerType) == stricter.derivedThresholds)
        // Short sides 200, 240, …, 960 (10 images each): the 5th percentile is 200, below the 224 floor.
        #expect(model.minShortSide == 224)
        // Feature 0 carries the signal.
        let largestOther = model.probe.weights.dropFirst().map(abs).max() ?? 0
        #expect(model.probe.weights[0] > 0 && model.probe.weights[0] > 3 * largestOther)
        let detector = FusedDetector(file: model)
        let ai = detector.probability(features: [3] + [Float](repeating: 0, count: 511), handcraftedProbability: 0.5).probability
        let real = detector.probability(features: [-3] + [Float](repeating: 0, count: 511), handcraftedProbability: 0.5).probability
        #expect(ai > model.thresholds.likelyAI && real < model.thresholds.likelyAuthentic)
        let bytes = try model.encodedJSON(training: ["seed": 1])
        #expect(try FusedDetectorFile.decode(bytes, sha256: DeepStage.sha256Hex) == model)
        #expect(String(decoding: bytes, as: UTF8.self).contains("\"training\" : {"))
        #expect(!String(decoding: bytes, as: UTF8.self).contains("\"features\""))
    }

    /// Layer-wise probes: one per equal block of columns, stacked; the trained file's single probe is
    /// exactly their stack-weighted sum.
    @Test func layerwiseProbesStackPerBlockAndCollapseIntoOneProbe() throws {
        // Two blocks: the signal (feature 0) and noise in the first, constants in the second.
        let (slots, images, inputs, evaluation, report) = try Self.report512(probeBlocks: 2)
        #expect(report.probeBlocks == 2 && report.stack.count == 4)
        #expect(report.stack[0] > 0)
        #expect(report.conditions.allSatisfy { $0.auc > 0.85 })
        #expect(report.markdown().contains("Stack (2 layer probes, hand-crafted, bias)"))
        // Widths that do not split into equal blocks are refused.
        #expect(throws: ReportError.self) {
            try evaluation.crossValidate(
                images: images, inputs: inputs, slots: slots, shipped: .init(likelyAI: 0.9, likelyAuthentic: 0.1), probeBlocks: 3)
        }
        let template = Self.template512
        let model = try evaluation.trainModel(
            images: images, inputs: inputs, slots: slots, report: report, template: template, modelVersion: "layerwise")
        #expect(model.stack.weights == [1, report.stack[2]] && model.stack.bias == report.stack[3])
        // The same two block probes fitted directly, weighted by the stack, give the file's probe logit.
        let (usableInputs, byBlock) = Self.blockProbes512(slots: slots, images: images, inputs: inputs, evaluation: evaluation)
        let blocks = byBlock.map { $0[0] }
        // A vector shorter than a block's offset reads nothing of it (no out-of-range read).
        #expect(blocks[1].logit([Float](repeating: 1, count: 10)) == blocks[1].bias)
        let detector = FusedDetector(file: model)
        for probeInput in [usableInputs[0], usableInputs[150]] {
            let x = try #require(probeInput.features[0])
            let expected = report.stack[0] * blocks[0].logit(x) + report.stack[1] * blocks[1].logit(x)
            #expect(abs(detector.probeLogit(x) - expected) < 1e-9 * max(1, abs(expected)))
        }
    }

    /// An L2 ladder: every block is fitted at every strength (strength-major stack inputs), and the
    /// trained file's single probe is exactly the stack-weighted sum of all of them.
    @Test func probeL2LadderStacksEveryStrengthAndCollapsesIntoOneProbe() throws {
        let ladder = [0.01, 3.0]
        let (slots, images, inputs, evaluation, report) = try Self.report512(probeBlocks: 2, probeL2s: ladder)
        #expect(report.probeL2s == ladder && report.probeL2 == 0.01)
        #expect(report.probeBlocks == 2 && report.stack.count == 6)
        #expect(report.conditions.allSatisfy { $0.auc > 0.85 })
        #expect(report.markdown().contains("Probe λ 0.01, 3.0,") && report.markdown().contains("Stack (2 layer probes × 2 λ, hand-crafted, bias)"))
        let model = try evaluation.trainModel(
            images: images, inputs: inputs, slots: slots, report: report, template: Self.template512, modelVersion: "ladder")
        #expect(model.stack.weights == [1, report.stack[4]] && model.stack.bias == report.stack[5])
        let (usableInputs, byBlock) = Self.blockProbes512(slots: slots, images: images, inputs: inputs, evaluation: evaluation)
        // The strengths differ in what they fit: the strong one shrinks the signal block's weights.
        let norm = { (p: FusedEvaluation.ProbeParameters) in p.weights.reduce(0) { $0 + $1 * $1 } }
        #expect(norm(byBlock[0][1]) < 0.1 * norm(byBlock[0][0]))
        let detector = FusedDetector(file: model)
        for probeInput in [usableInputs[0], usableInputs[150]] {
            let x = try #require(probeInput.features[0])
            var expected = 0.0
            for l in ladder.indices {
                for b in 0..<2 { expected += report.stack[l * 2 + b] * byBlock[b][l].logit(x) }
            }
            #expect(abs(detector.probeLogit(x) - expected) < 1e-9 * max(1, abs(expected)))
        }
        // No strength, or a non-positive one, is refused.
        var bad = evaluation
        for strengths in [[Double](), [0.03, 0]] {
            bad.probeL2s = strengths
            #expect(throws: ReportError.self) {
                try bad.crossValidate(images: images, inputs: inputs, slots: slots, shipped: .init(likelyAI: 0.9, likelyAuthentic: 0.1))
            }
        }
    }

    /// Known answers: skipping changes a verdict only where the two models disagree.
    @Test func cascadeBandSkipsOnlyWhereVerdictsAgree() {
        let fused = DetectorModelFile.Thresholds(likelyAI: 0.9, likelyAuthentic: 0.1)
        let handcrafted = DetectorModelFile.Thresholds(likelyAI: 0.8, likelyAuthentic: 0.2)
        // 1,000 images, hand-crafted p = i/1000: authentic up to 0.2, AI from 0.8, inconclusive between.
        // The fused model agrees at both ends, except five images (i 50–54) it calls inconclusive, and
        // decides every image between (even i authentic, odd i AI).
        let rows = (0..<1000).map { i -> (handcrafted: Double, fused: Double) in
            let fusedP = (50..<55).contains(i) ? 0.5 : (i <= 200 ? 0.05 : (i >= 800 ? 0.95 : (i % 2 == 0 ? 0.05 : 0.95)))
            return (Double(i) / 1000, fusedP)
        }
        let band = FusedEvaluation.cascadeBand(slots: [rows], fusedBands: fused, handcraftedBands: handcrafted)
        // Below 0.2 skipping changes 5 of 1,000 verdicts (the allowed 0.5 %), below 0.205 it would change 9.
        // Above 0.795 it changes 4 (i 796–799), above 0.79 it would change 9. Each side is chosen alone.
        #expect(band.skipBelow == 0.2 && band.skipAbove == 0.795)
        #expect(band.verdictsChanged == [0.009])
        #expect(band.skipped == [Double(200 + 204) / 1000])
        // A second condition where the fused model calls everything above 0.9 inconclusive: the
        // stricter condition decides the upper side (above 0.995 skips i 996–999, four changes).
        let strict = rows.map { (handcrafted: $0.handcrafted, fused: $0.handcrafted > 0.9 ? 0.5 : $0.fused) }
        let both = FusedEvaluation.cascadeBand(slots: [rows, strict], fusedBands: fused, handcraftedBands: handcrafted)
        #expect(both.skipBelow == 0.2 && both.skipAbove == 0.995)
    }

    @Test func oneClassIsRefused() {
        let slots = FusedEvaluationSlot.all(copies: 0)
        let (images, inputs) = Self.dataset(slots: slots.count)
        let real = images.indices.filter { !images[$0].isAI }
        #expect(throws: ReportError.self) {
            try FusedEvaluation().crossValidate(
                images: real.map { images[$0] }, inputs: real.map { inputs[$0] }, slots: slots,
                shipped: .init(likelyAI: 0.9, likelyAuthentic: 0.1))
        }
    }

    @Test func stackWeightsStayNonNegative() {
        // Column 0 raises the odds, column 1 lowers them: column 1 is dropped.
        var rng = SplitMix64(seed: 2)
        var samples: [[Double]] = []
        var labels: [Bool] = []
        for i in 0..<300 {
            let y = i % 2 == 0
            samples.append([(y ? 1 : -1) + rng.nextDouble(in: -1...1), (y ? -1 : 1) + rng.nextDouble(in: -2...2)])
            labels.append(y)
        }
        let fit = FusedEvaluation.nonNegativeFit(samples: samples, labels: labels, weights: [Double](repeating: 1, count: 300))
        #expect(fit.weights[1] == 0 && fit.weights[0] > 0)
    }

    @Test func thresholdFlagsAtMostTheAllowedShare() {
        let scores = (1...10).map { Double($0) / 10 }
        #expect(FusedEvaluation.minimumThreshold(scores, maxRate: 0.1) == 0.9.nextUp)
        #expect(FusedEvaluation.minimumThreshold(scores, maxRate: 0) == 1.0.nextUp)
        #expect(FusedEvaluation.minimumThreshold([], maxRate: 0.05) == 0)
    }

    @Test func itemWeightsGiveEachGroupItsShare() {
        let (images, _) = Self.dataset(slots: 1)
        let kept = Array(images.dropLast())
        let weights = FusedEvaluation.itemWeights(kept)
        let total = weights.reduce(0, +)
        let ai = kept.indices.filter { kept[$0].isAI }.reduce(0.0) { $0 + weights[$1] }
        let photos = kept.indices.filter { kept[$0].family == "real" }.reduce(0.0) { $0 + weights[$1] }
        #expect(abs(total - 200) < 1e-9 && abs(ai - 100) < 1e-9 && abs(photos - 50) < 1e-9)
        var evaluation = FusedEvaluation()
        evaluation.groupShares = [0.4, 0.2, 0.4]
        let shifted = evaluation.itemWeights(kept)
        let nonPhotos = kept.indices.filter { !kept[$0].isAI && kept[$0].family != "real" }.reduce(0.0) { $0 + shifted[$1] }
        #expect(abs(shifted.reduce(0, +) - 200) < 1e-9 && abs(nonPhotos - 80) < 1e-9)
    }

    @Test func sourceWeightPowerSetsHowMuchALargeSourceCounts() {
        // AI: source "big" with 4 images, source "small" with 1; one photo and one non-photo.
        let images =
            (0..<4).map { LabeledImage(path: "b\($0)", isAI: true, source: "big", family: "sdxl") }
            + [LabeledImage(path: "s", isAI: true, source: "small", family: "flux"),
               LabeledImage(path: "p", isAI: false, source: "cam", family: "real"),
               LabeledImage(path: "n", isAI: false, source: "art", family: "painting")]
        // The weights sum to the 7 images and AI images carry half: 3.5. Power 0.5: raw weights 1/2
        // per big image and 1 for the small one, so big carries 3.5 × 2/3 and small 3.5 × 1/3.
        let root = FusedEvaluation.itemWeights(images)
        #expect(abs(root[0] - 3.5 / 6) < 1e-12 && abs(root[4] - 3.5 / 3) < 1e-12)
        // Power 1: each source the same total within the group.
        let equal = FusedEvaluation.itemWeights(images, sourcePower: 1)
        #expect(abs(equal[0] - 3.5 / 8) < 1e-12 && abs(equal[4] - 3.5 / 2) < 1e-12)
        // Power 0: every AI image alike.
        let flat = FusedEvaluation.itemWeights(images, sourcePower: 0)
        #expect(abs(flat[0] - 0.7) < 1e-12 && abs(flat[4] - 0.7) < 1e-12)
        #expect(abs(equal[5] - 1.75) < 1e-12 && abs(equal[6] - 1.75) < 1e-12)
        var evaluation = FusedEvaluation()
        evaluation.sourceWeightPower = 1
        #expect(evaluation.itemWeights(images) == equal)
    }

    @Test func groupsFollowTheLabelsConvention() {
        let ai = LabeledImage(path: "a", isAI: true, source: "s", family: "real")
        let photo = LabeledImage(path: "b", isAI: false, source: "s", family: "real")
        let art = LabeledImage(path: "c", isAI: false, source: "s", family: "painting")
        #expect([ai, photo, art].map(EvaluationGroup.init) == [.ai, .photo, .humanMadeNonPhoto])
        #expect([ai, photo, art].map(EvaluationGroup.contentType(of:)) == ["ai", "photo", "painting"])
        let counts = FusedModelTraining.Images([ai, photo, art, art])
        #expect(counts.ai == 1 && counts.realPhotos == 1 && counts.humanMadeNonPhotos == 2)
    }

    @Test func cacheRoundTripsInputsExactly() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("pv-fused-cache-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let inputs = FusedEvaluationInputs(
            features: [[1.5, -0.25, .greatestFiniteMagnitude], nil, [0]], handcrafted: [0.125, nil, 1], shortSide: 640, error: nil)
        let path = directory.path + "/x.bin"
        FusedEvaluationCache.write(inputs, path: path)
        let read = try #require(FusedEvaluationCache.read(path: path, slots: 3))
        #expect(read.features == inputs.features && read.handcrafted == inputs.handcrafted && read.shortSide == 640)
        #expect(read.error == nil)
        #expect(FusedEvaluationCache.read(path: path, slots: 2) == nil)  // another slot layout is a miss
        try Data([0x50, 0x56]).write(to: URL(fileURLWithPath: path))
        #expect(FusedEvaluationCache.read(path: path, slots: 3) == nil)  // truncated is a miss
    }
}
