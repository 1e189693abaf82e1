import ImageDecoding
import Testing

@testable import Forensics

/// The transforms behind the platform augmentation and the WebP social condition.
@Suite struct PlatformTransformTests {
    static func ramp(width: Int, height: Int) -> RGBImage {
        var pixels = [UInt8](repeating: 0, count: width * height * 3)
        for y in 0..<height {
            for x in 0..<width {
                let i = (y * width + x) * 3
                pixels[i] = UInt8((x * 255) / max(1, width - 1))
                pixels[i + 1] = UInt8((y * 255) / max(1, height - 1))
                pixels[i + 2] = UInt8(((x + y) * 255) / max(1, width + height - 2))
            }
        }
        return RGBImage(width: width, height: height, pixels: pixels)
    }

    @Test func bilinearHalvingMatchesTheStretchedTriangleKernel() {
        // Row 0, 40, 80, 120 → 2 samples. Output 0 is centred at 1.0: sources 0, 1, 2 at distances
        // 0.25, 0.25, 0.75 of the stretched kernel → weights 0.75, 0.75, 0.25 (sum 1.75).
        let row: [UInt8] = [0, 40, 80, 120].flatMap { [$0, $0, $0] }
        let image = RGBImage(width: 4, height: 1, pixels: row)
        let half = FilteredResampler.downscale(image, width: 2, height: 1, filter: .bilinear)
        #expect(half.width == 2 && half.height == 1)
        #expect(half.pixels == [29, 29, 29, 91, 91, 91])  // 50/1.75 = 28.57, 160/1.75 = 91.43
    }

    @Test(arguments: ResamplingFilter.allCases)
    func flatImagesStayFlat(filter: ResamplingFilter) {
        let flat = RGBImage(width: 97, height: 61, pixels: [UInt8](repeating: 0, count: 97 * 61 * 3).enumerated().map { [200, 13, 77][$0.offset % 3] })
        let small = FilteredResampler.downscale(flat, width: 40, height: 25, filter: filter)
        #expect(small.width == 40 && small.height == 25)
        #expect(small.pixels == [UInt8](repeating: 0, count: 40 * 25 * 3).enumerated().map { [200, 13, 77][$0.offset % 3] })
    }

    @Test func shortSideFittingNeverEnlarges() {
        #expect(FilteredResampler.fittedSize(width: 4000, height: 3000, shortSide: 720) == (960, 720))
        #expect(FilteredResampler.fittedSize(width: 1200, height: 1600, shortSide: 1080) == (1080, 1440))
        #expect(FilteredResampler.fittedSize(width: 500, height: 300, shortSide: 720) == (500, 300))
    }

    @Test func unsharpMaskSharpensEdgesAndLeavesFlatAreas() {
        // A vertical step 60 | 180.
        let width = 16
        let pixels = (0..<(width * 8)).flatMap { i -> [UInt8] in
            let v: UInt8 = i % width < width / 2 ? 60 : 180
            return [v, v, v]
        }
        let image = RGBImage(width: width, height: 8, pixels: pixels)
        let sharp = UnsharpMask.apply(image, radius: 1, percent: 80, threshold: 2)
        let left = sharp.pixel(x: width / 2 - 1, y: 4)?.r ?? 0
        let right = sharp.pixel(x: width / 2, y: 4)?.r ?? 0
        #expect(left < 60 && right > 180)  // overshoot on both sides of the edge
        #expect(sharp.pixel(x: 0, y: 4)?.r == 60 && sharp.pixel(x: width - 1, y: 4)?.r == 180)
        // Below the threshold nothing moves.
        #expect(UnsharpMask.apply(image, radius: 1, percent: 80, threshold: 255) == image)
    }

    @Test func webpRoundTripKeepsSizeAndIsLossyButClose() throws {
        let image = Self.ramp(width: 120, height: 80)
        let bytes = try WebPEncoder.encode(image, quality: 80)
        #expect(Array(bytes.prefix(4)) == Array("RIFF".utf8) && Array(bytes[8..<12]) == Array("WEBP".utf8))
        let decoded = try ImageDecoder.decode(bytes).rgb
        #expect(decoded.width == 120 && decoded.height == 80)
        let error = zip(decoded.pixels, image.pixels).map { abs(Int($0) - Int($1)) }.reduce(0, +)
        #expect(Double(error) / Double(image.pixels.count) < 3)
        #expect(throws: DecodeError.self) { try WebPEncoder.encode(image, quality: 101) }
        #expect(throws: DecodeError.self) { try WebPEncoder.encode(RGBImage(width: 2, height: 2, pixels: [1]), quality: 80) }
    }

    @Test func webpSocialDownscalesTheShortSideTo720Or1080() throws {
        // Short side 730: 720 shrinks it, 1080 leaves it. (Debug-build resampling is slow: few seeds.)
        let image = Self.ramp(width: 730, height: 973)
        var seen: Set<Int> = []
        for seed in 0..<4 as Range<UInt64> {
            var rng = SplitMix64(seed: seed)
            let first = try EvaluationCondition.webpSocial.apply(to: image, augmentation: .init(), rng: &rng)
            #expect(first.width == 720 || first.width == 730)
            #expect(first.height == first.width * 4 / 3)
            seen.insert(first.width)
            if seed == 0 {
                var again = SplitMix64(seed: seed)
                #expect(first == (try EvaluationCondition.webpSocial.apply(to: image, augmentation: .init(), rng: &again)))
            }
        }
        #expect(seen == [720, 730])
    }

    @Test func platformAugmentationIsDeterministicAndWithinItsRanges() throws {
        // The default draws a 320-1080 short side; a smaller range keeps the test quick.
        var policy = PlatformAugmentation()
        policy.shortSide = 64...128
        let image = Self.ramp(width: 280, height: 240)
        var shortSides: Set<Int> = []
        for seed in 0..<12 as Range<UInt64> {
            var a = SplitMix64(seed: seed)
            var b = SplitMix64(seed: seed)
            let first = try policy.augment(image, using: &a)
            #expect(first == (try policy.augment(image, using: &b)))
            #expect(first.width <= 280 && first.height <= 240)
            #expect(first.pixels.count == first.width * first.height * 3)
            shortSides.insert(min(first.width, first.height))
        }
        // Downscales land in 64...128; a copy without one keeps a crop of at least 60 % (144 px).
        #expect(shortSides.allSatisfy { (64...128).contains($0) || $0 >= 144 })
        #expect(shortSides.count > 4)
    }
}
