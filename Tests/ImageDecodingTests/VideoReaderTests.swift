import ImageContainers
import ProvenantTestSupport
import Testing

@testable import ImageDecoding

/// The FFmpeg-backed video reader on the committed clips of Samples/video (scripts/make_video_samples.sh:
/// 3 s, 10 fps, 288×216, a key frame every 10 frames, two B-frames between references).
@Suite struct VideoReaderTests {
    @Test func readsTheMP4Facts() throws {
        let reader = try VideoReader(bytes: try SampleFiles.bytes("video/ai-pan.mp4"))
        let info = reader.info
        #expect(info.format == .mp4)
        #expect(info.codec == "h264")
        #expect(info.width == 288 && info.height == 216)
        #expect(info.durationSeconds == 3.0)
        #expect(info.frameRate == 10)
        #expect(info.declaredFrames == 30)
        #expect(info.rotation == 0)
        #expect(!info.hasAudio)
        #expect(info.creationTime == nil)
    }

    @Test func readsTheQuickTimeFactsWithAudioAndCreationTime() throws {
        let reader = try VideoReader(bytes: try SampleFiles.bytes("video/photo-pan.mov"))
        let info = reader.info
        #expect(info.format == .mov)
        #expect(info.codec == "h264")
        #expect(info.hasAudio)
        #expect(info.creationTime == "2026-01-02T03:04:05.000000Z")
        #expect(info.encoder == "Lavc libx264")
        #expect(info.tags.contains(VideoTag(scope: "format", key: "major_brand", value: "qt  ")))
    }

    @Test func readsWebM() throws {
        let reader = try VideoReader(bytes: try SampleFiles.bytes("video/photo-pan.webm"))
        #expect(reader.info.format == .webm)
        #expect(reader.info.codec == "vp8")
        #expect(reader.info.declaredFrames == nil)
        let index = try reader.frameIndex()
        #expect(index.entries.count == 30)
        #expect(index.keyframePositions == [0, 10, 20])
    }

    @Test func indexesEveryFrameInPresentationOrder() throws {
        let reader = try VideoReader(bytes: try SampleFiles.bytes("video/ai-pan.mp4"))
        let index = try reader.frameIndex()
        #expect(index.entries.count == 30)
        #expect(index.keyframePositions == [0, 10, 20])
        for (position, entry) in index.entries.enumerated() {
            #expect(abs(entry.seconds - Double(position) / 10) < 1e-9)
        }
        #expect(index.keyframe(atOrBefore: 15) == 10)
        #expect(index.keyframe(atOrBefore: 9) == 0)
    }

    @Test func decodesTheRequestedFramesAndAgreesWithAFreshSeek() throws {
        let bytes = try SampleFiles.bytes("video/ai-pan.mp4")
        let reader = try VideoReader(bytes: bytes)
        let index = try reader.frameIndex()
        var frames: [VideoFrame] = []
        // 0 and 5 share a GOP (5 continues from 0 without seeking); 15 needs a seek to key frame 10.
        try reader.decodeFrames(at: [0, 5, 15], in: index) { frames.append($0) }
        #expect(frames.map(\.position) == [0, 5, 15])
        #expect(frames.map(\.seconds) == [0, 0.5, 1.5])
        #expect(frames.map(\.isKeyframe) == [true, false, false])
        #expect(frames.allSatisfy { $0.image.width == 288 && $0.image.height == 216 && $0.image.rgb.isWellFormed })
        // The same frame decoded alone (seek to its key frame, non-reference frames skipped) has the same pixels.
        let fresh = try VideoReader(bytes: bytes)
        let freshIndex = try fresh.frameIndex()
        var alone: [VideoFrame] = []
        try fresh.decodeFrames(at: [5], in: freshIndex) { alone.append($0) }
        #expect(alone.first?.image.rgb == frames[1].image.rgb)
        #expect(frames[0].image.rgb != frames[1].image.rgb)
        // Decoding frame 5 from key frame 0 decodes at most frames 0…5 (fewer when B-frames are skipped).
        #expect(fresh.work.framesDecoded <= 6)
    }

    @Test func scalesFramesToAMaximumSide() throws {
        let reader = try VideoReader(bytes: try SampleFiles.bytes("video/photo-pan.webm"))
        let index = try reader.frameIndex()
        var frames: [VideoFrame] = []
        try reader.decodeFrames(at: [20], in: index, maxSide: 144) { frames.append($0) }
        #expect(frames.first?.image.width == 144)
        #expect(frames.first?.image.height == 108)
        #expect(frames.first?.image.sourceWidth == 288)
    }

    // MARK: Limits, each checked before the work it bounds

    @Test func refusesAFileOverTheSizeLimit() throws {
        let bytes = try SampleFiles.bytes("video/ai-pan.mp4")
        #expect(throws: DecodeError(.fileTooLarge, "")) {
            try VideoReader(bytes: bytes, limits: VideoLimits(maxFileBytes: bytes.count - 1))
        }
    }

    @Test func refusesAClipOverTheDurationLimit() throws {
        let bytes = try SampleFiles.bytes("video/ai-pan.mp4")
        #expect(throws: DecodeError(.durationExceeded, "")) {
            try VideoReader(bytes: bytes, limits: VideoLimits(maxDurationSeconds: 2.5))
        }
    }

    @Test func refusesFramesOverThePixelLimit() throws {
        let bytes = try SampleFiles.bytes("video/ai-pan.mp4")
        #expect(throws: DecodeError(.limitExceeded, "")) {
            try VideoReader(bytes: bytes, limits: VideoLimits(maxPixels: 288 * 216 - 1))
        }
    }

    @Test func refusesTooManyFramesFromTheHeaderOrTheIndex() throws {
        // MP4 declares its frame count: refused when opened.
        #expect(throws: DecodeError(.frameCountExceeded, "")) {
            try VideoReader(bytes: try SampleFiles.bytes("video/ai-pan.mp4"), limits: VideoLimits(maxFrames: 29))
        }
        // WebM does not: refused while indexing, at the 30th frame.
        let webm = try VideoReader(bytes: try SampleFiles.bytes("video/photo-pan.webm"), limits: VideoLimits(maxFrames: 29))
        #expect(throws: DecodeError(.frameCountExceeded, "")) { try webm.frameIndex() }
        let exact = try VideoReader(bytes: try SampleFiles.bytes("video/photo-pan.webm"), limits: VideoLimits(maxFrames: 30))
        #expect(try exact.frameIndex().entries.count == 30)
    }

    @Test func stopsAtTheDecodeTimeBudget() throws {
        // A budget of a nanosecond has run out by the time the demuxer reads its first packet.
        let bytes = try SampleFiles.bytes("video/ai-pan.mp4")
        #expect(throws: DecodeError(.timeBudgetExceeded, "")) {
            let reader = try VideoReader(bytes: bytes, limits: VideoLimits(maxDecodeSeconds: 1e-9))
            _ = try reader.frameIndex()
        }
    }

    @Test func truncatedClipIsATypedError() throws {
        let bytes = try SampleFiles.bytes("video/ai-pan.mp4")
        // The moov box comes first (+faststart): cutting the file in half loses frames of the mdat.
        let reader = try VideoReader(bytes: Array(bytes.prefix(bytes.count / 2)))
        #expect(throws: DecodeError(.truncated, "")) { try reader.frameIndex() }
        // Cut inside the moov box: the container cannot be opened.
        let error = #expect(throws: DecodeError.self) { try VideoReader(bytes: Array(bytes.prefix(600))) }
        #expect(error.map { [DecodeError.Code.truncated, .corrupt].contains($0.code) } == true)
    }

    @Test func garbageAfterAVideoSignatureIsATypedError() throws {
        var generator = SplitMix64(seed: 14)
        let noise = (0..<4096).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
        let mp4 = [0, 0, 0, 24] + Array("ftypmp42".utf8) + [0, 0, 0, 0] + Array("mp42isom".utf8) + noise
        let mp4Error = #expect(throws: DecodeError.self) { _ = try VideoReader(bytes: mp4).frameIndex() }
        #expect(mp4Error?.code == .corrupt)
        let webm = [0x1A, 0x45, 0xDF, 0xA3] + noise
        let webmError = #expect(throws: DecodeError.self) { _ = try VideoReader(bytes: webm).frameIndex() }
        #expect(webmError?.code == .corrupt)
        #expect(throws: DecodeError(.unsupportedFormat, "")) { try VideoReader(bytes: try SampleFiles.bytes("photo/lake-scene.jpg")) }
        #expect(throws: DecodeError.self) { try VideoReader(bytes: []) }
    }
}
