import ImageDecoding
import Testing

@testable import Forensics

@Suite struct TrainingDataTests {
    @Test func csvHandlesQuotesAndRelativePaths() throws {
        let text = #"""
            file,label,source,family,notes
            ai/x/a.png,ai,owner/repo,sd1x,"kind=grid; note, with comma"
            real/b.jpg,real,cam/corpus,real,"say ""hi""\"
            /abs/c.jpg,REAL,,real,

            """#
        let images = try LabeledDataset.parse(csv: text, root: "/data")
        #expect(images.count == 3)
        #expect(images[0] == LabeledImage(path: "/data/ai/x/a.png", isAI: true, source: "owner/repo", family: "sd1x"))
        #expect(images[1] == LabeledImage(path: "/data/real/b.jpg", isAI: false, source: "cam/corpus", family: "real"))
        #expect(images[2] == LabeledImage(path: "/abs/c.jpg", isAI: false, source: "/abs", family: "real"))
        #expect(CSVReader.rows("a,\"b,\"\"c\"\"\"\r\nd,e\n") == [["a", "b,\"c\""], ["d", "e"]])
        #expect(throws: DatasetError.self) { try LabeledDataset.parse(csv: "file,label\nx.png,maybe\n", root: "/") }
    }

    @Test func thresholdsKeepFalsePositivesBounded() {
        // 20 real at 0.00...0.95, 20 AI at 0.50...0.975.
        let real = (0..<20).map { Double($0) * 0.05 }
        let ai = (0..<20).map { 0.5 + Double($0) * 0.025 }
        let labels = [Bool](repeating: false, count: 20) + [Bool](repeating: true, count: 20)
        let thresholds = VerdictThresholds.derive(
            groups: [(real + ai, labels)], maxFalsePositiveRate: 0.05, maxFalseAuthenticRate: 0.05)
        // One real (0.95) may be flagged: lowest threshold with ≤ 1 false positive is 0.925 (an AI score).
        #expect(thresholds.likelyAI == 0.925)
        // One AI (0.5) may fall at or below the authentic threshold: just below the second AI score.
        #expect(thresholds.likelyAuthentic == 0.525.nextDown)
    }

    @Test func augmentationIsDeterministicAndBounded() throws {
        var pixels = [UInt8](repeating: 0, count: 900 * 600 * 3)
        for i in pixels.indices { pixels[i] = UInt8((i * 7 + (i / 2700) * 3) % 256) }
        let image = RGBImage(width: 900, height: 600, pixels: pixels)
        let policy = AugmentationPolicy()
        for copy in 0..<6 {
            var a = SplitMix64(seed: 9, label: "img#\(copy)")
            var b = SplitMix64(seed: 9, label: "img#\(copy)")
            let first = try policy.augment(image, using: &a)
            let second = try policy.augment(image, using: &b)
            #expect(first == second)
            #expect(first.width <= 900 && first.height <= 600)
            #expect(first.width >= 64 && first.height >= 64)
            #expect(first.pixels.count == first.width * first.height * 3)
        }
    }

    @Test func conditionsProduceExpectedSizes() throws {
        let image = RGBImage(width: 1000, height: 700, pixels: [UInt8](repeating: 128, count: 1000 * 700 * 3))
        var rng = SplitMix64(seed: 1)
        let policy = AugmentationPolicy()
        let crop = try EvaluationCondition.crop512JPEG90.apply(to: image, augmentation: policy, rng: &rng)
        #expect(crop.width == 512 && crop.height == 512)
        let small = try EvaluationCondition.downscale512JPEG75.apply(to: image, augmentation: policy, rng: &rng)
        #expect(small.width == 512 && small.height == 358)
        let png = try EvaluationCondition.png.apply(to: image, augmentation: policy, rng: &rng)
        #expect(png == image)
    }

    @Test func restrictedSpecProjectsFamilies() {
        let spec = FeatureSpec(spamThreshold: 1, spectrumBins: 2)
        #expect(spec.dimension == 54 + 10)
        let values = (0..<64).map(Double.init)
        let (onlySpectrum, project) = spec.restricted(to: [.residualSpectrum])
        #expect(onlySpectrum.families == [.residualSpectrum])
        #expect(project(values) == (54..<64).map(Double.init))
    }

    @Test func evaluatorSeparatesSyntheticFeatures() throws {
        // Two informative SPAM-sized dimensions; sources are never split across folds.
        var configuration = DetectorTrainer.Configuration()
        configuration.features = FeatureSpec(spamThreshold: 1, families: [.spamLuma])
        configuration.calibrationFolds = 3
        var rng = SplitMix64(seed: 5)
        var records: [ImageFeatureRecord] = []
        for source in 0..<12 {
            let isAI = source % 2 == 0
            for item in 0..<6 {
                func vector() -> [Double] {
                    (0..<54).map { j in j < 2 ? (isAI ? 1.0 : -1.0) + rng.nextDouble(in: -0.8...0.8) : rng.nextUnit() }
                }
                var conditions: [EvaluationCondition: [Double]] = [:]
                for condition in EvaluationCondition.allCases { conditions[condition] = vector() }
                records.append(
                    ImageFeatureRecord(
                        image: LabeledImage(path: "s\(source)/\(item).png", isAI: isAI, source: "s\(source)", family: isAI ? "gen" : "real"),
                        width: 64, height: 64, copies: [vector(), vector()], conditions: conditions, error: nil,
                        decodeMilliseconds: 0))
            }
        }
        let report = try DetectorEvaluator(configuration: configuration, folds: 4).evaluate(records: records)
        #expect(report.images == 72)
        for result in report.conditions {
            #expect(result.auc > 0.95)
            #expect(result.realCount == 36 && result.aiCount == 36)
        }
        #expect(report.thresholds.likelyAuthentic < report.thresholds.likelyAI)
    }
}
