import Foundation
import Provenant
import ProvenantTestSupport
import Testing

/// `verify` (the provenance stage alone) reads Content Credentials in MP4: the committed
/// `Samples/c2pa/video_signed.mp4`, and a copy with one `mdat` byte changed.
@Suite("Provenance of video files through the Analyzer")
struct VideoProvenanceTests {
    @Test func verifyReadsTheSignedMP4Sample() async throws {
        let bytes = try SampleFiles.bytes("c2pa/video_signed.mp4")
        let analyzer = try Analyzer(configuration: AnalyzerConfiguration(stages: .provenance))
        let report = await analyzer.analyze(bytes: bytes, name: "video_signed.mp4")
        #expect(report.error == nil)
        let c2pa = try #require(report.provenance?.c2pa)
        #expect(c2pa.state == .valid)
        #expect(c2pa.successes.contains("assertion.bmffHash.match"))
        #expect(c2pa.digitalSourceType == "http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia")
        // One changed byte in the middle of the mdat payload breaks the BMFF hash.
        var tampered = bytes
        tampered[bytes.count / 2] ^= 0x01
        let broken = await analyzer.analyze(bytes: tampered, name: "tampered.mp4")
        #expect(broken.provenance?.c2pa.state == .invalid)
        #expect(broken.provenance?.c2pa.failures.contains("assertion.bmffHash.mismatch") == true)
    }
}
