import Foundation
import ImageDecoding
import Testing
@testable import Forensics

/// Runs the detector over ../shared/data/detect: real photos must not be flagged; AI detections
/// are listed (for docs/watermark.md). Slow in debug builds, so it runs only when
/// `PROVENANT_SLOW_TESTS` is set.
@Suite("Watermark detector on the shared detect set")
struct WatermarkDetectSetTests {
    @Test("no real photo carries a detected mark")
    func detectSet() throws {
        guard ProcessInfo.processInfo.environment["PROVENANT_SLOW_TESTS"] != nil else {
            print("skipping: set PROVENANT_SLOW_TESTS=1 to scan the whole detect set (minutes in debug builds)")
            return
        }
        guard let shared = SignalsSharedData.directory() else {
            print("skipping: ../shared is absent")
            return
        }
        let labels = try String(contentsOf: shared.appendingPathComponent("data/detect/labels.csv"), encoding: .utf8)
        let detector = WatermarkDetector()
        var checked: [String: Int] = [:]
        var skipped: [String: Int] = [:]
        var flagged: [String: Int] = [:]
        var realFlagged: [String] = []
        var maxBits: [String: Int] = [:]
        var chromaRead: [String: Int] = [:]
        var maxExcess: [String: Double] = [:]
        for row in SignalsSharedData.csvRows(labels) {
            guard let file = row["file"], let label = row["label"] else { continue }
            let bytes = try SignalsSharedData.bytes("data/detect/" + file, in: shared)
            guard let image = try? ImageDecoder.decode(bytes).rgb else {
                skipped[label, default: 0] += 1
                continue
            }
            guard image.width * image.height >= 256 * 256 else {
                skipped[label, default: 0] += 1
                continue
            }
            // JPEGs with subsampled chroma are read from their stored chroma, as the detector does.
            let candidates: [WatermarkDetector.Candidate]
            if let coefficients = try? JPEGCoefficientReader.read(bytes), var plane = JPEGChromaPlane(coefficients),
                plane.covers(width: image.width, height: image.height)
            {
                chromaRead[label, default: 0] += 1
                candidates = detector.candidates(width: image.width, height: image.height) { reader, rows, order in
                    plane.read(reader: reader, rows: rows, order: order, methods: detector.methods)
                }
            } else {
                candidates = detector.candidates(pixels: image.pixels, width: image.width, height: image.height)
            }
            let result = WatermarkDetector.summarize(candidates)
            checked[label, default: 0] += 1
            for candidate in candidates {
                let key = "\(label) \(candidate.payload.name)/\(candidate.method.rawValue)"
                maxBits[key] = max(maxBits[key] ?? 0, candidate.matched)
                maxExcess[key] = max(maxExcess[key] ?? 0, candidate.excessAgreement)
            }
            if result.detected {
                flagged[label, default: 0] += 1
                print("WATERMARK-DETECT \(label) \(file): \(result.detail)")
                if label == "real" { realFlagged.append(file) }
            }
        }
        for label in ["ai", "real"] {
            print("WATERMARK-DETECT \(label): checked \(checked[label] ?? 0) (\(chromaRead[label] ?? 0) from JPEG chroma), below 256×256 or undecodable \(skipped[label] ?? 0), detected \(flagged[label] ?? 0)")
        }
        for (key, value) in maxBits.sorted(by: { $0.key < $1.key }) {
            let excess = Int(((maxExcess[key] ?? 0) * 1000).rounded())
            print("WATERMARK-DETECT \(key): most bits \(value), most excess agreement \(excess)/1000")
        }
        #expect(realFlagged.isEmpty)
    }
}
