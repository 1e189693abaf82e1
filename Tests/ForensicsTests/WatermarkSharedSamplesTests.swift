import Foundation
import ImageDecoding
import Testing
@testable import Forensics

/// Runs the detector over ../shared/data/watermark (see its manifest) and checks the results
/// recorded in docs/watermark.md: every mark is found in the lossless files and none in the originals.
@Suite("Watermark detector on the shared samples")
struct WatermarkSharedSamplesTests {
    @Test("marks in lossless files are found; clean originals are not flagged")
    func sharedSamples() throws {
        guard let shared = SignalsSharedData.directory() else {
            print("skipping: ../shared is absent")
            return
        }
        let manifest = try String(contentsOf: shared.appendingPathComponent("data/watermark/manifest.csv"), encoding: .utf8)
        let detector = WatermarkDetector()
        var lossless = (files: 0, found: 0)
        var originals = (files: 0, flagged: 0)
        var jpeg: [String: (files: Int, found: Int)] = [:]
        for row in SignalsSharedData.csvRows(manifest) {
            guard let file = row["file"], let method = row["method"], let notes = row["notes"] else { continue }
            let bytes = try SignalsSharedData.bytes("data/watermark/" + file, in: shared)
            let image = try ImageDecoder.decode(bytes).rgb
            let start = DispatchTime.now().uptimeNanoseconds
            let coefficients = file.hasSuffix(".jpg") ? try JPEGCoefficientReader.read(bytes) : nil
            let result = detector.detect(image, jpegCoefficients: coefficients)
            let milliseconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
            let variant = String(notes.prefix { $0 != ";" })
            let expected = WatermarkPayload.known.first { payload in
                row["message_bits"] == payload.bits.map { $0 == 1 ? "1" : "0" }.joined()
            }
            print(
                "WATERMARK \(file) [\(method) \(variant)] detected=\(result.detected) "
                    + "\(result.payloadName ?? "-") \(result.bitsMatched)/\(result.bitsTotal) "
                    + "\(result.channelOrder ?? "-") \(result.method ?? "-") \(String(format: "%.1f", milliseconds)) ms | \(result.detail)")
            let correct = result.detected && result.payloadName == expected?.name
            if method == "none" {
                originals.files += 1
                originals.flagged += result.detected ? 1 : 0
                #expect(!result.detected, "clean original flagged: \(file)")
            } else if file.hasPrefix("wm/") {
                lossless.files += 1
                lossless.found += correct ? 1 : 0
                #expect(correct, "mark not found in lossless \(file): \(result.detail)")
                if method == "dwtDct" {
                    #expect(result.channelOrder == (notes.contains("channel order rgb") ? "rgb" : "bgr"))
                }
            } else {
                let quality = file.hasSuffix("q95.jpg") ? "q95" : file.hasSuffix("q85.jpg") ? "q85" : "q75"
                var entry = jpeg["\(method) \(quality)"] ?? (0, 0)
                entry.files += 1
                entry.found += correct ? 1 : 0
                jpeg["\(method) \(quality)"] = entry
                if result.detected { #expect(result.payloadName == expected?.name, "wrong payload in \(file)") }
            }
        }
        print("WATERMARK lossless found \(lossless.found)/\(lossless.files); originals flagged \(originals.flagged)/\(originals.files)")
        for (key, entry) in jpeg.sorted(by: { $0.key < $1.key }) {
            print("WATERMARK jpeg \(key): found \(entry.found)/\(entry.files)")
        }
        #expect(lossless.files == 15)
        #expect(originals.files == 3)
    }
}
