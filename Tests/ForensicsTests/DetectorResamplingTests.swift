import Testing

@testable import Forensics

@Suite struct DetectorResamplingTests {
    @Test func integerFactorAveragesBlocks() {
        let out = BoxResampler.downscale([0, 10, 20, 30], width: 4, height: 1, channels: 1, targetWidth: 2, targetHeight: 1)
        #expect(out == [5, 25])
        let square = BoxResampler.downscale(
            [0, 4, 8, 12, 16, 20, 24, 28, 32, 36, 40, 44, 48, 52, 56, 60], width: 4, height: 4, channels: 1,
            targetWidth: 2, targetHeight: 2)
        #expect(square == [10, 18, 42, 50])
    }

    @Test func fractionalFactorWeighsOverlap() {
        // 3 → 2: each output covers 1.5 source pixels.
        let out = BoxResampler.downscale([0, 30, 60], width: 3, height: 1, channels: 1, targetWidth: 2, targetHeight: 1)
        #expect(out == [10, 50])
        let rgb = BoxResampler.downscale(
            [0, 0, 0, 30, 60, 90, 60, 120, 180], width: 3, height: 1, channels: 3, targetWidth: 2, targetHeight: 1)
        #expect(rgb == [10, 20, 30, 50, 100, 150])
    }

    @Test func fittedSizeKeepsAspect() {
        #expect(BoxResampler.fittedSize(width: 2000, height: 1000, longSide: 512) == (512, 256))
        #expect(BoxResampler.fittedSize(width: 300, height: 1000, longSide: 500) == (150, 500))
        #expect(BoxResampler.fittedSize(width: 300, height: 200, longSide: 512) == (300, 200))
    }

    @Test func centreCropCopiesTheMiddle() {
        let pixels: [UInt8] = Array(0..<16)
        let crop = PixelCropping.centreCrop(pixels, width: 4, height: 4, channels: 1, side: 2)
        #expect(crop.pixels == [5, 6, 9, 10])
        #expect(crop.width == 2 && crop.height == 2)
    }
}
