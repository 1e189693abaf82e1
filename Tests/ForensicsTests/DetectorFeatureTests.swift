import Testing

@testable import Forensics

@Suite struct DetectorFeatureTests {
    /// A gray RGB buffer whose value at (x, y) is `value(x, y)`.
    static func gray(width: Int, height: Int, _ value: (Int, Int) -> Int) -> [UInt8] {
        var pixels = [UInt8](repeating: 0, count: width * height * 3)
        for y in 0..<height {
            for x in 0..<width {
                let v = UInt8(truncatingIfNeeded: value(x, y))
                for c in 0..<3 { pixels[(y * width + x) * 3 + c] = v }
            }
        }
        return pixels
    }

    @Test func lumaOfGrayIsExact() {
        let plane = LumaPlane(rgb: Self.gray(width: 4, height: 1) { x, _ in x * 85 }, width: 4, height: 1)
        #expect(plane.values == [0, 85, 170, 255])
        let colour = LumaPlane(rgb: [255, 0, 0, 0, 255, 0, 0, 0, 255], width: 3, height: 1)
        #expect(colour.values == [76, 150, 29])
    }

    @Test func spamOfConstantImageIsAllOnZeroTransition() {
        let plane = LumaPlane(rgb: Self.gray(width: 16, height: 16) { _, _ in 77 }, width: 16, height: 16)
        var spam = SPAMAccumulator(threshold: 2)
        spam.add(plane, tile: TileRect(x: 0, y: 0, width: 16, height: 16))
        let features = spam.features()
        #expect(features.count == 250)
        let zero = (2 * 5 + 2) * 5 + 2
        var expected = [Double](repeating: 0, count: 250)
        expected[zero] = 1
        expected[125 + zero] = 1
        #expect(features == expected)
    }

    @Test func spamOfVerticalRampSplitsDirections() {
        let plane = LumaPlane(rgb: Self.gray(width: 12, height: 12) { _, y in 10 + y }, width: 12, height: 12)
        var spam = SPAMAccumulator(threshold: 2)
        spam.add(plane, tile: TileRect(x: 0, y: 0, width: 12, height: 12))
        let features = spam.features()
        func index(_ a: Int, _ b: Int, _ c: Int) -> Int { ((a + 2) * 5 + (b + 2)) * 5 + (c + 2) }
        var expected = [Double](repeating: 0, count: 250)
        // Straight: → and ← see zero differences, ↓ sees −1 steps, ↑ sees +1 steps.
        expected[index(0, 0, 0)] = 0.5
        expected[index(-1, -1, -1)] = 0.25
        expected[index(1, 1, 1)] = 0.25
        // Diagonal: ↘ and ↙ see −1, ↖ and ↗ see +1.
        expected[125 + index(-1, -1, -1)] = 0.5
        expected[125 + index(1, 1, 1)] = 0.5
        #expect(features == expected)
    }

    @Test func tileGridIsDeterministicAndBounded() {
        let tiles = TileGrid.tiles(width: 1024, height: 1024, tileSize: 256, maxTiles: 8)
        #expect(tiles.count == 8)
        #expect(tiles.map(\.x) == [0, 256, 512, 768, 0, 256, 512, 768])
        #expect(tiles.map(\.y) == [0, 0, 0, 0, 768, 768, 768, 768])
        let small = TileGrid.tiles(width: 100, height: 50, tileSize: 256, maxTiles: 8)
        #expect(small == [TileRect(x: 0, y: 0, width: 100, height: 50)])
        let wide = TileGrid.tiles(width: 600, height: 300, tileSize: 256, maxTiles: 8)
        #expect(wide == [TileRect(x: 0, y: 22, width: 256, height: 256), TileRect(x: 344, y: 22, width: 256, height: 256)])
        #expect(TileGrid.spread(tiles, count: 4).map(\.x) == [0, 512, 0, 512])
    }

    @Test func spectrumFindsAnEightPixelPeriod() {
        // A checkerboard-free image with an 8-px periodic bump along x.
        let periodic = Self.gray(width: 64, height: 64) { x, y in 100 + (x % 8 == 0 ? 12 : 0) + (x * 7 + y * 13) % 5 }
        let smooth = Self.gray(width: 64, height: 64) { x, y in 100 + (x * 7 + y * 13) % 5 }
        func peak(_ pixels: [UInt8]) -> Double {
            var accumulator = ResidualSpectrumAccumulator(bins: 8)
            accumulator.add(LumaPlane(rgb: pixels, width: 64, height: 64), tile: TileRect(x: 0, y: 0, width: 64, height: 64))
            let features = accumulator.features()
            #expect(features.count == 16)
            return features[8]  // axis peak at period 8
        }
        #expect(peak(periodic) > peak(smooth) + 1)
    }

    @Test func fftMatchesDirectTransform() {
        let n = 8
        var real = (0..<(n * n)).map { Float(($0 * 37) % 11) - 5 }
        var imag = [Float](repeating: 0, count: n * n)
        let input = real
        FFT2D(size: n).transform(real: &real, imag: &imag)
        for (u, v) in [(0, 0), (1, 0), (3, 5), (7, 7)] {
            var sr = 0.0, si = 0.0
            for y in 0..<n {
                for x in 0..<n {
                    let angle = -2 * Double.pi * Double(u * x + v * y) / Double(n)
                    sr += Double(input[y * n + x]) * cos(angle)
                    si += Double(input[y * n + x]) * sin(angle)
                }
            }
            #expect(abs(Double(real[v * n + u]) - sr) < 1e-3)
            #expect(abs(Double(imag[v * n + u]) - si) < 1e-3)
        }
    }

    @Test func realPowerSpectrumMatchesComplexTransform() {
        let n = 16
        let input: [Float] = (0..<(n * n)).map { (index: Int) -> Float in
            let value: Int = (index * 53 + index / 7) % 23
            return Float(value - 11)
        }
        var real = input
        var imag = [Float](repeating: 0, count: n * n)
        let fft = FFT2D(size: n)
        fft.transform(real: &real, imag: &imag)
        let power = fft.powerSpectrum(ofReal: input)
        for i in 0..<(n * n) {
            let expected = Double(real[i]) * Double(real[i]) + Double(imag[i]) * Double(imag[i])
            #expect(abs(power[i] - expected) <= 1e-3 * max(1, expected))
        }
    }

    @Test func extractorDimensionMatchesSpec() {
        let spec = FeatureSpec.v1
        let pixels = Self.gray(width: 300, height: 200) { x, y in (x * 3 + y * 5) % 256 }
        let vector = FeatureExtractor(spec: spec).features(rgb: pixels, width: 300, height: 200)
        #expect(vector.values.count == spec.dimension)
        #expect(spec.dimension == 290)
        #expect(vector.tiles == 1)
        #expect(vector.values.allSatisfy { $0.isFinite })
    }
}

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
