import ImageDecoding
import ProvenantTestSupport
import Testing

@testable import Provenant

/// The documented frame-sampling policy: key frames spread over the clip plus evenly spaced time slots.
@Suite struct FrameSamplingTests {
    /// 30 frames at 10 fps with key frames at 0, 10 and 20 (the layout of the Samples/video clips).
    let clip = VideoFrameIndex(
        entries: (0..<30).map { VideoFrameIndex.Entry(timestamp: Int64($0), seconds: Double($0) / 10, isKeyframe: $0 % 10 == 0) })

    @Test func defaultPolicyOnTheSampleLayout() {
        let choices = FrameSamplingPolicy().select(clip)
        #expect(choices.map(\.position) == [0, 5, 10, 15, 20, 25])
        #expect(choices.map(\.reason) == [.keyframe, .evenlySpaced, .keyframe, .evenlySpaced, .keyframe, .evenlySpaced])
    }

    @Test func fourFramesTakeTwoKeyframesAndTwoTimeSlots() {
        // Key frames 0 and 20 (first and last); slots at 0.75 s and 2.25 s of the 3 s span: frames 8 and 23.
        #expect(FrameSamplingPolicy(maxFrames: 4).select(clip).map(\.position) == [0, 8, 20, 23])
    }

    @Test func oneFrameIsTheFirstKeyframe() {
        #expect(FrameSamplingPolicy(maxFrames: 1).select(clip).map(\.position) == [0])
    }

    @Test func neverMoreThanTheClipHas() {
        let short = VideoFrameIndex(entries: (0..<3).map { VideoFrameIndex.Entry(timestamp: Int64($0), seconds: Double($0), isKeyframe: $0 == 0) })
        #expect(FrameSamplingPolicy(maxFrames: 50).select(short).map(\.position) == [0, 1, 2])
        #expect(FrameSamplingPolicy().select(VideoFrameIndex(entries: [])).isEmpty)
    }

    @Test func manyKeyframesAreSpreadEvenly() {
        // Every frame a key frame (intra-only video): 3 spread key frames 0, 15, 29, then slots at 0.5, 1.5, 2.5 s.
        let intra = VideoFrameIndex(entries: (0..<30).map { VideoFrameIndex.Entry(timestamp: Int64($0), seconds: Double($0) / 10, isKeyframe: true) })
        let choices = FrameSamplingPolicy().select(intra)
        #expect(choices.map(\.position) == [0, 5, 15, 25, 29])
        #expect(choices.filter { $0.reason == .keyframe }.map(\.position) == [0, 15, 29])
    }

    @Test func deepStageFramesAreSpreadOverTheSample() {
        #expect(FrameSamplingPolicy().deepFrameSlots(count: 6) == [0, 5])
        #expect(FrameSamplingPolicy(maxDeepFrames: 3).deepFrameSlots(count: 6) == [0, 3, 5])
        #expect(FrameSamplingPolicy(maxDeepFrames: 0).deepFrameSlots(count: 6).isEmpty)
    }

    @Test func exactTimestampsChosenForTheCommittedClip() throws {
        let reader = try VideoReader(bytes: try SampleFiles.bytes("video/ai-pan.mp4"))
        let index = try reader.frameIndex()
        let choices = FrameSamplingPolicy().select(index)
        #expect(choices.map { index.entries[$0.position].seconds } == [0, 0.5, 1, 1.5, 2, 2.5])
    }
}
