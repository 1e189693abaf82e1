import C2PA
import Foundation
import Testing

/// Runs the WebP, HEIF/HEIC, AVIF, TIFF and DNG fixtures of ../shared/c2pa/formats against the reference
/// verdicts (expected.jsonl without anchors, expected_trusted.jsonl with them). GIF, MP4 and MOV files in
/// that folder belong to formats this verifier does not read yet and are left out by extension.
@Suite("C2PA conformance: ../shared/c2pa/formats (WebP, HEIF, AVIF, TIFF, DNG)")
struct FormatConformanceTests {
    static let extensions: Set<String> = ["webp", "heic", "avif", "tif", "dng"]

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
        #expect(score.total == 36)
        #expect(score.state == score.total)
        #expect(score.codes == score.total)
        #expect(score.dst == score.total)
    }
}
