import DeepFeatures
import Forensics
import Foundation

/// Hand-made fused deep models (`provenant-detector-v2.json` format) for tests, written with the
/// canonical-payload checksum the loader checks, until a trained model is available.
public enum FusedModelFixture {
    /// The JSON text of a fused model whose probe ignores its features (zero weights) and outputs
    /// `probeBias`; stack `[1, stackHandcrafted]`, Platt a = 1, b = 0. With `classTokenLayers`, a
    /// version 2 file reading those blocks' class tokens (768 values each); without, version 1 on
    /// the 512-value embedding. With `handcraftedModelSHA256`, a version 4 file whose stack is pinned to
    /// that hand-crafted model checksum (features and view combination spelt out).
    public static func json(
        probeBias: Double = 5, stackHandcrafted: Double = 0, thresholds: (ai: Double, authentic: Double) = (0.9, 0.1),
        cascade: (below: Double, above: Double) = (0, 1), minShortSide: Int = 0,
        weightsFile: String = "clip-vit-b16-image.pvw",
        weightsSHA256: String = "34cc8b566d844d013b131f66266a74c2f1c9dcbcf8918540b39e8f047e2ea88e",
        classTokenLayers: [Int]? = nil, handcraftedModelSHA256: String? = nil
    ) -> String {
        let dim = classTokenLayers.map { 768 * $0.count } ?? 512
        func vector(_ value: Double) -> String { "[" + Array(repeating: "\(value)", count: dim).joined(separator: ",") + "]" }
        let features = classTokenLayers.map {
            #", "features": {"kind": "class_tokens", "layers": ["# + $0.map(String.init).joined(separator: ", ") + "]}"
        } ?? (handcraftedModelSHA256 == nil ? "" : #", "features": {"kind": "projected_embedding"}"#)
        let combination = handcraftedModelSHA256 == nil ? "" : #", "view_combination": "average""#
        let pin = handcraftedModelSHA256.map { #", "handcrafted_model_sha256": ""# + $0 + "\"" } ?? ""
        let version = handcraftedModelSHA256 != nil ? 4 : classTokenLayers == nil ? 1 : 2
        let template = """
            {"format": "provenant-fused-detector", "version": \(version), "model_version": "test-fused-handmade",
             "embedding": {"model": "clip-vit-b16-image", "weights_file": "\(weightsFile)",
                           "weights_sha256": "\(weightsSHA256)", "dim": \(dim), "views": [{"kind": "resize224"}]\(features)\(combination)},
             "probe": {"mean": \(vector(0)), "std": \(vector(1)), "weights": \(vector(0)), "bias": \(probeBias)},
             "stack": {"inputs": ["probe_logit", "handcrafted_logit"], "weights": [1, \(stackHandcrafted)], "bias": 0\(pin)},
             "calibration": {"method": "platt", "a": 1, "b": 0},
             "thresholds": {"likely_ai": \(thresholds.ai), "likely_authentic": \(thresholds.authentic)},
             "cascade": {"skip_deep_below": \(cascade.below), "skip_deep_above": \(cascade.above)},
             "min_short_side": \(minShortSide),
             "checksum": {"algorithm": "sha256", "value": "CHECKSUM"},
             "training": {"sources": [], "date": "test", "command": "hand-made test fixture"}}
            """
        let blank = template.replacingOccurrences(of: "CHECKSUM", with: String(repeating: "0", count: 64))
        guard let file = try? FusedDetectorFile.parse(Array(blank.utf8)) else { return blank }
        return template.replacingOccurrences(of: "CHECKSUM", with: SHA256Digest.hexDigest(file.canonicalPayload()))
    }

    /// Writes a fused model next to a link to the repository's CLIP weights in a new temporary
    /// folder and returns the model's path.
    public static func install(_ json: String, repositoryModels: URL) throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("provenant-fused-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(
            at: folder.appendingPathComponent("clip-vit-b16-image.pvw"),
            withDestinationURL: repositoryModels.appendingPathComponent("clip-vit-b16-image.pvw"))
        let path = folder.appendingPathComponent("provenant-detector-v2.json")
        try Data(json.utf8).write(to: path)
        return path.path
    }
}
