import Foundation
import ImageDecoding
import ProvenantTestSupport
import Testing

@testable import Forensics
@testable import Provenant

/// `check` finds Stable Diffusion dwtDct marks in JPEGs through the stored DCT coefficients
/// (the façade passes them to the watermark reader), with marks made by the project's embedder.
@Suite struct JPEGWatermarkTests {
    /// A textured 512×512 image (seeded), marked with the SDXL payload in the BGR order generators use.
    static func marked(seed: UInt64) -> RGBImage {
        var random = ProvenantTestSupport.SplitMix64(seed: seed)
        let side = 512
        var pixels = [UInt8](repeating: 0, count: side * side * 3)
        for y in 0..<side {
            for x in 0..<side {
                let base = [60 + 120 * x / side, 90 + 100 * y / side, 200 - 150 * (x + y) / (2 * side)]
                for c in 0..<3 {
                    let jitter = Int(random.next() % 41) - 20
                    pixels[(y * side + x) * 3 + c] = UInt8(min(max(base[c] + jitter, 0), 255))
                }
            }
        }
        let embedder = WatermarkEmbedder(method: .dwtDct, order: .bgr)
        return RGBImage(
            width: side, height: side,
            pixels: embedder.embed(WatermarkPayload.sdxl.bits, pixels: pixels, width: side, height: side))
    }

    @Test func marksInSubsampledJPEGAreFoundByTheAnalyzer() async throws {
        let analyzer = try Analyzer(configuration: AnalyzerConfiguration(stages: [.watermark, .fusion], deep: .never))
        var found: [Int: Int] = [95: 0, 85: 0]
        let seeds: [UInt64] = [1, 2, 3]
        for seed in seeds {
            let image = Self.marked(seed: seed)
            for quality in [95, 85] {
                let bytes = try JPEGEncoder.encode(image, quality: quality, subsampling: .yuv420)
                let report = await analyzer.analyze(bytes: bytes, name: "marked-q\(quality).jpg")
                let signal = try #require(report.signals.first { $0.kind == .watermark })
                if signal.detected == true, signal.name == "SDXL" { found[quality, default: 0] += 1 }
                if quality == 95 { #expect(signal.detail.contains("stored chroma"), "\(signal.detail)") }
            }
        }
        #expect(found[95] == seeds.count)
        // Quality 85 is not asserted: on these generated textures the mark is not read back (0/3 on
        // 2026-12-02); see the report in docs/watermark.md for the shared samples.
        print("JPEG watermark: q95 \(found[95] ?? 0)/\(seeds.count), q85 \(found[85] ?? 0)/\(seeds.count)")
        // The same unmarked texture is not flagged.
        let clean = try JPEGEncoder.encode(TestImages.gradient(width: 512, height: 512), quality: 95)
        let report = await analyzer.analyze(bytes: clean, name: "clean.jpg")
        #expect(report.signals.first { $0.kind == .watermark }?.detected == false)
    }
}
