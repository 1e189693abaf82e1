import Foundation
import ImageDecoding
import Testing

@testable import Forensics

@Suite struct DetectorShippedModelTests {
    /// The package root (the directory holding Package.swift), found from this file's path.
    static func packageRoot() -> URL? {
        var directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        for _ in 0..<6 {
            if FileManager.default.fileExists(atPath: directory.appendingPathComponent("Package.swift").path) {
                return directory
            }
            directory = directory.deletingLastPathComponent()
        }
        return nil
    }

    @Test func shippedModelLoadsAndVerifies() throws {
        guard let root = Self.packageRoot() else { return }
        let path = root.appendingPathComponent("Models/\(DetectorModel.defaultFileName)").path
        guard FileManager.default.fileExists(atPath: path) else {
            print("skipping: no shipped model at \(path)")
            return
        }
        let model = try DetectorModel.load(path: path)
        #expect(model.modelVersion == "provenant-detector-v1")
        #expect(model.file.features == FeatureSpec.v1)
        #expect(model.thresholds.likelyAuthentic < model.thresholds.likelyAI)
        // The default lookup finds a model too (environment override or the repository's Models/).
        let viaDefault = try DetectorModel.loadDefault()
        #expect(viaDefault.modelVersion == model.modelVersion)
        // Scoring is deterministic and yields a probability.
        var pixels = [UInt8](repeating: 0, count: 300 * 200 * 3)
        for i in pixels.indices { pixels[i] = UInt8((i * 13 + i / 900) % 256) }
        let image = RGBImage(width: 300, height: 200, pixels: pixels)
        let first = model.score(image)
        #expect(first == model.score(image))
        #expect(first.probability >= 0 && first.probability <= 1)
        #expect(first.tiles == 1)
        #expect(first.modelVersion == "provenant-detector-v1")
        let empty = model.score(RGBImage(width: 0, height: 0, pixels: []))
        #expect(empty == DetectorScore(probability: 0.5, logit: 0, tiles: 0, modelVersion: "provenant-detector-v1"))
        let malformed = model.score(RGBImage(width: 4, height: 4, pixels: [1, 2, 3]))
        #expect(malformed.tiles == 0)
    }

    @Test func missingModelIsNotFound() {
        #expect(throws: DetectorModelError(.notFound, "")) {
            try DetectorModel.load(path: "/nonexistent/provenant-model.json")
        }
    }
}
