import ProvenantTestSupport
import Foundation
import Testing

@testable import Provenant

/// The façade on bytes generated in the test.
@Suite struct AnalyzerTests {
    func analyzer(_ stages: AnalysisStages = .all, limits: AnalyzerConfiguration? = nil) throws -> Analyzer {
        try Analyzer(configuration: limits ?? AnalyzerConfiguration(stages: stages))
    }

    @Test func analysesAGeneratedPNG() async throws {
        let bytes = try TestImages.png(text: [("Comment", "hello")])
        let report = try await analyzer().analyze(bytes: bytes, name: "gen.png")
        #expect(report.error == nil)
        #expect(report.path == "gen.png")
        #expect(report.provenance?.c2pa.state == .absent)
        #expect(report.aiProbability != nil)
        #expect(report.verdict != nil)
        #expect(report.signals.first?.kind == .c2pa)
        #expect(report.signals.contains { $0.kind == .watermark && $0.detected == nil })  // 64×48 is too small to carry a mark: not checked
        #expect(report.explanation?.steps.first?.kind == "prior")
        #expect(report.timings.decode > 0)
        #expect(report.timings.container > 0)
        #expect(report.cpuTimings.decode > 0)
        #expect(report.cpuTimings.total <= report.timings.total + report.timings.read + 0.05)
    }

    @Test func provenanceOnlySkipsTheDecode() async throws {
        let bytes = try TestImages.jpeg()
        let report = try await analyzer(.provenance).analyze(bytes: bytes, name: "a.jpg")
        #expect(report.error == nil)
        #expect(report.provenance?.c2pa.state == .absent)
        #expect(report.signals.map(\.kind) == [.c2pa])
        #expect(report.timings.decode == 0)
        #expect(report.aiProbability == nil)
    }

    @Test func detectionStagesSkipC2PA() async throws {
        let report = try await analyzer(.detection).analyze(bytes: try TestImages.jpeg(), name: "a.jpg")
        #expect(report.provenance == nil)
        #expect(report.timings.c2pa == 0)
        #expect(!report.signals.contains { $0.kind == .c2pa })
        #expect(report.aiProbability != nil)
    }

    @Test func typedErrors() async throws {
        let analyzer = try analyzer()
        let text = await analyzer.analyze(bytes: Array("hello world".utf8), name: "t.txt")
        #expect(text.error?.code == "format.unknown")
        #expect(text.aiProbability == nil)
        let gif = await analyzer.analyze(bytes: Array("GIF89a".utf8) + [1, 0, 1, 0, 0, 0, 0], name: "a.gif")
        #expect(gif.error?.code == "format.unsupported")
        let missing = await analyzer.analyze(path: "/nonexistent/provenant/x.jpg")
        #expect(missing.error == ReportError(code: "io.not_found", message: "no such file: /nonexistent/provenant/x.jpg"))
        let jpeg = try TestImages.jpeg()
        let truncated = await analyzer.analyze(bytes: Array(jpeg.prefix(jpeg.count / 2)), name: "cut.jpg")
        let code = try #require(truncated.error?.code)
        #expect(code.hasPrefix("container.") || code.hasPrefix("decode."))
        #expect(truncated.aiProbability == nil)
        #expect(truncated.provenance != nil)  // C2PA still ran on the bytes
    }

    @Test func fileSizeLimitIsCheckedFirst() async throws {
        var configuration = AnalyzerConfiguration()
        configuration.limits.maxFileBytes = 100
        let analyzer = try Analyzer(configuration: configuration)
        let report = await analyzer.analyze(bytes: try TestImages.png(), name: "big.png")
        #expect(report.error?.code == "limit.file_too_large")
    }

    @Test func readsFilesOnce() async throws {
        let path = NSTemporaryDirectory() + "provenant-analyzer-\(UUID().uuidString).png"
        try Data(try TestImages.png()).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let report = try await analyzer().analyze(url: URL(fileURLWithPath: path))
        #expect(report.error == nil)
        #expect(report.timings.read > 0)
        #expect(report.path == path)
    }

    @Test func inspectsContainers() async throws {
        let analyzer = try analyzer([])
        let report = analyzer.inspect(bytes: try TestImages.png(width: 5, height: 3, text: [("parameters", "a cat")]), name: "p.png")
        let image = try #require(report.image)
        #expect(image.format == "png")
        #expect(image.width == 5)
        #expect(image.height == 3)
        #expect(image.colorModel == "rgb")
        #expect(image.bitDepth == 8)
        #expect(image.textChunks == [TextChunkFacts(keyword: "parameters", chunkType: "tEXt", text: "a cat")])
        #expect(image.c2paPresent == false)
        let jpeg = try #require(analyzer.inspect(bytes: try TestImages.jpeg(quality: 90), name: "j.jpg").image?.jpeg)
        #expect(jpeg.quality == 90)
        #expect(jpeg.subsampling == "4:2:0")
        #expect(jpeg.progressive == false)
    }

    @Test func explicitBandOverridesTheModel() throws {
        let analyzer = try Analyzer(configuration: AnalyzerConfiguration(verdictBand: VerdictBand(lower: 0.1, upper: 0.9)))
        #expect(analyzer.fusion.policy.band == VerdictBand(lower: 0.1, upper: 0.9))
    }

    @Test func oneBoundCanBeOverridden() throws {
        var configuration = AnalyzerConfiguration(verdictBand: VerdictBand(lower: 0.1, upper: 0.9))
        configuration.aiAbove = 0.7
        #expect(try Analyzer(configuration: configuration).fusion.policy.band == VerdictBand(lower: 0.1, upper: 0.7))
    }

    @Test func modelFileThresholdsSetTheBand() throws {
        var url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while !FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path), url.path != "/" {
            url = url.deletingLastPathComponent()
        }
        let model = url.appendingPathComponent("Models/provenant-detector-v1.json").path
        guard FileManager.default.fileExists(atPath: model) else {
            print("skipping: no Models/provenant-detector-v1.json")
            return
        }
        let object = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: model))) as? [String: Any]
        let thresholds = try #require(object?["thresholds"] as? [String: Double])
        let analyzer = try Analyzer(configuration: AnalyzerConfiguration(modelPath: model, deep: .never))
        #expect(analyzer.modelPath == model)
        let band = analyzer.fusion.policy.band
        #expect(abs(band.lower - (try #require(thresholds["likely_authentic"]))) < 1e-12)
        #expect(abs(band.upper - (try #require(thresholds["likely_ai"]))) < 1e-12)
    }

    @Test func badModelPathThrows() {
        #expect(throws: ReportError.self) {
            try Analyzer(configuration: AnalyzerConfiguration(modelPath: "/nonexistent/model.json"))
        }
    }
}
