import Foundation
import Provenant
import Testing

@testable import ProvenantCLI

/// `scan` counts the files it analyses per sniffed format (WebP, HEIF, AVIF and TIFF included), and the
/// summary lists those counts.
@Suite struct ScanFormatCountTests {
    @Test func summaryListsCountsPerFormat() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try folder.write("a.jpg", ScanRunnerTests.jpegHead)
        try folder.write("a2.jpg", ScanRunnerTests.jpegHead)
        try folder.write("b.png", ScanRunnerTests.pngHead)
        try folder.write("c.webp", Array("RIFF".utf8) + [30, 0, 0, 0] + Array("WEBPVP8L".utf8))
        try folder.write("d.heic", [0, 0, 0, 24] + Array("ftypheic".utf8) + [0, 0, 0, 0] + Array("mif1heic".utf8))
        try folder.write("e.avif", [0, 0, 0, 24] + Array("ftypavif".utf8) + [0, 0, 0, 0] + Array("mif1avif".utf8))
        try folder.write("f.tif", [0x49, 0x49, 0x2A, 0x00, 8, 0, 0, 0])
        try folder.write("g.gif", Array("GIF89a".utf8) + [0, 0, 0, 0])
        try folder.write("h.txt", Array("hello".utf8))
        let runner = ScanRunner(
            paths: [folder.path], recursive: false, jobs: 2, format: .jsonl, outputPath: folder.path + "/out.jsonl",
            resume: false, minProbability: nil, analyze: ScanRunnerTests.fakeAnalyze)
        let summary = try await runner.run(console: BufferConsole())
        #expect(summary.formats == ["jpeg": 2, "png": 1, "webp": 1, "heif": 1, "avif": 1, "tiff": 1])
        #expect(summary.analysed == 7)
        #expect(summary.skippedUnsupported == 1)
        #expect(summary.skippedNotImage == 1)
        #expect(summary.text(flagRule: "x").contains("  formats: avif 1, heif 1, jpeg 2, png 1, tiff 1, webp 1\n"))
    }

    @Test func noFormatLineWhenNothingWasAnalysed() {
        #expect(!ScanSummary().text(flagRule: "x").contains("formats:"))
    }
}
