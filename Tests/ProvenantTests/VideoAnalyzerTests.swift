import Foundation
import ImageDecoding
import ProvenantTestSupport
import Testing

@testable import Provenant

/// The façade on the committed clips: frames sampled, scored and fused; typed errors for bad clips.
@Suite struct VideoAnalyzerTests {
    func analyzer(_ change: (inout AnalyzerConfiguration) -> Void = { _ in }) throws -> Analyzer {
        var configuration = AnalyzerConfiguration(deep: .never)
        change(&configuration)
        return try Analyzer(configuration: configuration)
    }

    @Test func checksAClipFrameByFrame() async throws {
        let bytes = try SampleFiles.bytes("video/ai-pan.mp4")
        let report = try await analyzer().analyze(bytes: bytes, name: "ai-pan.mp4")
        #expect(report.error == nil)
        #expect(report.schemaVersion == 4)
        let frames = try #require(report.frames)
        #expect(frames.total == 30)
        #expect(frames.analysed == 6)
        #expect(frames.sampled.map(\.timestamp) == [0, 0.5, 1, 1.5, 2, 2.5])
        #expect(frames.sampled.map(\.index) == [0, 5, 10, 15, 20, 25])
        #expect(frames.sampled.map(\.keyframe) == [true, false, true, false, true, false])
        #expect(frames.sampled.allSatisfy { $0.probability != nil && $0.probability == $0.statisticalProbability })
        #expect(frames.source == "statistical")
        #expect(frames.video.codec == "h264")
        #expect(frames.mostSuspicious.count == 3)
        // The clip probability is the aggregate of the frame probabilities, and fusion used it.
        let expected = FrameAggregate().combine(frames.sampled.compactMap(\.probability)).map { ReportRounding.probability($0.probability) }
        #expect(frames.probability == expected)
        #expect(report.aiProbability != nil && report.verdict != nil)
        #expect(report.explanation?.steps.contains { $0.kind == "detector" && $0.name == "frames" } == true)
        #expect(report.signals.contains { $0.kind == .detector && $0.name == "frames" })
        // C2PA ran on the bytes (what the verifier says about BMFF video); it did not stop the frame analysis.
        #expect(report.provenance != nil)
        // The 288×216 frames are smaller than the detector was measured on.
        #expect(report.warnings.contains { $0.code == "detector.unmeasured_size" })
        // 288×216 is too small for the watermark reader: said once, with the reason, for the whole clip.
        let watermark = try #require(report.explanation?.steps.first { $0.kind == "watermark" })
        #expect(
            watermark.reason
                == "the watermark check did not run: 288×216 is below the 65536 pixels the invisible-watermark package "
                + "needs to embed a mark (all 6 sampled frames); no evidence either way")
        #expect(frames.sampled.allSatisfy { $0.watermarkDetected == nil })
    }

    @Test func aPortraitClipIsAnalysedUpright() async throws {
        let report = try await analyzer().analyze(bytes: try SampleFiles.bytes("video/quadrants-cw90.mp4"), name: "p.mp4")
        #expect(report.error == nil)
        #expect(report.frames?.video.rotation == 90)
        #expect(report.frames?.video.width == 64 && report.frames?.video.height == 48)  // the container's coded size
        #expect(!report.warnings.contains { $0.code == "video.rotation_not_applied" })
        // The detector saw the upright 48×64 frames.
        let small = try #require(report.warnings.first { $0.code == "detector.unmeasured_size" })
        #expect(small.message.hasPrefix("the video frames are 48×64; "))
    }

    @Test func aRotationThatIsNotAQuarterTurnIsReportedNotApplied() async throws {
        let report = try await analyzer().analyze(bytes: try SampleFiles.bytes("video/quadrants-tilt30.mp4"), name: "t.mp4")
        #expect(report.error == nil)
        #expect(report.frames?.video.rotation == 330)
        #expect(
            report.warnings.first { $0.code == "video.rotation_not_applied" }?.message
                == "the display matrix turns the picture by 330° clockwise; only exact quarter turns (90°, 180°, 270°) "
                + "are applied, so the frames were analysed as coded")
        #expect(report.warnings.first { $0.code == "detector.unmeasured_size" }?.message.hasPrefix("the video frames are 64×48; ") == true)
        // A mirrored matrix gets the same warning, worded for the mirror.
        var info = VideoInfo(format: .mp4, container: "mov", codec: "h264", width: 64, height: 48, rotation: 180)
        info.displayMatrix = VideoDisplayMatrix(entries: [-65536, 0, 0, 0, 65536, 0, 0, 0, 1 << 30])
        #expect(
            Analyzer.rotationNotApplied(info)?.message
                == "the display matrix mirrors the picture; only exact quarter turns (90°, 180°, 270°) are applied, so "
                + "the frames were analysed as coded")
        info.displayMatrix = VideoDisplayMatrix(entries: [-65536, 0, 0, 0, -65536, 0, 0, 0, 1 << 30])
        #expect(Analyzer.rotationNotApplied(info) == nil)
    }

    @Test func readsQuickTimeAndWebM() async throws {
        let analyzer = try analyzer()
        for name in ["video/photo-pan.mov", "video/photo-pan.webm"] {
            let report = await analyzer.analyze(bytes: try SampleFiles.bytes(name), name: name)
            #expect(report.error == nil, "\(name)")
            #expect(report.frames?.analysed == 6, "\(name)")
        }
    }

    @Test func deepStageRunsOnItsAllottedFrames() async throws {
        guard let deepModel = try? Analyzer.defaultModelPath().replacingOccurrences(of: "v1.json", with: "v2.json"),
            let analyzer = try? self.analyzer({
                $0.deep = .always
                $0.deepModelPath = deepModel
                $0.frameSampling.maxDeepFrames = 1
            }), analyzer.deepModelVersion != nil
        else {
            print("skipping: no fused deep model in Models/")
            return
        }
        let report = await analyzer.analyze(bytes: try SampleFiles.bytes("video/ai-pan.mp4"), name: "ai-pan.mp4")
        let frames = try #require(report.frames)
        #expect(frames.source == "deep")
        #expect(frames.sampled.map { $0.deepProbability != nil } == [true, false, false, false, false, false])
        #expect(frames.averaged == 1)
        #expect(report.deepStage?.ran == true)
        #expect(report.deepStage?.reason == "ran on 1 of 6 sampled frames (at most 1 per clip)")
    }

    @Test func inspectShowsTheContainerFacts() async throws {
        let report = try analyzer().inspect(bytes: try SampleFiles.bytes("video/photo-pan.mov"), name: "photo-pan.mov")
        #expect(report.error == nil)
        let video = try #require(report.video)
        #expect(video.format == "mov")
        #expect(video.codec == "h264")
        #expect(video.width == 288 && video.height == 216)
        #expect(video.durationSeconds == 3)
        #expect(video.frameRate == 10)
        #expect(video.frameCount == 30)
        #expect(video.rotation == 0)
        #expect(video.hasAudio)
        #expect(video.creationTime == "2026-01-02T03:04:05.000000Z")
        #expect(video.encoder == "Lavc libx264")
    }

    @Test func badClipsAreTypedErrors() async throws {
        let bytes = try SampleFiles.bytes("video/ai-pan.mp4")
        let truncated = try await analyzer().analyze(bytes: Array(bytes.prefix(bytes.count / 2)), name: "cut.mp4")
        #expect(truncated.error?.code == "decode.truncated")
        #expect(truncated.aiProbability == nil)
        let long = try await analyzer { $0.videoLimits.maxDurationSeconds = 1 }.analyze(bytes: bytes, name: "long.mp4")
        #expect(long.error?.code == "decode.duration_exceeded")
        let many = try await analyzer { $0.videoLimits.maxFrames = 10 }.analyze(bytes: bytes, name: "many.mp4")
        #expect(many.error?.code == "decode.frame_count_exceeded")
        let big = try await analyzer { $0.videoLimits.maxFileBytes = 1000 }.analyze(bytes: bytes, name: "big.mp4")
        #expect(big.error?.code == "decode.file_too_large")
        let inspect = try analyzer().inspect(bytes: Array(bytes.prefix(bytes.count / 2)), name: "cut.mp4")
        #expect(inspect.error?.code == "decode.truncated")
    }

    @Test func verifyOnlyDoesNotDecodeFrames() async throws {
        let analyzer = try Analyzer(configuration: AnalyzerConfiguration(stages: .provenance))
        let report = await analyzer.analyze(bytes: try SampleFiles.bytes("video/ai-pan.mp4"), name: "ai-pan.mp4")
        #expect(report.frames == nil)
        #expect(report.provenance != nil)
        #expect(report.error == nil)
    }

    @Test func fileKindAcceptsVideo() throws {
        #expect(FileKind.classify(Array(try SampleFiles.bytes("video/photo-pan.webm").prefix(64))) == .video)
        #expect(Analyzer.formatProblem(try SampleFiles.bytes("video/ai-pan.mp4")) == nil)
    }
}
