import ImageContainers
import ImageDecoding
import Testing

@Suite struct CodecRoundTripTests {
    @Test func pngRoundTripIsExact() throws {
        let image = TestImages.gradient(width: 37, height: 23)
        let png = try PNGEncoder.encode(image)
        #expect(ImageFormat.sniff(png) == .png)
        let decoded = try ImageDecoder.decode(png)
        #expect(decoded.format == .png)
        #expect(decoded.width == 37 && decoded.height == 23)
        #expect(decoded.sourceWidth == 37 && decoded.sourceHeight == 23)
        #expect(decoded.colorModel == "rgb")
        #expect(decoded.bitDepth == 8)
        #expect(decoded.alpha == nil)
        #expect(decoded.rgb == image)
    }

    @Test func jpegQuality100FlatBlocksWithinTwo() throws {
        let image = TestImages.blocks(columns: 6, rows: 4)
        let jpeg = try JPEGEncoder.encode(image, quality: 100, subsampling: .yuv444)
        #expect(ImageFormat.sniff(jpeg) == .jpeg)
        let decoded = try ImageDecoder.decode(jpeg)
        #expect(decoded.format == .jpeg)
        #expect(decoded.colorModel == "ycbcr")
        #expect(decoded.bitDepth == 8)
        #expect(decoded.rgb.width == image.width && decoded.rgb.height == image.height)
        #expect(TestImages.maxDifference(decoded.rgb.pixels, image.pixels) <= 2)
    }

    @Test func jpegDefaultSubsamplingBlockCentresWithinTwo() throws {
        let image = TestImages.blocks(columns: 6, rows: 4)
        let jpeg = try JPEGEncoder.encode(image, quality: 100)
        let decoded = try ImageDecoder.decode(jpeg)
        // Chroma subsampling blurs block edges; block centres stay exact within rounding.
        for row in 0..<4 {
            for column in 0..<6 {
                let expected = TestImages.blockColour(column: column, row: row, columns: 6)
                let pixel = try #require(decoded.rgb.pixel(x: column * 16 + 8, y: row * 16 + 8))
                #expect(abs(Int(pixel.r) - Int(expected.0)) <= 2)
                #expect(abs(Int(pixel.g) - Int(expected.1)) <= 2)
                #expect(abs(Int(pixel.b) - Int(expected.2)) <= 2)
            }
        }
    }

    @Test func progressiveJPEGDecodesLikeBaseline() throws {
        let image = TestImages.smooth(width: 64, height: 48)
        let baseline = try ImageDecoder.decode(JPEGEncoder.encode(image, quality: 90))
        let progressive = try ImageDecoder.decode(JPEGEncoder.encode(image, quality: 90, progressive: true))
        #expect(baseline.rgb == progressive.rgb)
    }

    @Test func encoderRejectsMalformedImages() {
        let bad = RGBImage(width: 4, height: 4, pixels: [1, 2, 3])
        #expect(throws: DecodeError(.invalidArgument, "")) { try JPEGEncoder.encode(bad, quality: 90) }
        #expect(throws: DecodeError(.invalidArgument, "")) { try PNGEncoder.encode(bad) }
        let good = TestImages.gradient(width: 4, height: 4)
        #expect(throws: DecodeError(.invalidArgument, "")) { try JPEGEncoder.encode(good, quality: 0) }
        #expect(throws: DecodeError(.invalidArgument, "")) { try JPEGEncoder.encode(good, quality: 101) }
    }

    @Test func unsupportedFormatsAreNamed() {
        let gif = Array("GIF89a".utf8) + [UInt8](repeating: 0, count: 20)
        do {
            _ = try ImageDecoder.decode(gif)
            Issue.record("GIF decoded")
        } catch {
            #expect(error.code == .unsupportedFormat)
            #expect(error.message.contains("GIF"))
        }
        #expect(throws: DecodeError(.unsupportedFormat, "")) { try ImageDecoder.decode([1, 2, 3]) }
        #expect(throws: DecodeError(.unsupportedFormat, "")) { try ImageDecoder.decode([]) }
    }
}
