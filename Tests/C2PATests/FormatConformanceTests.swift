import C2PA
import Foundation
import Testing

/// Runs every fixture of ../shared/c2pa/formats — WebP, HEIF/HEIC, AVIF, TIFF, DNG, GIF, MP4 and MOV —
/// against the reference verdicts (expected.jsonl without anchors, expected_trusted.jsonl with them), and
/// the video and GIF files on their own so their figure is printed apart.
@Suite("C2PA conformance: ../shared/c2pa/formats (WebP, HEIF, AVIF, TIFF, DNG, GIF, MP4, MOV)")
struct FormatConformanceTests {
    static let extensions: Set<String> = ["webp", "heic", "avif", "tif", "dng", "gif", "mp4", "mov"]
    static let videoAndGIF: Set<String> = ["gif", "mp4", "mov"]

    @Test("agreement with the formats reference", arguments: [false, true])
    func agreement(trusted: Bool) throws {
        guard let root = ConformanceTests.fixtureRoot,
            FileManager.default.fileExists(atPath: root.appendingPathComponent("formats/expected.jsonl").path)
        else {
            print("skipping: ../shared/c2pa/formats not found")
            return
        }
        let name = trusted ? "formats/expected_trusted.jsonl" : "formats/expected.jsonl"
        let score = try ConformanceTests.run(expectedName: name, trusted: trusted, root: root) { path in
            Self.extensions.contains((path as NSString).pathExtension.lowercased())
        }
        for line in score.disagreements { print("  DISAGREE \(line)") }
        print("C2PA formats \(name): state \(score.state)/\(score.total) codes \(score.codes)/\(score.total) dst \(score.dst)/\(score.total)")
        #expect(score.total == 56)
        #expect(score.state == score.total)
        #expect(score.codes == score.total)
        #expect(score.dst == score.total)
        let video = try ConformanceTests.run(expectedName: name, trusted: trusted, root: root) { path in
            Self.videoAndGIF.contains((path as NSString).pathExtension.lowercased())
        }
        print("C2PA formats \(name), GIF/MP4/MOV only: state \(video.state)/\(video.total) codes \(video.codes)/\(video.total) dst \(video.dst)/\(video.total)")
        #expect(video.total == 20)
        #expect(video.state == video.total)
    }
}
