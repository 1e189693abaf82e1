import Foundation
import Provenant
import Testing

@testable import ProvenantCLI

/// `inspect` shows the WebP, ISO BMFF (HEIF/AVIF) and TIFF container facts, in its text output and in its JSON.
@Suite struct InspectFormatFactsTests {
    static func samples(_ names: [String]) -> [String]? {
        let paths = names.compactMap { SampleCommandTests.sample($0) }
        guard paths.count == names.count else {
            print("skipping: Samples/ not found")
            return nil
        }
        return paths
    }

    @Test func textOutputHasAFactsLinePerFormat() async throws {
        guard
            let files = Self.samples([
                "webp/lossless-alpha.webp", "webp/lossy.webp", "webp/animated.webp", "heif/blocks.heic",
                "heif/blocks.avif", "tiff/deflate.tif",
            ])
        else { return }
        let result = try await CommandTests.run(["inspect", "--jobs", "1"] + files)
        #expect(result.status == 0)
        let text = result.console.output
        #expect(text.contains("  webp: lossless (VP8L), alpha, still\n"))
        #expect(text.contains("  webp: lossy (VP8), still\n"))
        #expect(text.contains(", animated, 2 frames\n"))
        #expect(text.contains("  bmff: brands heic mif1 miaf, "))
        #expect(text.contains("  bmff: brands avif mif1 miaf, "))
        #expect(text.contains("  tiff: little-endian, deflate, RGB, 3 × 8-bit samples\n"))
        // One facts line per file, none for the other formats.
        #expect(text.components(separatedBy: "  webp: ").count - 1 == 3)
        #expect(text.components(separatedBy: "  bmff: ").count - 1 == 2)
        #expect(text.components(separatedBy: "  tiff: ").count - 1 == 1)
    }

    @Test func jsonCarriesTheFacts() async throws {
        guard let files = Self.samples(["webp/lossless-alpha.webp", "heif/blocks.heic", "tiff/deflate.tif", "jpeg/baseline-exif.jpg"])
        else { return }
        let result = try await CommandTests.run(["inspect", "--format", "jsonl", "--jobs", "1"] + files)
        let lines = result.console.output.split(separator: "\n").map(String.init)
        #expect(lines.count == 4)
        guard lines.count == 4 else { return }
        let images = try lines.map { line -> [String: Any] in
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            return object?["image"] as? [String: Any] ?? [:]
        }
        let webp = images[0]["webp"] as? [String: Any]
        #expect(webp?["lossless"] as? Bool == true)
        #expect(webp?["has_alpha"] as? Bool == true)
        #expect(webp?["animated"] as? Bool == false)
        #expect(webp?["frame_count"] as? Int == 1)
        let bmff = images[1]["bmff"] as? [String: Any]
        #expect(bmff?["brands"] as? [String] == ["heic", "mif1", "miaf"])
        #expect(bmff?["has_sequence"] as? Bool == false)
        let tiff = images[2]["tiff"] as? [String: Any]
        #expect(tiff?["byte_order"] as? String == "II")
        #expect(tiff?["compression"] as? Int == 8)
        #expect(tiff?["photometric"] as? Int == 2)
        #expect(tiff?["samples_per_pixel"] as? Int == 3)
        #expect(tiff?["bits_per_sample"] as? Int == 8)
        #expect(tiff?["dng"] as? Bool == false)
        // The other formats' keys are present and null.
        for key in ["webp", "bmff", "tiff"] { #expect(images[3][key] is NSNull) }
        #expect(images[0]["tiff"] is NSNull && images[2]["webp"] is NSNull)
    }
}
