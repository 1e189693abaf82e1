import ImageContainers
import ImageDecoding
import Testing

/// Decodes the committed samples and checks the pixel values documented in Samples/README.md.
@Suite struct SampleFileTests {
    private func expectNear(_ pixel: (r: UInt8, g: UInt8, b: UInt8)?, _ expected: (Int, Int, Int), tolerance: Int,
        sourceLocation: SourceLocation = #_sourceLocation) {
        guard let pixel else {
            Issue.record("pixel out of range", sourceLocation: sourceLocation)
            return
        }
        let ok = abs(Int(pixel.r) - expected.0) <= tolerance && abs(Int(pixel.g) - expected.1) <= tolerance
            && abs(Int(pixel.b) - expected.2) <= tolerance
        #expect(ok, "got \(pixel), expected \(expected) ± \(tolerance)", sourceLocation: sourceLocation)
    }

    private func expectBlocks(_ image: DecodedImage, tolerance: Int) {
        for row in 0..<4 {
            for column in 0..<6 {
                let c = TestImages.blockColour(column: column, row: row, columns: 6)
                expectNear(image.rgb.pixel(x: column * 16 + 8, y: row * 16 + 8), (Int(c.0), Int(c.1), Int(c.2)),
                    tolerance: tolerance)
            }
        }
    }

    @Test func baselineWithEXIF() throws {
        let image = try ImageDecoder.decode(RepositorySamples.bytes("jpeg/baseline-exif.jpg"))
        #expect(image.width == 96 && image.height == 64 && image.colorModel == "ycbcr")
        expectBlocks(image, tolerance: 3)
    }

    @Test func progressive() throws {
        let image = try ImageDecoder.decode(RepositorySamples.bytes("jpeg/progressive.jpg"))
        #expect(image.width == 96 && image.height == 64)
        expectBlocks(image, tolerance: 3)
    }

    @Test func arithmeticCoded() throws {
        let image = try ImageDecoder.decode(RepositorySamples.bytes("jpeg/arithmetic.jpg"))
        #expect(image.width == 96 && image.height == 64)
        expectBlocks(image, tolerance: 3)
    }

    @Test func subsampled() throws {
        let image = try ImageDecoder.decode(RepositorySamples.bytes("jpeg/subsampled-420.jpg"))
        expectBlocks(image, tolerance: 4)
    }

    @Test func grayscale() throws {
        let image = try ImageDecoder.decode(RepositorySamples.bytes("jpeg/grayscale.jpg"))
        #expect(image.colorModel == "gray")
        // The first block (200, 40, 40) has luma round(0.299*200 + 0.587*40 + 0.114*40) = 88.
        expectNear(image.rgb.pixel(x: 8, y: 8), (88, 88, 88), tolerance: 2)
        let pixel = try #require(image.rgb.pixel(x: 40, y: 40))
        #expect(pixel.r == pixel.g && pixel.g == pixel.b)
    }

    @Test func cmykWithAdobeMarker() throws {
        let image = try ImageDecoder.decode(RepositorySamples.bytes("jpeg/cmyk-adobe.jpg"))
        #expect(image.colorModel == "cmyk" || image.colorModel == "ycck")
        #expect(image.width == 96 && image.height == 16)
        let expected = [(255, 255, 255), (0, 255, 255), (255, 0, 255), (255, 255, 0), (0, 0, 0), (127, 127, 127)]
        for (index, colour) in expected.enumerated() {
            expectNear(image.rgb.pixel(x: index * 16 + 8, y: 8), colour, tolerance: 2)
        }
    }

    @Test func textChunkPNG() throws {
        let image = try ImageDecoder.decode(RepositorySamples.bytes("png/text-chunks.png"))
        #expect(image.width == 48 && image.height == 32 && image.colorModel == "rgb" && image.bitDepth == 8)
        for (x, y) in [(0, 0), (47, 31), (13, 29)] {
            let pixel = try #require(image.rgb.pixel(x: x, y: y))
            #expect(Int(pixel.r) == x * 5 && Int(pixel.g) == y * 7 && pixel.b == 128)
        }
    }

    @Test func interlacedPNGMatchesPattern() throws {
        let image = try ImageDecoder.decode(RepositorySamples.bytes("png/interlaced.png"))
        #expect(image.width == 33 && image.height == 19)
        var expected: [UInt8] = []
        for y in 0..<19 { for x in 0..<33 { expected += [UInt8(x * 5), UInt8(y * 7), 128] } }
        #expect(image.rgb.pixels == expected)
    }

    @Test func sixteenBitSamplesAreExact() throws {
        let bytes = try RepositorySamples.bytes("png/rgb16.png")
        let image = try ImageDecoder.decode(bytes, options: DecodeOptions(keepSixteenBit: true))
        #expect(image.bitDepth == 16 && image.colorModel == "rgb")
        let samples = try #require(image.samples16)
        #expect(samples.count == 32 * 16 * 3)
        for y in 0..<16 {
            for x in 0..<32 {
                let index = (y * 32 + x) * 3
                let expected = [UInt16(x * 1024 + y), UInt16(65535 - x * 1024), UInt16(0x1234 + y * 256)]
                #expect(Array(samples[index..<(index + 3)]) == expected)
                // 8-bit output rounds v * 255 / 65535.
                let eight = expected.map { UInt8((UInt32($0) * 255 + 32767) / 65535) }
                #expect(Array(image.rgb.pixels[index..<(index + 3)]) == eight)
            }
        }
        let without = try ImageDecoder.decode(bytes)
        #expect(without.samples16 == nil)
        #expect(without.rgb == image.rgb)
    }

    @Test func grayAlpha() throws {
        let image = try ImageDecoder.decode(RepositorySamples.bytes("png/gray-alpha.png"))
        #expect(image.colorModel == "gray_alpha")
        let alpha = try #require(image.alpha)
        for y in 0..<16 {
            for x in 0..<32 {
                let pixel = try #require(image.rgb.pixel(x: x, y: y))
                #expect(Int(pixel.r) == x * 8 && pixel.r == pixel.g && pixel.g == pixel.b)
                #expect(Int(alpha[y * 32 + x]) == y * 16 + 15)
            }
        }
    }

    @Test func paletteWithTransparency() throws {
        let image = try ImageDecoder.decode(RepositorySamples.bytes("png/palette-trns.png"))
        #expect(image.colorModel == "palette" && image.bitDepth == 2)
        let palette: [(UInt8, UInt8, UInt8)] = [(255, 0, 0), (0, 255, 0), (0, 0, 255), (255, 255, 0)]
        let alpha = try #require(image.alpha)
        for y in 0..<8 {
            for x in 0..<16 {
                let index = (x + y) % 4
                let pixel = try #require(image.rgb.pixel(x: x, y: y))
                #expect(pixel.r == palette[index].0 && pixel.g == palette[index].1 && pixel.b == palette[index].2)
                #expect(alpha[y * 16 + x] == (index == 3 ? 0 : 255))
            }
        }
    }

    @Test func oneBitGray() throws {
        let image = try ImageDecoder.decode(RepositorySamples.bytes("png/gray1.png"))
        #expect(image.colorModel == "gray" && image.bitDepth == 1 && image.alpha == nil)
        for (x, y) in [(0, 0), (8, 0), (0, 8), (9, 9), (31, 15)] {
            let on = ((x / 8) + (y / 8)) % 2 == 1
            let pixel = try #require(image.rgb.pixel(x: x, y: y))
            #expect(pixel.r == (on ? 255 : 0) && pixel.g == pixel.r && pixel.b == pixel.r)
        }
    }

    @Test func photoSampleDecodes() throws {
        let image = try ImageDecoder.decode(RepositorySamples.bytes("photo/lake-scene.jpg"))
        #expect(image.width == 320 && image.height == 240 && image.colorModel == "ycbcr")
    }
}
