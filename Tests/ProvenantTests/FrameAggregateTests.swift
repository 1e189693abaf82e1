import Foundation
import Testing

@testable import Provenant

/// How frame probabilities combine into a clip's (docs/fusion.md, "Video"), on crafted inputs.
@Suite struct FrameAggregateTests {
    let rule = FrameAggregate()

    @Test func trimmedMeanOfLogitsKnownAnswer() throws {
        // Five frames, 20 % trimmed from each end: the 0.5 and the 0.99 go; logits 0, ln 9, ln 9 remain.
        let result = try #require(rule.combine([0.9, 0.5, 0.99, 0.5, 0.9]))
        #expect(result.averaged == 3)
        #expect(abs(result.logOdds - 2 * log(9.0) / 3) < 1e-12)
        #expect(abs(result.probability - 1 / (1 + pow(9.0, -2.0 / 3))) < 1e-12)
    }

    @Test func identicalFramesAreOneFrameOfEvidence() throws {
        // Six frames at 0.7 are not six independent pieces of evidence: the clip is 0.7, not 0.7's odds to the sixth.
        let result = try #require(rule.combine(Array(repeating: 0.7, count: 6)))
        #expect(abs(result.probability - 0.7) < 1e-12)
    }

    @Test func oneOddFrameCannotSwingTheClip() throws {
        let result = try #require(rule.combine([0.1, 0.1, 0.1, 0.1, 0.999]))
        #expect(abs(result.probability - 0.1) < 1e-12)
        // Without trimming the same frames average to a different answer.
        let untrimmed = try #require(FrameAggregate(trim: 0).combine([0.1, 0.1, 0.1, 0.1, 0.999]))
        let expected = (4 * log(0.1 / 0.9) + log(0.999 / 0.001)) / 5
        #expect(abs(untrimmed.logOdds - expected) < 1e-12)
    }

    @Test func smallSamplesAndClamping() throws {
        #expect(rule.combine([]) == nil)
        #expect(abs((try #require(rule.combine([0.3]))).probability - 0.3) < 1e-12)
        // Two frames: ⌊0.2 · 2⌋ = 0 trimmed, plain mean of the two logits.
        let two = try #require(rule.combine([0.2, 0.8]))
        #expect(two.averaged == 2 && abs(two.probability - 0.5) < 1e-12)
        // Certainties are clamped to [1e-4, 1 − 1e-4] before the logit.
        #expect(abs((try #require(rule.combine([1.0]))).probability - (1 - 1e-4)) < 1e-12)
    }

    @Test func quantilesInterpolate() {
        #expect(FrameAggregate.quantile([0.4, 0.1, 0.3, 0.2], 0.5) == 0.25)
        #expect(FrameAggregate.quantile([0.4, 0.1, 0.3, 0.2], 0) == 0.1)
        #expect(FrameAggregate.quantile([0.4, 0.1, 0.3, 0.2], 1) == 0.4)
        #expect(FrameAggregate.quantile([], 0.5) == nil)
    }

    static let video = VideoSummary(
        format: "mp4", container: "mov,mp4,m4a,3gp,3g2,mj2", codec: "h264", width: 1920, height: 1080)

    static func section(_ probabilities: [Double]) -> FramesSection {
        let frames = probabilities.enumerated().map { offset, p in
            FrameResult(index: offset * 30, timestamp: Double(offset), keyframe: offset == 0, reason: .evenlySpaced, probability: p)
        }
        return FramesSection(video: video, total: 300, maxFrames: 6, source: "statistical", rule: FrameAggregate(), sampled: frames)
    }

    @Test func sectionSummarisesTheFrames() throws {
        let section = Self.section([0.2, 0.9, 0.4, 0.95, 0.3])
        #expect(section.analysed == 5)
        #expect(section.averaged == 3)
        #expect(section.distribution == FramesSection.Distribution(min: 0.2, p25: 0.3, median: 0.4, p75: 0.9, max: 0.95))
        #expect(section.mostSuspicious.map(\.timestamp) == [3, 1, 2])
        // Trimmed: 0.2 and 0.95 go; logits of 0.3, 0.4, 0.9 averaged.
        let expected = 1 / (1 + exp(-(log(0.3 / 0.7) + log(0.4 / 0.6) + log(9.0)) / 3))
        #expect(section.probability == ReportRounding.probability(expected))
    }

    @Test func fusionWeighsAClipLikeAnImageWithTheSameProbability() throws {
        let section = Self.section([0.85, 0.85, 0.85])
        let fusion = Fusion()
        let clip = fusion.fuse(FusionEvidence(frames: section))
        let image = fusion.fuse(FusionEvidence(detector: DetectorEvidence(probability: 0.85, modelVersion: "m")))
        #expect(clip.aiProbability == image.aiProbability)
        let step = try #require(clip.steps.first { $0.kind == "detector" })
        #expect(step.name == "frames")
        #expect(
            step.reason
                == "clip pixel probability (trimmed mean in log-odds of the pixel-statistics probabilities for all 3 "
                + "sampled frames) 0.8500")
        // Trimming is said, with how many frames it left out.
        #expect(
            Self.section([0.2, 0.9, 0.4, 0.95, 0.3]).aggregateWording
                == "trimmed mean in log-odds of the pixel-statistics probabilities for all 5 sampled frames, the 2 most "
                + "extreme left out")
        // No frame scored: no pixel evidence, the prior stands.
        let empty = fusion.fuse(FusionEvidence(frames: Self.section([])))
        #expect(empty.aiProbability == ReportRounding.probability(fusion.policy.prior))
    }

    @Test func signedCredentialsStillDecideAClip() {
        // A trusted manifest declaring AI outweighs frames that look authentic, as for an image.
        var c2pa = C2PASummary.absent
        c2pa.state = .trusted
        c2pa.digitalSourceType = "http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia"
        let result = Fusion().fuse(FusionEvidence(c2pa: c2pa, frames: Self.section([0.05, 0.05, 0.05])))
        #expect(result.verdict == .likelyAI)
        #expect(result.decisiveProvenance)
    }
}
