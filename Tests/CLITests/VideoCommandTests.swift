import Foundation
import Provenant
import ProvenantTestSupport
import Testing

@testable import ProvenantCLI

/// `check`, `detect`, `inspect` and `scan` on the committed clips of Samples/video.
@Suite struct VideoCommandTests {
    static func clip(_ folder: TemporaryFolder, _ name: String) throws -> String {
        try folder.write(name, try SampleFiles.bytes("video/\(name)"))
    }

    @Test func checkReportsTheFramesThatDroveTheResult() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let file = try Self.clip(folder, "ai-pan.mp4")
        let text = try await CommandTests.run(["check", "--deep", "never", "--quiet", file])
        #expect(text.status == 0 || text.status == 2)
        let output = text.console.output
        #expect(output.contains("  Video: mp4 h264 288×216, 3.0 s, 10.0 fps, 30 frames\n  Frames analysed: 6 of 30 (at most 6)\n"))
        #expect(
            output.contains(
                "  Clip pixel probability: \(try Self.percent(output, after: "Clip pixel probability: ")), trimmed mean in "
                    + "log-odds of the pixel-statistics probabilities for all 6 sampled frames, the 2 most extreme left out\n"))
        #expect(output.contains("\n  Per-frame probability (6 frames): min "))
        // Each of the three most suspicious frames once, with its time and whether it is a key frame.
        let listed = try #require(output.components(separatedBy: "  Frames that drove the result (most suspicious first):\n").last)
        let lines = listed.split(separator: "\n").prefix { $0.hasPrefix("    ") }
        #expect(lines.count == 3)
        #expect(lines.allSatisfy { $0.range(of: #"^    \d\.\d{3} s \(frame \d+(, key frame)?\): "#, options: .regularExpression) != nil })
        #expect(output.contains("detector frames: "))
        // The watermark line gives its reason once, not "did not run (… did not run …)".
        #expect(
            output.contains(
                "watermark dwtdct: the watermark check did not run: 288×216 is below the 65536 pixels the invisible-"
                    + "watermark package needs to embed a mark (all 6 sampled frames); no evidence either way\n"))
        #expect(output.components(separatedBy: "did not run").count == 2)

        let json = try await CommandTests.run(["check", "--deep", "never", "--max-frames", "4", "--format", "jsonl", file])
        let report = try ReportJSON.decode(AnalysisReport.self, from: json.console.output.trimmingCharacters(in: .newlines))
        #expect(report.schemaVersion == 4)
        #expect(report.frames?.sampled.map(\.timestamp) == [0, 0.8, 2, 2.3])
        #expect(report.frames?.maxFrames == 4)
        #expect(json.console.output.contains(#""frames":{"aggregate":"trimmed_mean_logit","analysed":4,"#))
    }

    /// The percentage printed right after `marker` (`12.6 %`, `< 0.1 %`).
    static func percent(_ output: String, after marker: String) throws -> String {
        let rest = try #require(output.components(separatedBy: marker).dropFirst().first)
        return String(rest.prefix { $0 != "," })
    }

    @Test func rotatedClipsSayHowTheirFramesWereAnalysed() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let portrait = try await CommandTests.run(["check", "--deep", "never", try Self.clip(folder, "quadrants-cw90.mp4")])
        #expect(
            portrait.console.output.contains(
                "  Video: mp4 h264 64×48, 1.0 s, 10.0 fps, 10 frames; shown turned 90° clockwise, frames analysed upright\n"))
        #expect(!portrait.console.output.contains("video.rotation_not_applied"))
        let tilted = try await CommandTests.run(["detect", "--deep", "never", try Self.clip(folder, "quadrants-tilt30.mp4")])
        #expect(
            tilted.console.output.contains(
                "  warning: video.rotation_not_applied: the display matrix turns the picture by 330° clockwise; only exact "
                    + "quarter turns (90°, 180°, 270°) are applied, so the frames were analysed as coded\n"))
        #expect(
            tilted.console.output.contains(
                "  Video: mp4 h264 64×48, 1.0 s, 10.0 fps, 10 frames; display rotation not applied (frames analysed as coded)\n"))
        // detect prints the frame evidence once: the frame lines, not also the frames signal.
        #expect(!tilted.console.output.contains("detector frames:"))
        #expect(tilted.console.output.contains("  Frames that drove the result (most suspicious first):\n"))
    }

    @Test func verifyOfAFormatWithoutCredentialsSaysSoInOneLine() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let run = try await CommandTests.run(["verify", try Self.clip(folder, "photo-pan.webm")])
        #expect(
            run.console.output.hasSuffix(
                "photo-pan.webm: error — the Content Credentials could not be verified: UnsupportedType: WebM files are "
                    + "recognised but not supported yet\n"))
        #expect(run.console.output.split(separator: "\n").count == 1)
    }

    @Test func detectCarriesFramesAndInspectTheContainerFacts() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let webm = try Self.clip(folder, "photo-pan.webm")
        let detect = try await CommandTests.run(["detect", "--deep", "never", "--format", "jsonl", webm])
        let report = try ReportJSON.decode(DetectReport.self, from: detect.console.output.trimmingCharacters(in: .newlines))
        #expect(report.frames?.analysed == 6)
        #expect(report.error == nil)
        let mov = try Self.clip(folder, "photo-pan.mov")
        let inspect = try await CommandTests.run(["inspect", mov])
        #expect(inspect.status == 0)
        #expect(inspect.console.output.contains("  format: mov (mov,mp4,m4a,3gp,3g2,mj2), codec h264, 288×216\n"))
        #expect(inspect.console.output.contains("  duration: 3.0 s, frame rate 10.0 fps, frames 30\n"))
        #expect(inspect.console.output.contains("  rotation: 0°, audio: yes"))
        #expect(inspect.console.output.contains("  created: 2026-01-02T03:04:05.000000Z, encoder: Lavc libx264\n"))
        #expect(inspect.console.output.hasSuffix("  xmp: none\n  c2pa: none\n"))
        // A signed MP4: inspect shows its Content Credentials after the container facts, as for an image.
        let signed = try folder.write("signed.mp4", try SampleFiles.bytes("c2pa/video_signed.mp4"))
        let credentials = try await CommandTests.run(["inspect", signed])
        #expect(
            credentials.console.output.contains(
                "  c2pa: 1 manifest, state valid, active urn:c2pa:b570ce19-2545-428a-88be-1a5876ed505e\n"
                    + "    claim generator: provenant-samples/1.0\n"
                    + "    declared source: http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia\n"
                    + "    actions: c2pa.created\n    ingredients: 0\n"))
    }

    @Test func aClipThatCannotBeDecodedIsATypedError() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let bytes = try SampleFiles.bytes("video/ai-pan.mp4")
        let file = try folder.write("cut.mp4", Array(bytes.prefix(bytes.count / 2)))
        let run = try await CommandTests.run(["check", "--deep", "never", "--format", "jsonl", file])
        #expect(run.status == 1)
        #expect(run.console.output.contains(#""error":{"code":"decode.truncated","#))
        let long = try await CommandTests.run(["check", "--deep", "never", "--max-video-duration", "1", "--format", "jsonl", try Self.clip(folder, "ai-pan.mp4")])
        #expect(long.console.output.contains(#""code":"decode.duration_exceeded""#))
    }

    @Test func scanPicksUpVideosAndCountsThem() async throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        _ = try folder.write("in/a.mp4", try SampleFiles.bytes("video/ai-pan.mp4"))
        _ = try folder.write("in/b.webm", try SampleFiles.bytes("video/photo-pan.webm"))
        _ = try folder.write("in/notes.txt", Array("text".utf8))
        let output = folder.path + "/out.jsonl"
        let run = try await CommandTests.run(["scan", "--deep", "never", "-o", output, folder.path + "/in"])
        #expect(run.status != 1)
        let lines = try String(contentsOfFile: output, encoding: .utf8).split(separator: "\n")
        let reports = try lines.map { try ReportJSON.decode(AnalysisReport.self, from: String($0)) }
        #expect(reports.count == 2)
        #expect(reports.allSatisfy { $0.frames?.analysed == 6 })
        #expect(run.console.errors.contains("scanned 2 files in "))
        #expect(run.console.errors.contains("  videos: 2 of the files analysed in this run\n"))
        #expect(run.console.errors.contains("1 not images"))
    }
}
