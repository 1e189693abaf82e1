import DeepFeatures
import Foundation
import ImageDecoding
import Testing

/// The native CLIP tower against the committed references of `Fixtures/clip-shapes.png`, written by
/// `scripts/clip_reference.py --write-fixture`: onnxruntime's embedding of the INT8 ONNX export with exact
/// integer products (`scripts/deep/exact_int8_onnx.py`, on an AVX2 CPU), which the product's path
/// reproduces bit for bit (only the final normalisation in Float separates them), and a numpy float32 computation of the same
/// tower from the committed weight file for the float-activation diagnostic path.
@Suite struct CLIPReferenceEmbeddingTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
    static let weights = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Models/clip-vit-b16-image.pvw").path

    struct Reference: Decodable {
        var embedding: [Double]
        var floatEmbedding: [Double]
        enum CodingKeys: String, CodingKey {
            case embedding
            case floatEmbedding = "float_embedding"
        }
    }

    static func cosine(_ a: [Float], _ b: [Double]) -> Double {
        zip(a, b).reduce(0.0) { $0 + Double($1.0) * $1.1 }
    }

    @Test func embeddingMatchesTheReferences() throws {
        let bytes = try [UInt8](Data(contentsOf: Self.fixtures.appendingPathComponent("clip-shapes.png")))
        let image = try ImageDecoder.decode(bytes).rgb
        let reference = try JSONDecoder().decode(
            Reference.self, from: Data(contentsOf: Self.fixtures.appendingPathComponent("clip-shapes.embedding.json")))
        let file = try CLIPWeightFile(contentsOfFile: Self.weights)
        #expect(reference.embedding.count == 512 && reference.floatEmbedding.count == 512)

        // Float activations: the same arithmetic as the numpy reference.
        let exact = CLIPImageEncoder(tower: try CLIPVisionTower(weights: file, emulateActivationQuantization: false))
        let float = try exact.embedding(of: image, views: [.resize224])
        #expect(Self.cosine(float, reference.floatEmbedding) >= 0.9999, "\(Self.cosine(float, reference.floatEmbedding))")

        // The product's path (activations quantised as onnxruntime does) against onnxruntime.
        let product = CLIPImageEncoder(tower: try CLIPVisionTower(weights: file))
        let embedding = try product.embedding(of: image, views: [.resize224])
        #expect(embedding.count == 512)
        #expect(Self.cosine(embedding, reference.embedding) >= 0.999999, "\(Self.cosine(embedding, reference.embedding))")
        let largest = zip(embedding, reference.embedding).map { abs(Double($0.0) - $0.1) }.max() ?? 1
        #expect(largest < 1e-6, "largest difference \(largest)")
        let norm = embedding.reduce(Float(0)) { $0 + $1 * $1 }.squareRoot()
        #expect(abs(norm - 1) < 1e-5)
    }
}
