import ImageDecoding
import Testing

import Foundation

@Suite struct RobustnessCorpusTests {
    /// Every file in ../shared/data/robustness either decodes or fails with a DecodeError.
    /// (A crash or hang would fail the whole run.)
    @Test func everyFileDecodesOrFailsCleanly() throws {
        guard let directory = SharedData.directory("robustness") else {
            print("skipping: ../shared/data/robustness is not present")
            return
        }
        var decoded = 0
        var failed = 0
        var coefficientReads = 0
        for url in SharedData.files(under: directory) {
            let ext = url.pathExtension.lowercased()
            guard ext != "csv", ext != "md" else { continue }
            let bytes = try SharedData.bytes(url)
            do {
                let image = try ImageDecoder.decode(bytes)
                #expect(image.rgb.pixels.count == image.width * image.height * 3)
                decoded += 1
                // The region path (skip/crop scanlines) must be as robust as the full decode.
                let region = PixelRegion(
                    x: image.width / 3, y: image.height / 3, width: max(1, image.width / 3),
                    height: max(1, image.height / 3))
                _ = try? ImageDecoder.decode(bytes, options: DecodeOptions(region: region))
            } catch {
                #expect(!error.message.isEmpty, "\(url.lastPathComponent): empty message")
                failed += 1
            }
            if (try? JPEGCoefficientReader.read(bytes)) != nil { coefficientReads += 1 }
            _ = try? ImageDecoder.decode(bytes, options: DecodeOptions(scale: .quarter))
        }
        print("robustness corpus: \(decoded) decoded, \(failed) failed with DecodeError, \(coefficientReads) coefficient reads")
        #expect(decoded > 0)
    }
}
