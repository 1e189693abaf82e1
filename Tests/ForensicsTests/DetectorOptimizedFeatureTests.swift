import Testing

@testable import Forensics

/// The optimised feature extraction must reproduce the original implementation (kept in
/// `DetectorReferenceFeatures.swift`), so models trained before the optimisation stay valid.
@Suite struct DetectorOptimizedFeatureTests {
    /// Deterministic synthetic RGB images of several kinds.
    static func image(width: Int, height: Int, kind: Int, seed: UInt64) -> [UInt8] {
        var rng = SplitMix64(seed: seed)
        var pixels = [UInt8](repeating: 0, count: width * height * 3)
        for y in 0..<height {
            for x in 0..<width {
                for c in 0..<3 {
                    let value: Int
                    switch kind {
                    case 0: value = Int(rng.next() % 256)  // white noise
                    case 1: value = (x * 3 + y * 2 + c * 40) % 256 + Int(rng.next() % 3)  // ramps with mild noise
                    case 2: value = ((x / 8 + y / 8) % 2) * 120 + 60 + Int(rng.next() % 5)  // 8 px blocks
                    default: value = 128 + Int((Double(x) * 0.37 + Double(y) * 0.11 + Double(c)).truncatingRemainder(dividingBy: 7.0) * 9)
                    }
                    pixels[(y * width + x) * 3 + c] = UInt8(clamping: value)
                }
            }
        }
        return pixels
    }

    static let sizes: [(Int, Int)] = [(1024, 768), (600, 300), (257, 999), (256, 256), (100, 50), (37, 300), (3, 3), (5, 40)]

    @Test(arguments: [FeatureSpec.v1, FeatureSpec(spamThreshold: 3), FeatureSpec(spectrumTiles: 8, families: [.residualSpectrum, .spamLuma])])
    func optimizedFeaturesEqualReference(spec: FeatureSpec) {
        let extractor = FeatureExtractor(spec: spec)
        for (index, (width, height)) in Self.sizes.enumerated() {
            for kind in 0..<4 {
                let pixels = Self.image(width: width, height: height, kind: kind, seed: UInt64(index * 10 + kind))
                let reference = ReferenceFeatureExtractor.features(rgb: pixels, width: width, height: height, spec: spec)
                let optimized = extractor.features(rgb: pixels, width: width, height: height)
                let viaPlane = extractor.features(luma: LumaPlane(rgb: pixels, width: width, height: height))
                #expect(optimized.tiles == reference.tiles)
                #expect(optimized.values.count == reference.values.count)
                #expect(viaPlane.values.count == reference.values.count)
                var worst = 0.0
                for (a, b) in zip(optimized.values, reference.values) { worst = max(worst, abs(a - b)) }
                for (a, b) in zip(viaPlane.values, reference.values) { worst = max(worst, abs(a - b)) }
                #expect(worst <= 1e-9, "\(width)×\(height) kind \(kind): max difference \(worst)")
            }
        }
    }

    @Test func spamCountsAreBitIdentical() {
        for (index, (width, height)) in Self.sizes.enumerated() {
            let pixels = Self.image(width: width, height: height, kind: index % 4, seed: UInt64(100 + index))
            let plane = LumaPlane(rgb: pixels, width: width, height: height)
            var optimized = SPAMAccumulator(threshold: 2)
            var reference = ReferenceSPAM(threshold: 2)
            for tile in TileGrid.tiles(width: width, height: height, tileSize: 256, maxTiles: 8) {
                optimized.add(plane, tile: tile)
                reference.add(plane, tile: tile)
            }
            #expect(optimized.counts == reference.counts)
            #expect(optimized.features() == reference.features())
        }
    }

    @Test func regionLumaEqualsWholePlaneCrop() {
        let pixels = Self.image(width: 300, height: 200, kind: 0, seed: 7)
        let plane = LumaPlane(rgb: pixels, width: 300, height: 200)
        let region = TileRect(x: 17, y: 33, width: 100, height: 150)
        let local = LumaPlane(rgb: pixels, width: 300, height: 200, region: region)
        var expected: [UInt8] = []
        for y in region.y..<(region.y + region.height) {
            expected += plane.values[(y * 300 + region.x)..<(y * 300 + region.x + region.width)]
        }
        #expect(local.values == expected)
    }
}

extension DetectorOptimizedFeatureTests {
    @Test(arguments: [16, 64, 256])
    func halfPowerSpectrumIsBitIdenticalToFullSpectrum(n: Int) {
        var rng = SplitMix64(seed: UInt64(n))
        let input: [Float] = (0..<(n * n)).map { _ in Float(Int(rng.next() % 1021) - 510) * 0.37 }
        let fft = FFT2D(size: n)
        let full = fft.powerSpectrum(ofReal: input)
        let half = input.withUnsafeBufferPointer { fft.halfPowerSpectrum(ofReal: $0) }
        let h = n / 2 + 1
        var mismatches = 0
        for v in 0..<n {
            for u in 0..<h where half[v * h + u] != full[v * n + u] { mismatches += 1 }
        }
        #expect(mismatches == 0)
        let reference = ReferenceFFT2D(size: n).powerSpectrum(ofReal: input)
        #expect(full == reference)
    }
}
