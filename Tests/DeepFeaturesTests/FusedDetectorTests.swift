import DeepFeatures
import Forensics
import Foundation
import ProvenantTestSupport
import Testing

/// The fused model file: checksum rule, validation and the stacked, calibrated probability.
@Suite struct FusedDetectorTests {
    static func decode(_ text: String) throws(DeepFeaturesError) -> FusedDetectorFile {
        try FusedDetectorFile.decode(Array(text.utf8)) { bytes in
            SHA256Digest.hash(bytes).map { String($0, radix: 16).count == 1 ? "0" + String($0, radix: 16) : String($0, radix: 16) }
                .joined()
        }
    }

    @Test func handMadeFileLoadsAndComputesTheStackedProbability() throws {
        let file = try Self.decode(FusedModelFixture.json(probeBias: 1.5, stackHandcrafted: 0.5, cascade: (0.2, 0.9)))
        #expect(file.modelVersion == "test-fused-handmade")
        #expect(file.embedding.views == [.resize224])
        let detector = FusedDetector(file: file)
        let embedding = [Float](repeating: 0.01, count: 512)
        let (p, probe) = detector.probability(embedding: embedding, handcraftedProbability: 0.8)
        // z = 1 * 1.5 + 0.5 * logit(0.8) = 1.5 + 0.5 * ln 4; p = sigmoid(z).
        let z = 1.5 + 0.5 * log(4.0)
        #expect(probe == 1.5)
        #expect(abs(p - 1 / (1 + exp(-z))) < 1e-12)
        #expect(detector.cascadeWantsDeep(handcraftedProbability: 0.5))
        #expect(!detector.cascadeWantsDeep(handcraftedProbability: 0.1))
        #expect(!detector.cascadeWantsDeep(handcraftedProbability: 0.95))
        #expect(detector.cascadeWantsDeep(handcraftedProbability: nil))
        #expect(FusedDetector.handcraftedLogit(1) == 9.9)
    }

    @Test func anEditedParameterFailsTheChecksum() {
        let edited = FusedModelFixture.json().replacingOccurrences(of: "\"bias\": 5.0", with: "\"bias\": 6.0")
        #expect(throws: DeepFeaturesError(.checksumMismatch, "")) { try Self.decode(edited) }
    }

    @Test func wrongDimensionsAreRejected() {
        let text = FusedModelFixture.json().replacingOccurrences(of: "\"dim\": 512", with: "\"dim\": 256")
        #expect(throws: DeepFeaturesError(.dimensionMismatch, "")) { try Self.decode(text) }
    }
}
