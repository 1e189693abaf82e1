import Crypto
import DeepFeatures
import Forensics
import Foundation
import ImageDecoding

/// The deep stage's engine: the fused model and the CLIP encoder it names, loaded and verified once.
struct DeepStage: Sendable {
    /// The default fused model file name in `Models/`.
    static let defaultFileName = "provenant-detector-v2.json"
    /// The environment variable that overrides the fused model's path.
    static let environmentVariable = "PROVENANT_DEEP_MODEL"

    let detector: FusedDetector
    let embedder: ImageEmbedder

    /// Loads the fused model at `path` and the weight file it names (same directory), checking
    /// both SHA-256 checksums.
    init(modelPath path: String) throws(ReportError) {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ReportError(code: "deep.not_found", message: "no fused model at \(path)")
        }
        let file: FusedDetectorFile
        do {
            file = try FusedDetectorFile.decode([UInt8](data), sha256: Self.sha256Hex)
        } catch {
            throw ReportError(code: "deep.\(error.code.rawValue)", message: "cannot load the fused model \(path): \(error)")
        }
        let weights = URL(fileURLWithPath: path).deletingLastPathComponent()
            .appendingPathComponent(file.embedding.weightsFile).path
        guard let weightBytes = FileManager.default.contents(atPath: weights) else {
            throw ReportError(code: "deep.not_found", message: "the fused model names \(weights), which cannot be read")
        }
        guard Self.sha256Hex(weightBytes) == file.embedding.weightsSHA256.lowercased() else {
            throw ReportError(code: "deep.checksum_mismatch", message: "\(weights) does not match weights_sha256")
        }
        detector = FusedDetector(file: file)
        embedder = try EmbedderCache.embedder(weightsPath: weights)
    }

    static func sha256Hex<Bytes: DataProtocol>(_ bytes: Bytes) -> String {
        SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
    }

    /// Computes the tower's features of the pixels and returns the fused probability.
    func score(_ image: DecodedImage, handcraftedProbability: Double, mode: DeepMode, reason: String) throws(ReportError)
        -> DeepEvidence
    {
        let start = ContinuousClock.now
        let embedding = detector.file.embedding
        let features = try embedder.features(
            of: image, views: embedding.views, kind: embedding.features, combination: embedding.viewCombination)
        let (probability, probeLogit) = detector.probability(
            features: features, handcraftedProbability: handcraftedProbability)
        let elapsed = ContinuousClock.now - start
        return DeepEvidence(
            mode: mode, ran: true, reason: reason, probability: probability, probeLogit: probeLogit,
            modelVersion: detector.file.modelVersion, smallImage: isSmall(image),
            seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18)
    }

    /// Whether the image's shorter side is below the model's `min_short_side`.
    func isSmall(_ image: DecodedImage) -> Bool {
        min(image.width, image.height) < detector.file.minShortSide
    }
}
