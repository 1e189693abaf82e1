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
        #expect(text.console.output.contains("  Video: mp4 h264 288×216, 3.0 s, 10.0 fps, 30 frames\n"))
        #expect(text.console.output.contains("  Frames analysed: 6 of 30 (at most 6; statistical stage); clip pixel probability "))
        #expect(text.console.output.contains("  Frames that drove the result (most suspicious first):\n"))
        #expect(text.console.output.contains("detector frames: "))

        let json = try await CommandTests.run(["check", "--deep", "never", "--max-frames", "4", "--format", "jsonl", file])
        let report = try ReportJSON.decode(AnalysisReport.self, from: json.console.output.trimmingCharacters(in: .newlines))
        #expect(report.schemaVersion == 4)
        #expect(report.frames?.sampled.map(\.timestamp) == [0, 0.8, 2, 2.3])
        #expect(report.frames?.maxFrames == 4)
        #expect(json.console.output.contains(#""frames":{"aggregate":"trimmed_mean_logit","analysed":4,"#))
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
        #expect(run.console.errors.contains("  videos: 2 of the files analysed in this run\n"))
        #expect(run.console.errors.contains("1 not images"))
    }
}
