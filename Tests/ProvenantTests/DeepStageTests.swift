import Forensics
import Foundation
import ProvenantTestSupport
import Testing

@testable import Provenant

/// The deep stage in the pipeline, with a hand-made fused model whose probe always says 0.9933
/// (sigmoid 5), so the outcome of the cascade and of fusion is exact. One shared tower.
@Suite struct DeepStageTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static func analyzer(_ deep: DeepMode, minShortSide: Int = 0) throws -> Analyzer {
        let path = try FusedModelFixture.install(
            FusedModelFixture.json(probeBias: 5, minShortSide: minShortSide),
            repositoryModels: repository.appendingPathComponent("Models"))
        return try Analyzer(configuration: AnalyzerConfiguration(deep: deep, deepModelPath: path))
    }

    @Test func autoRunsWhereNothingDecidesAndTheFusedProbabilityIsThePixelEvidence() async throws {
        let analyzer = try Self.analyzer(.auto, minShortSide: 64)
        #expect(analyzer.fusion.policy.band == VerdictBand(lower: 0.1, upper: 0.9))
        let report = await analyzer.analyze(bytes: try TestImages.jpeg(width: 256, height: 192), name: "a.jpg")
        let deep = try #require(report.deepStage)
        #expect(deep.ran)
        #expect(deep.probability == 1 / (1 + exp(-5.0)))
        #expect(!deep.smallImage)
        #expect(report.timings.deep > 0)
        // The pixel evidence is the fused probability (clamped to 0.99), the hand-crafted step adds 0.
        let steps = try #require(report.explanation?.steps)
        #expect(steps.first { $0.name == "statistical" }?.logOddsChange == 0)
        #expect(steps.first { $0.name == "deep" }?.logOddsChange == ReportRounding.logOdds(log(0.99 / 0.01)))
        #expect(report.verdict == .likelyAI)
        #expect(report.signals.contains { $0.kind == .detector && $0.name == "deep" && $0.score == 0.9933 })

        // Below min_short_side: a caveat, and pixels alone cannot reach likely_ai.
        let small = await analyzer.analyze(bytes: try TestImages.jpeg(width: 48, height: 40), name: "small.jpg")
        #expect(small.deepStage?.smallImage == true)
        #expect(small.warnings.contains { $0.code == "detector.unmeasured_size" })
        #expect(small.verdict == .inconclusive)
        #expect(small.explanation?.steps.contains { $0.kind == "caveat" && $0.name == "pixels_only" } == true)
    }

    @Test func aVersionTwoModelRunsOnTheClassTokens() async throws {
        let path = try FusedModelFixture.install(
            FusedModelFixture.json(probeBias: -5, classTokenLayers: [5, 11]),
            repositoryModels: Self.repository.appendingPathComponent("Models"))
        let analyzer = try Analyzer(configuration: AnalyzerConfiguration(deep: .always, deepModelPath: path))
        let report = await analyzer.analyze(bytes: try TestImages.jpeg(width: 256, height: 192), name: "a.jpg")
        let deep = try #require(report.deepStage)
        #expect(deep.ran)
        #expect(deep.probeLogit == -5)
        #expect(deep.probability == exp(-5.0) / (1 + exp(-5.0)))
        #expect(report.signals.contains { $0.kind == .detector && $0.name == "deep" && $0.score == 0.0067 })
    }

    @Test func autoSkipsWhenContentCredentialsDecideAndNeverSkipsAlways() async throws {
        let sample = Self.repository.appendingPathComponent("Samples/c2pa/b_ai_es256.jpg").path
        guard FileManager.default.fileExists(atPath: sample) else {
            print("skipping: Samples/c2pa/b_ai_es256.jpg not found")
            return
        }
        var configuration = AnalyzerConfiguration(
            trust: TrustConfiguration(), deep: .auto,
            deepModelPath: try FusedModelFixture.install(
                FusedModelFixture.json(), repositoryModels: Self.repository.appendingPathComponent("Models")))
        let auto = try await Analyzer(configuration: configuration).analyze(path: sample)
        #expect(auto.deepStage?.ran == false)
        #expect(auto.deepStage?.reason.contains("Content Credentials") == true)
        #expect(auto.timings.deep < 0.05)
        configuration.deep = .always
        let always = try await Analyzer(configuration: configuration).analyze(path: sample)
        #expect(always.deepStage?.ran == true)
        #expect(always.verdict == .likelyAI)
        configuration.deep = .never
        let never = try await Analyzer(configuration: configuration).analyze(path: sample)
        #expect(never.deepStage == nil)
        #expect(!never.signals.contains { $0.name == "deep" })
    }

    /// A version 4 fused model runs only beside the hand-crafted model its stack was fitted on: with
    /// another, the deep stage is unavailable (`deep.model_mismatch`) and the analysis goes on without it.
    @Test func aPinnedModelRunsOnlyWithItsHandcraftedModel() async throws {
        let models = Self.repository.appendingPathComponent("Models")
        let handcrafted = try DetectorModel.load(path: models.appendingPathComponent("provenant-detector-v1.json").path)
        let matching = try FusedModelFixture.install(
            FusedModelFixture.json(probeBias: 5, handcraftedModelSHA256: handcrafted.file.checksum.value), repositoryModels: models)
        let paired = try Analyzer(configuration: AnalyzerConfiguration(deep: .always, deepModelPath: matching))
        #expect(paired.deepUnavailable == nil)
        let report = await paired.analyze(bytes: try TestImages.jpeg(width: 256, height: 192), name: "a.jpg")
        #expect(report.deepStage?.ran == true && report.deepStage?.probability == 1 / (1 + exp(-5.0)))
        let other = try FusedModelFixture.install(
            FusedModelFixture.json(probeBias: 5, handcraftedModelSHA256: String(repeating: "0", count: 64)), repositoryModels: models)
        let mismatched = try Analyzer(configuration: AnalyzerConfiguration(deep: .always, deepModelPath: other))
        #expect(mismatched.deepUnavailable?.code == "deep.model_mismatch")
        let without = await mismatched.analyze(bytes: try TestImages.jpeg(width: 256, height: 192), name: "a.jpg")
        #expect(without.deepStage?.ran != true)
    }
}
