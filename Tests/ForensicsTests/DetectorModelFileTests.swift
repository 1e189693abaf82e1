import Foundation
import Testing

@testable import Forensics

@Suite struct DetectorModelFileTests {
    static func sampleFile() -> DetectorModelFile {
        let spec = FeatureSpec(tileSize: 64, maxTiles: 2, spamThreshold: 1, spectrumTiles: 1, spectrumBins: 4)
        let dimension = spec.dimension ?? 0
        return DetectorModelFile(
            modelVersion: "test-v1", features: spec,
            standardization: Standardizer(
                mean: (0..<dimension).map { Double($0) / 7 }, std: [Double](repeating: 0.5, count: dimension)),
            classifier: .init(weights: (0..<dimension).map { Double($0 % 5) - 2.25 }, bias: 0.125),
            calibration: .init(a: 0.8, b: -0.1),
            thresholds: .init(likelyAI: 0.9, likelyAuthentic: 0.1),
            training: .init(
                command: "test", seed: 7, copies: 1, realImages: 1, aiImages: 1, sources: 2, l2: 0.01,
                calibrationFolds: 2, calibrationECE: 0, outOfFoldAUC: 0.5, notes: ""))
    }

    @Test func roundTripPreservesEverything() throws {
        let file = Self.sampleFile()
        #expect(file.features.dimension == 66)
        let model = try DetectorModel(file: file)
        let bytes = try model.encoded()
        let decoded = try DetectorModel.decode(bytes)
        #expect(decoded.file == file)
        #expect(decoded.file.checksum.value.count == 64)
        let pixels = (0..<(80 * 70 * 3)).map { UInt8(($0 * 31) % 251) }
        #expect(decoded.score(rgb: pixels, width: 80, height: 70) == model.score(rgb: pixels, width: 80, height: 70))
    }

    @Test func tamperedWeightsAreRejected() throws {
        var file = Self.sampleFile()
        file.classifier.weights[3] += 0.5
        #expect(throws: DetectorModelError(.checksumMismatch, "")) { try DetectorModel(file: file) }
        file.updateChecksum()
        _ = try DetectorModel(file: file)
        // Tampering in the JSON text is caught the same way.
        let text = String(decoding: try DetectorModel.encode(Self.sampleFile()), as: UTF8.self)
        let edited = text.replacingOccurrences(of: "\"bias\" : 0.125", with: "\"bias\" : 0.5")
        #expect(edited != text)
        #expect(throws: DetectorModelError(.checksumMismatch, "")) { try DetectorModel.decode(Array(edited.utf8)) }
    }

    @Test func wrongVersionAndDimensionsAreTyped() {
        var file = Self.sampleFile()
        file.version = 2
        #expect(throws: DetectorModelError(.unsupportedVersion, "")) { try DetectorModel(file: file) }
        var short = Self.sampleFile()
        short.classifier.weights.removeLast()
        #expect(throws: DetectorModelError(.dimensionMismatch, "")) { try DetectorModel(file: short) }
        #expect(throws: DetectorModelError(.malformed, "")) { try DetectorModel.decode(Array("{}".utf8)) }
    }

    @Test func verdictBands() throws {
        let model = try DetectorModel(file: Self.sampleFile())
        #expect(model.verdict(probability: 0.95) == .likelyAI)
        #expect(model.verdict(probability: 0.5) == .inconclusive)
        #expect(model.verdict(probability: 0.05) == .likelyAuthentic)
    }
}
