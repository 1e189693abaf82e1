import Forensics
import Foundation
import Testing

@testable import Provenant

/// The native cross-validation of the fused detector on synthetic inputs (no tower), and its cache.
@Suite struct FusedEvaluationTests {
    /// 10 sources of 20 images: 4 AI (families a and b), 3 photo sources, 3 human-made non-photo
    /// sources (illustration, painting). Feature 0 is the signal (AI +1, real −1, unit noise).
    static func dataset(slots: Int) -> ([LabeledImage], [FusedEvaluationInputs]) {
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
                let base = (0..<6).map { j in (j == 0 ? (isAI ? 1.0 : -1.0) : 0) + gaussian() }
                let features: [[Float]?] = (0..<slots).map { _ in base.map { Float($0 + 0.1 * gaussian()) } }
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
            #expect(Set(result.contentTypeFlagged.keys) == ["photo", "illustration", "painting"])
            #expect(result.familyCaught["a"]?.count == 40)
            #expect(result.sourceFlagged.count == 6)
        }
        #expect(report.derivedThresholds.likelyAI >= 0.5 && report.derivedThresholds.likelyAI <= 0.999)
        #expect(report.derivedThresholds.likelyAuthentic < report.derivedThresholds.likelyAI)
        #expect(report.shippedThresholds == shipped)
        // The hand-crafted input is constant (0.5): it gets no weight.
        #expect(report.stack[1] == 0)
        #expect(report.sizes.first?.range == "0–224 (below min_short_side)" && report.sizes.first?.count == 10)
        // Deterministic.
        let again = try evaluation.crossValidate(images: images, inputs: inputs, slots: slots, shipped: shipped, minShortSide: 256)
        #expect(again.conditions.map(\.auc) == report.conditions.map(\.auc))
        #expect(report.markdown().contains("| as-is pixels | 200 (120/80) |"))
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
        #expect(first.forwardPasses == 6 * 5)
        #expect(first.conditions.allSatisfy { $0.count == 6 && $0.realCount == 3 })
        #expect(first.conditions.allSatisfy { $0.auc.isFinite && $0.ece.isFinite })
        // The second run reads every input from the cache and gives the same numbers.
        evaluation.splits = 2
        let second = try await evaluation.run(images: images, configuration: configuration)
        #expect(second.forwardPasses == 0)
        #expect(second.splits.map(\.splitSeed) == [2, 3] && second.splitSeed == 2)
        #expect(second.splits.first?.auc == first.conditions.map(\.auc))
        #expect(second.conditions.map(\.auc) == first.conditions.map(\.auc))
        #expect(second.derivedThresholds == first.derivedThresholds)
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
