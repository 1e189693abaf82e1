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

    /// A per-block reference of the float tower (`scripts/clip_reference.py`'s one writer): the blocks
    /// and either their class tokens, their patch-token means or their patch-token deviations.
    struct BlockReference: Decodable {
        var layers: [Int]
        var classTokens: [[Double]]?
        var patchMeans: [[Double]]?
        var patchDeviations: [[Double]]?
        enum CodingKeys: String, CodingKey {
            case layers
            case classTokens = "class_tokens"
            case patchMeans = "patch_means"
            case patchDeviations = "patch_deviations"
        }
    }

    /// The committed clip-shapes.png, the product's encoder, and the image's features of `kind` on the
    /// float-activation path and on the product's path (resize224).
    static func shapesFeatures(
        _ kind: TowerFeatures
    ) throws -> (image: RGBImage, product: CLIPImageEncoder, float: [Float], features: [Float]) {
        let bytes = try [UInt8](Data(contentsOf: fixtures.appendingPathComponent("clip-shapes.png")))
        let image = try ImageDecoder.decode(bytes).rgb
        let file = try CLIPWeightFile(contentsOfFile: weights)
        let float = try CLIPImageEncoder(tower: try CLIPVisionTower(weights: file, emulateActivationQuantization: false))
            .features(of: image, views: [.resize224], kind: kind)
        let product = CLIPImageEncoder(tower: try CLIPVisionTower(weights: file))
        return (image, product, float, try product.features(of: image, views: [.resize224], kind: kind))
    }

    static func unitCosine(_ a: ArraySlice<Float>, _ b: [Double]) -> Double {
        var dot = 0.0, na = 0.0, nb = 0.0
        for (x, y) in zip(a, b) {
            dot += Double(x) * y
            na += Double(x) * Double(x)
            nb += y * y
        }
        return dot / (na * nb).squareRoot()
    }

    /// The version 2 model's features: the class tokens after blocks 5, 7, 9 and 11, checked on the
    /// float-activation path against the numpy tower (`scripts/clip_reference.py --write-class-tokens`);
    /// the product's path shares every operator with the embedding checked above.
    @Test func classTokensMatchTheFloatReference() throws {
        let reference = try JSONDecoder().decode(
            BlockReference.self, from: Data(contentsOf: Self.fixtures.appendingPathComponent("clip-shapes.class-tokens.json")))
        #expect(reference.layers == [5, 7, 9, 11])
        let (image, product, float, tokens) = try Self.shapesFeatures(.classTokens(layers: reference.layers))
        #expect(float.count == 4 * 768)
        for (index, expected) in try #require(reference.classTokens).enumerated() {
            let slice = (index * 768)..<((index + 1) * 768)
            let floatCosine = Self.unitCosine(float[slice], expected)
            #expect(floatCosine >= 0.99999, "block \(reference.layers[index]): \(floatCosine)")
            // Quantised activations (uint8 per tensor before every product) move the tokens: on this
            // image the product's path measures 0.997 / 0.968 / 0.982 / 0.950 against the float tower.
            let productCosine = Self.unitCosine(tokens[slice], expected)
            #expect(productCosine >= 0.94, "block \(reference.layers[index]): \(productCosine)")
        }

        // The forward pass stops after the last block asked for without changing earlier tokens.
        let crop = try #require(try CLIPPreprocessor.crops(of: image, view: .resize224).first)
        let pixels = CLIPPreprocessor.tensor(crop)
        let early = try product.tower.classTokens(pixels: pixels, layers: [5])
        #expect(early == Array(tokens[0..<768]))
        // The embedding is the same whichever entry point asks for it.
        #expect(try product.features(of: image, views: [.resize224], kind: .projectedEmbedding)
            == product.embedding(of: image, views: [.resize224]))
        #expect(throws: DeepFeaturesError(.dimensionMismatch, "")) { try product.tower.classTokens(pixels: pixels, layers: [3, 3]) }
    }

    /// Token means: per block the class token, then the mean of the block's patch tokens, checked on
    /// the float-activation path against the numpy tower (`scripts/clip_reference.py
    /// --write-token-means`); the class tokens are the same numbers ``TowerFeatures/classTokens(layers:)`` gives.
    @Test func tokenMeansMatchTheFloatReference() throws {
        let reference = try JSONDecoder().decode(
            BlockReference.self, from: Data(contentsOf: Self.fixtures.appendingPathComponent("clip-shapes.token-means.json")))
        #expect(reference.layers == [5, 7, 9, 11])
        let (image, product, float, means) = try Self.shapesFeatures(.tokenMeans(layers: reference.layers))
        #expect(float.count == 8 * 768)
        let classTokens = try product.features(of: image, views: [.resize224], kind: .classTokens(layers: reference.layers))
        for (index, expected) in try #require(reference.patchMeans).enumerated() {
            let classSlice = (2 * index * 768)..<((2 * index + 1) * 768)
            let meanSlice = ((2 * index + 1) * 768)..<((2 * index + 2) * 768)
            #expect(Array(means[classSlice]) == Array(classTokens[(index * 768)..<((index + 1) * 768)]))
            let floatCosine = Self.unitCosine(float[meanSlice], expected)
            #expect(floatCosine >= 0.99999, "block \(reference.layers[index]): \(floatCosine)")
            let productCosine = Self.unitCosine(means[meanSlice], expected)
            #expect(productCosine >= 0.94, "block \(reference.layers[index]): \(productCosine)")
        }
    }

    /// Token moments: per block the class token and patch mean exactly as ``TowerFeatures/tokenMeans(layers:)``
    /// gives them, then the population standard deviation of the block's patch tokens, checked on the
    /// float-activation path against the numpy tower (`scripts/clip_reference.py --write-token-moments`).
    @Test func tokenMomentsMatchTheFloatReference() throws {
        let reference = try JSONDecoder().decode(
            BlockReference.self, from: Data(contentsOf: Self.fixtures.appendingPathComponent("clip-shapes.token-moments.json")))
        #expect(reference.layers == [5, 7, 9, 11])
        let (image, product, float, moments) = try Self.shapesFeatures(.tokenMoments(layers: reference.layers))
        #expect(float.count == 12 * 768 && moments.count == 12 * 768)
        let means = try product.features(of: image, views: [.resize224], kind: .tokenMeans(layers: reference.layers))
        for (index, expected) in try #require(reference.patchDeviations).enumerated() {
            let first = 3 * index * 768
            #expect(Array(moments[first..<(first + 1536)]) == Array(means[(2 * index * 768)..<((2 * index + 2) * 768)]))
            let deviationSlice = (first + 1536)..<(first + 2304)
            #expect(moments[deviationSlice].allSatisfy { $0 > 0 })
            let floatCosine = Self.unitCosine(float[deviationSlice], expected)
            #expect(floatCosine >= 0.99999, "block \(reference.layers[index]): \(floatCosine)")
            // The cosine cannot tell the population deviation from the sample one (÷196 or ÷195, a
            // factor of 1.0026); the lengths can.
            let floatLength = float[deviationSlice].reduce(0.0) { $0 + Double($1) * Double($1) }.squareRoot()
            let expectedLength = expected.reduce(0.0) { $0 + $1 * $1 }.squareRoot()
            #expect(abs(floatLength / expectedLength - 1) < 2e-4, "block \(reference.layers[index]): \(floatLength) vs \(expectedLength)")
            let productCosine = Self.unitCosine(moments[deviationSlice], expected)
            #expect(productCosine >= 0.94, "block \(reference.layers[index]): \(productCosine)")
        }
    }

    /// A version 3 model's input: each view's features on their own, concatenated in the views' order
    /// (a native crop's features are not the resized view's), while averaging one view changes nothing.
    @Test func concatenatedViewsAreEachViewsFeaturesInOrder() throws {
        let kind = TowerFeatures.classTokens(layers: [3, 11])
        let (image, product, _, resized) = try Self.shapesFeatures(kind)
        let crop = try product.features(of: image, views: [.nativeCrops(count: 1)], kind: kind)
        let joined = try product.features(of: image, views: [.resize224, .nativeCrops(count: 1)], kind: kind, combination: .concatenate)
        #expect(joined.count == 2 * 2 * 768)
        #expect(Array(joined[0..<1536]) == resized && Array(joined[1536...]) == crop)
        #expect(crop != resized)
        let averaged = try product.features(of: image, views: [.resize224, .nativeCrops(count: 1)], kind: kind, combination: .average)
        #expect(averaged.count == 1536 && averaged[7] == (resized[7] + crop[7]) * 0.5)
        #expect(try product.features(of: image, views: [.resize224], kind: kind, combination: .concatenate) == resized)
    }
}
