import ImageDecoding
import Testing

@Suite struct ScaleAndRegionTests {
    static let scales: [DecodeScale] = [.full, .half, .quarter, .eighth]

    @Test(arguments: scales) func jpegScaledDimensionsAreCeiling(scale: DecodeScale) throws {
        let jpeg = try JPEGEncoder.encode(TestImages.smooth(width: 37, height: 23), quality: 90)
        let image = try ImageDecoder.decode(jpeg, options: DecodeOptions(scale: scale))
        let f = scale.rawValue
        #expect(image.width == (37 + f - 1) / f && image.height == (23 + f - 1) / f)
        #expect(image.sourceWidth == 37 && image.sourceHeight == 23)
        #expect(image.rgb.pixels.count == image.width * image.height * 3)
    }

    @Test(arguments: scales) func pngScaledDimensionsAreCeiling(scale: DecodeScale) throws {
        let png = try PNGEncoder.encode(TestImages.gradient(width: 37, height: 23))
        let image = try ImageDecoder.decode(png, options: DecodeOptions(scale: scale))
        let f = scale.rawValue
        #expect(image.width == (37 + f - 1) / f && image.height == (23 + f - 1) / f)
        #expect(image.rgb.pixels.count == image.width * image.height * 3)
    }

    @Test func pngHalfScaleAveragesBlocks() throws {
        // 2×2 blocks of known values average exactly; the odd last column averages 1×2 pixels.
        let pixels: [UInt8] = [
            10, 20, 30, 30, 40, 50, 7, 7, 7,
            50, 60, 70, 70, 80, 90, 9, 9, 9,
        ]
        let png = try PNGEncoder.encode(RGBImage(width: 3, height: 2, pixels: pixels))
        let image = try ImageDecoder.decode(png, options: DecodeOptions(scale: .half))
        #expect(image.width == 2 && image.height == 1)
        #expect(image.rgb.pixels == [40, 50, 60, 8, 8, 8])
    }

    @Test func jpegEighthScaleKeepsFlatBlockColours() throws {
        let jpeg = try JPEGEncoder.encode(TestImages.blocks(columns: 6, rows: 4), quality: 100, subsampling: .yuv444)
        let image = try ImageDecoder.decode(jpeg, options: DecodeOptions(scale: .eighth))
        #expect(image.width == 12 && image.height == 8)
        for row in 0..<4 {
            for column in 0..<6 {
                let c = TestImages.blockColour(column: column, row: row, columns: 6)
                let pixel = try #require(image.rgb.pixel(x: column * 2, y: row * 2))
                #expect(abs(Int(pixel.r) - Int(c.0)) <= 2 && abs(Int(pixel.g) - Int(c.1)) <= 2
                    && abs(Int(pixel.b) - Int(c.2)) <= 2)
            }
        }
    }

    static let regions = [
        PixelRegion(x: 0, y: 0, width: 200, height: 120),
        PixelRegion(x: 0, y: 0, width: 1, height: 1),
        PixelRegion(x: 37, y: 21, width: 50, height: 40),
        PixelRegion(x: 16, y: 16, width: 64, height: 64),
        PixelRegion(x: 199, y: 119, width: 1, height: 1),
        PixelRegion(x: 101, y: 3, width: 99, height: 117),
    ]

    @Test(arguments: regions) func pngRegionEqualsCropOfFullDecode(region: PixelRegion) throws {
        let png = try PNGEncoder.encode(TestImages.gradient(width: 200, height: 120))
        let full = try ImageDecoder.decode(png)
        let part = try ImageDecoder.decode(png, options: DecodeOptions(region: region))
        #expect(part.width == region.width && part.height == region.height)
        #expect(part.sourceWidth == 200 && part.sourceHeight == 120)
        #expect(part.rgb.pixels == TestImages.crop(full.rgb, region))
    }

    @Test(arguments: regions) func jpegRegionEqualsCropOfFullDecode(region: PixelRegion) throws {
        for subsampling in JPEGChromaSubsampling.allCases {
            for progressive in [false, true] {
                let jpeg = try JPEGEncoder.encode(
                    TestImages.smooth(width: 200, height: 120), quality: 85, progressive: progressive,
                    subsampling: subsampling)
                let full = try ImageDecoder.decode(jpeg)
                let part = try ImageDecoder.decode(jpeg, options: DecodeOptions(region: region))
                #expect(part.width == region.width && part.height == region.height)
                let difference = TestImages.maxDifference(part.rgb.pixels, TestImages.crop(full.rgb, region))
                #expect(difference == 0, "\(subsampling) progressive=\(progressive): max difference \(difference)")
            }
        }
    }

    @Test func regionCombinesWithScale() throws {
        let image = TestImages.smooth(width: 200, height: 120)
        let region = PixelRegion(x: 10, y: 7, width: 30, height: 20)  // in half-scale coordinates
        for bytes in [try PNGEncoder.encode(image), try JPEGEncoder.encode(image, quality: 90)] {
            let scaled = try ImageDecoder.decode(bytes, options: DecodeOptions(scale: .half))
            let part = try ImageDecoder.decode(bytes, options: DecodeOptions(scale: .half, region: region))
            #expect(part.width == 30 && part.height == 20)
            #expect(TestImages.maxDifference(part.rgb.pixels, TestImages.crop(scaled.rgb, region)) <= 2)
        }
    }

    @Test func regionOutsideTheImageIsRejected() throws {
        let png = try PNGEncoder.encode(TestImages.gradient(width: 20, height: 10))
        let jpeg = try JPEGEncoder.encode(TestImages.gradient(width: 20, height: 10), quality: 80)
        let bad = [
            PixelRegion(x: 15, y: 0, width: 6, height: 1), PixelRegion(x: 0, y: 0, width: 0, height: 5),
            PixelRegion(x: -1, y: 0, width: 2, height: 2), PixelRegion(x: 0, y: 9, width: 1, height: 2),
            PixelRegion(x: Int.max, y: 0, width: Int.max, height: 1),
        ]
        for bytes in [png, jpeg] {
            for region in bad {
                #expect(throws: DecodeError(.invalidArgument, "")) {
                    try ImageDecoder.decode(bytes, options: DecodeOptions(region: region))
                }
            }
            // Half scale: the output is 10×5, so a region valid at full scale may not be.
            #expect(throws: DecodeError(.invalidArgument, "")) {
                try ImageDecoder.decode(
                    bytes, options: DecodeOptions(scale: .half, region: PixelRegion(x: 0, y: 0, width: 20, height: 10)))
            }
        }
    }
}
