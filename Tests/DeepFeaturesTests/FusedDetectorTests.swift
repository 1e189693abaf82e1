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
        let (p, probe) = detector.probability(features: embedding, handcraftedProbability: 0.8)
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

    static func hex(_ bytes: [UInt8]) -> String {
        SHA256Digest.hash(bytes).map { String($0, radix: 16).count == 1 ? "0" + String($0, radix: 16) : String($0, radix: 16) }.joined()
    }

    /// Written files read back to the same parameters, so the checksum computed at writing holds:
    /// awkward doubles, both versions, and the shipped model file.
    @Test func writtenFilesReadBackExactly() throws {
        let awkward: [Double] = [0.1 + 0.2, 1e-300, -2.5e-8, 1.0 / 3, 123456.789, -0.0]
        let kinds: [(TowerFeatures, Bool, Int, String?)] = [
            (.projectedEmbedding, false, 512, nil), (.classTokens(layers: [11]), true, 768, "class_tokens:11"),
            (.tokenMeans(layers: [5, 11]), true, 4 * 768, "token_means:5,11"),
            (.tokenMoments(layers: [0, 11]), true, 6 * 768, "token_moments:0,11"),
        ]
        for (features, writesFeatures, dim, canonical) in kinds {
            #expect(features.width(for: .vitB16) == dim)
            let vector = (0..<dim).map { awkward[$0 % awkward.count] }
            let file = FusedDetectorFile(
                modelVersion: "round-trip",
                embedding: .init(weightsFile: "w.pvw", weightsSHA256: String(repeating: "0f", count: 32), dim: dim,
                                 views: [.resize224], features: features, writesFeatures: writesFeatures),
                probe: .init(mean: vector, std: vector.map { abs($0) + 0.5 }, weights: vector, bias: 0.1 + 0.2),
                stack: .init(weights: [0.7, 1.0 / 3], bias: -0.25), calibration: .init(a: 1.0000000000000002, b: -1e-17),
                thresholds: .init(likelyAI: 0.8862001519664954, likelyAuthentic: 0.15194986290202112),
                cascade: .init(skipBelow: 0.005, skipAbove: 1), minShortSide: 256, sha256: Self.hex)
            #expect(file.version == (writesFeatures ? 2 : 1))
            let read = try FusedDetectorFile.decode(try file.encodedJSON(training: ["by": "test"]), sha256: Self.hex)
            #expect(read == file)
            #expect(read.checksum.value == Self.hex(Array(read.canonicalPayload().utf8)))
            #expect(read.embedding.features == features)
            // −0.0 (in the vectors) is written 0.0 in the checksummed text: JSON readers disagree on `-0`.
            #expect(read.canonicalPayload().contains(",0.0,") && !read.canonicalPayload().contains("-0.0"))
            if let canonical { #expect(read.canonicalPayload().contains("\nfeatures=\(canonical)\n")) }
        }
        let shipped = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Models/provenant-detector-v2.json")
        let file = try FusedDetectorFile.decode([UInt8](try Data(contentsOf: shipped)), sha256: Self.hex)
        let rewritten = try FusedDetectorFile.decode(try file.encodedJSON(training: Optional<String>.none), sha256: Self.hex)
        #expect(rewritten == file && rewritten.checksum == file.checksum)
    }

    @Test func anEditedParameterFailsTheChecksum() {
        let edited = FusedModelFixture.json().replacingOccurrences(of: "\"bias\": 5.0", with: "\"bias\": 6.0")
        #expect(throws: DeepFeaturesError(.checksumMismatch, "")) { try Self.decode(edited) }
    }

    @Test func wrongDimensionsAreRejected() {
        let text = FusedModelFixture.json().replacingOccurrences(of: "\"dim\": 512", with: "\"dim\": 256")
        #expect(throws: DeepFeaturesError(.dimensionMismatch, "")) { try Self.decode(text) }
    }

    @Test func versionTwoReadsTheClassTokensItNames() throws {
        let file = try Self.decode(FusedModelFixture.json(probeBias: -2, classTokenLayers: [5, 7, 9, 11]))
        #expect(file.version == 2)
        #expect(file.embedding.features == .classTokens(layers: [5, 7, 9, 11]))
        #expect(file.embedding.dim == 3072 && file.probe.weights.count == 3072)
        #expect(file.canonicalPayload().contains("\nviews=resize224\nfeatures=class_tokens:5,7,9,11\nprobe_mean="))
        let (_, probe) = FusedDetector(file: file).probability(features: [Float](repeating: 1, count: 3072), handcraftedProbability: 0.5)
        #expect(probe == -2)
        // Version 1 files carry no features line and read the embedding.
        let v1 = try Self.decode(FusedModelFixture.json())
        #expect(v1.embedding.features == .projectedEmbedding)
        #expect(!v1.canonicalPayload().contains("features="))
    }

    @Test func versionTwoRefusesInconsistentFeatures() {
        let v2 = FusedModelFixture.json(classTokenLayers: [5, 7])
        // dim must be 768 per layer
        #expect(throws: DeepFeaturesError(.dimensionMismatch, "")) {
            try Self.decode(v2.replacingOccurrences(of: "\"layers\": [5, 7]", with: "\"layers\": [5, 7, 9]"))
        }
        // layers strictly increasing and inside the tower
        #expect(throws: DeepFeaturesError(.dimensionMismatch, "")) {
            try Self.decode(v2.replacingOccurrences(of: "\"layers\": [5, 7]", with: "\"layers\": [7, 5]"))
        }
        #expect(throws: DeepFeaturesError(.dimensionMismatch, "")) {
            try Self.decode(v2.replacingOccurrences(of: "\"layers\": [5, 7]", with: "\"layers\": [5, 12]"))
        }
        // version 2 must name its features, version 1 must not
        #expect(throws: DeepFeaturesError(.unsupportedVersion, "")) {
            try Self.decode(v2.replacingOccurrences(of: "\"version\": 2", with: "\"version\": 1"))
        }
        #expect(throws: DeepFeaturesError(.unsupportedVersion, "")) {
            try Self.decode(FusedModelFixture.json().replacingOccurrences(of: "\"version\": 1", with: "\"version\": 2"))
        }
        #expect(throws: DeepFeaturesError(.unsupportedVersion, "")) {
            try Self.decode(v2.replacingOccurrences(of: "\"version\": 2", with: "\"version\": 3"))
        }
    }

    /// Version 3: the views' features concatenated. The file names the combination in its checksummed
    /// text, `dim` counts every view, and the key is required in version 3 and refused before it.
    @Test func versionThreeConcatenatesItsViews() throws {
        let views: [EmbeddingView] = [.resize224, .nativeCrops(count: 1)]
        func file(dim: Int) -> FusedDetectorFile {
            let vector = (0..<dim).map { Double($0 % 7) / 8 }
            return FusedDetectorFile(
                modelVersion: "two-views",
                embedding: .init(weightsFile: "w.pvw", weightsSHA256: String(repeating: "0f", count: 32), dim: dim, views: views,
                                 features: .classTokens(layers: [11]), viewCombination: .concatenate),
                probe: .init(mean: vector, std: vector.map { $0 + 1 }, weights: vector, bias: 0.5),
                stack: .init(weights: [1, 0.25], bias: -0.5), calibration: .init(a: 1.25, b: -0.125),
                thresholds: .init(likelyAI: 0.9, likelyAuthentic: 0.2), cascade: .init(skipBelow: 0.01, skipAbove: 1),
                minShortSide: 224, sha256: Self.hex)
        }
        let two = file(dim: 1536)
        #expect(two.version == 3 && two.embedding.expectedDim(for: .vitB16) == 1536)
        #expect(two.canonicalPayload().contains("\nviews=resize224,native_crops:1\nfeatures=class_tokens:11\nview_combination=concatenate\nprobe_mean="))
        let json = try two.encodedJSON(training: Optional<String>.none)
        let read = try FusedDetectorFile.decode(json, sha256: Self.hex)
        #expect(read == two && read.embedding.viewCombination == .concatenate)
        // One view's width is not enough for two concatenated views.
        #expect(throws: DeepFeaturesError(.dimensionMismatch, "")) { try file(dim: 768).validate() }
        let text = String(decoding: json, as: UTF8.self)
        #expect(text.contains("\"view_combination\" : \"concatenate\""))
        // Version 3 must name the combination; version 2 must not.
        #expect(throws: DeepFeaturesError(.unsupportedVersion, "")) {
            try Self.decode(text.replacingOccurrences(of: "\"view_combination\" : \"concatenate\",", with: ""))
        }
        #expect(throws: DeepFeaturesError(.unsupportedVersion, "")) {
            try Self.decode(text.replacingOccurrences(of: "\"version\" : 3", with: "\"version\" : 2"))
        }
        // The probe reads the concatenated vector: the same value in every column gives the same
        // logit however the columns are split between the views.
        let features = [Float](repeating: 2, count: 1536)
        let expected = 0.5 + (0..<1536).reduce(0.0) { z, j in
            let w = Double(j % 7) / 8
            return z + w * (2 - w) / (w + 1)
        }
        #expect(abs(FusedDetector(file: read).probeLogit(features) - expected) < 1e-9)
    }

    /// Version 4: the stack names the hand-crafted model it was fitted on. The pin is covered by the
    /// checksum, required in version 4 and refused before it, and must be 64 lowercase hex digits.
    @Test func versionFourPinsTheHandcraftedModel() throws {
        let pin = String(repeating: "3c", count: 32)
        let text = FusedModelFixture.json(stackHandcrafted: 0.25, handcraftedModelSHA256: pin)
        let file = try Self.decode(text)
        #expect(file.version == 4 && file.stack.handcraftedModelSHA256 == pin)
        #expect(file.embedding.viewCombination == .average && file.embedding.features == .projectedEmbedding)
        #expect(file.canonicalPayload().contains("\nstack_bias=0.0\nstack_handcrafted_model_sha256=\(pin)\ncalibration="))
        // Written by the library: the pin makes the file version 4 and reads back exactly.
        let written = FusedDetectorFile(
            modelVersion: file.modelVersion, embedding: file.embedding, probe: file.probe, stack: file.stack,
            calibration: file.calibration, thresholds: file.thresholds, cascade: file.cascade, minShortSide: file.minShortSide,
            sha256: Self.hex)
        #expect(written == file)
        #expect(try FusedDetectorFile.decode(try written.encodedJSON(training: Optional<String>.none), sha256: Self.hex) == file)
        // Another pin fails the checksum; no pin, an early version or a malformed pin is refused.
        #expect(throws: DeepFeaturesError(.checksumMismatch, "")) {
            try Self.decode(text.replacingOccurrences(of: pin, with: String(repeating: "3d", count: 32)))
        }
        #expect(throws: DeepFeaturesError(.unsupportedVersion, "")) {
            try Self.decode(text.replacingOccurrences(of: #", "handcrafted_model_sha256": "\#(pin)""#, with: ""))
        }
        #expect(throws: DeepFeaturesError(.unsupportedVersion, "")) {
            try Self.decode(text.replacingOccurrences(of: "\"version\": 4", with: "\"version\": 3"))
        }
        #expect(throws: DeepFeaturesError(.malformed, "")) {
            try Self.decode(text.replacingOccurrences(of: pin, with: pin.uppercased()))
        }
    }
}
