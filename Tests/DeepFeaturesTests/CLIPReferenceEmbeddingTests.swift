import DeepFeatures
import Foundation
import ImageDecoding
import Testing

/// The native CLIP tower against onnxruntime's embedding of the committed fixture
/// (`Fixtures/clip-shapes.jpg`, reference written by `scripts/clip_reference.py --write-fixture`).
@Suite struct CLIPReferenceEmbeddingTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
    static let weights = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Models/clip-vit-b16-image.pvw").path

    struct Reference: Decodable {
        var embedding: [Double]
    }

    @Test func embeddingMatchesOnnxRuntime() throws {
        let bytes = try [UInt8](Data(contentsOf: Self.fixtures.appendingPathComponent("clip-shapes.jpg")))
        let image = try ImageDecoder.decode(bytes).rgb
        let reference = try JSONDecoder().decode(
            Reference.self, from: Data(contentsOf: Self.fixtures.appendingPathComponent("clip-shapes.embedding.json")))
        let encoder = try CLIPImageEncoder(weightsPath: Self.weights)
        let embedding = try encoder.embedding(of: image, views: [.resize224])
        #expect(embedding.count == 512)
        #expect(reference.embedding.count == 512)
        let cosine = zip(embedding, reference.embedding).reduce(0.0) { $0 + Double($1.0) * $1.1 }
        #expect(cosine >= 0.999, "cosine with onnxruntime \(cosine)")
        let norm = embedding.reduce(Float(0)) { $0 + $1 * $1 }.squareRoot()
        #expect(abs(norm - 1) < 1e-5)
    }
}
