import ImageDecoding
import ProvenantTestSupport
import Testing

@testable import Provenant

/// The cost budgets seen through the façade: a hostile file gets its typed error (and no verdict),
/// and the budgets set in `AnalyzerConfiguration` reach the decoder.
@Suite struct CostBudgetAnalyzerTests {
    /// A 100-megapixel JPEG with 16 bytes of image data is not given a verdict.
    @Test func contentFreeJPEGGetsATruncationErrorNotAVerdict() async throws {
        let small = try TestImages.jpeg(width: 16, height: 16)
        let bytes = HostileImages.jpeg(HostileImages.jpeg(small, declaring: 10_000, 10_000), keepingEntropyBytes: 16)
        let report = await (try Analyzer(configuration: AnalyzerConfiguration(stages: .detection))).analyze(bytes: bytes, name: "c.jpg")
        #expect(report.error?.code == "decode.truncated", "\(String(describing: report.error))")
        #expect(report.verdict == nil && report.aiProbability == nil)
    }

    /// The configured decode budget is the one the decoder enforces.
    @Test func configuredMemoryBudgetReachesTheDecoder() async throws {
        var configuration = AnalyzerConfiguration(stages: .detection)
        configuration.decodeBudget.maxMemoryBytes = 1024
        let report = await (try Analyzer(configuration: configuration)).analyze(bytes: try TestImages.png(), name: "p.png")
        #expect(report.error?.code == "decode.memory_budget_exceeded", "\(String(describing: report.error))")
        #expect(report.verdict == nil)
    }

    /// A PNG bomb behind one pixel is analysed from its complete row, and the report says that the
    /// rest of its image data was not read.
    @Test func pngWithTrailingImageDataIsAnalysedWithinBudget() async throws {
        let bytes = HostileImages.pngWithTrailingImageData(pixel: (10, 20, 30), compressedBytes: 128 * 1024)
        let report = await (try Analyzer(configuration: AnalyzerConfiguration(stages: .detection))).analyze(bytes: bytes, name: "b.png")
        #expect(report.error == nil, "\(String(describing: report.error))")
        #expect(report.aiProbability != nil)
        // The decoder's warning reaches the report.
        #expect(report.warnings.contains { $0.code.hasPrefix("decode.") && $0.message.contains("after the last row") }, "\(report.warnings)")
    }
}
