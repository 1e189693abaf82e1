import ImageDecoding
import Testing

/// Exact decoding of every PNG colour type and bit depth, on files built in code.
@Suite struct PNGColorTypeTests {
    @Test func sixteenBitGrayKeepsSamples() throws {
        let values: [UInt16] = [0, 1, 0x7FFF, 0x8080, 0xFFFE, 0xFFFF]
        let png = PNGBuilder.build(
            width: 6, height: 1, bitDepth: 16, colorType: 0, rows: [values.flatMap(PNGBuilder.bigEndian16)])
        let image = try ImageDecoder.decode(png, options: DecodeOptions(keepSixteenBit: true))
        #expect(image.colorModel == "gray" && image.bitDepth == 16 && image.alpha == nil)
        #expect(image.samples16 == values.flatMap { [$0, $0, $0] })
        let eight = values.map { UInt8((UInt32($0) * 255 + 32767) / 65535) }
        #expect(image.rgb.pixels == eight.flatMap { [$0, $0, $0] })
        #expect(eight == [0, 0, 127, 128, 255, 255])
    }

    @Test func sixteenBitRGBAAlphaIsRounded() throws {
        let pixel: [UInt16] = [0x1000, 0x2000, 0x3000, 0x8000]
        let png = PNGBuilder.build(
            width: 1, height: 1, bitDepth: 16, colorType: 6, rows: [pixel.flatMap(PNGBuilder.bigEndian16)])
        let image = try ImageDecoder.decode(png, options: DecodeOptions(keepSixteenBit: true))
        #expect(image.colorModel == "rgba")
        #expect(image.samples16 == [0x1000, 0x2000, 0x3000])
        #expect(image.alpha == [128])  // 0x8000 * 255 / 65535 = 127.5 → 128
    }

    @Test(arguments: [1, 2, 4, 8]) func grayBitDepthsScaleToFullRange(bitDepth: Int) throws {
        let levels = 1 << bitDepth
        let width = min(levels, 16)
        let samples = (0..<width).map { $0 * (levels - 1) / max(1, width - 1) }
        var row: [UInt8] = []
        var accumulator = 0
        var filled = 0
        for sample in samples {
            accumulator = accumulator << bitDepth | sample
            filled += bitDepth
            if filled == 8 {
                row.append(UInt8(accumulator))
                accumulator = 0
                filled = 0
            }
        }
        if filled > 0 { row.append(UInt8(accumulator << (8 - filled))) }
        let png = PNGBuilder.build(width: width, height: 1, bitDepth: UInt8(bitDepth), colorType: 0, rows: [row])
        let image = try ImageDecoder.decode(png)
        #expect(image.bitDepth == bitDepth)
        let expected = samples.map { UInt8($0 * 255 / (levels - 1)) }
        #expect(image.rgb.pixels == expected.flatMap { [$0, $0, $0] })
    }

    @Test func grayWithTransparentKey() throws {
        // tRNS for gray: the 16-bit sample value that is fully transparent (here 0x40).
        let png = PNGBuilder.build(
            width: 3, height: 1, bitDepth: 8, colorType: 0, rows: [[0x20, 0x40, 0x60]],
            chunksBeforeIDAT: [.init(type: "tRNS", data: [0x00, 0x40])])
        let image = try ImageDecoder.decode(png)
        #expect(image.colorModel == "gray")
        #expect(image.alpha == [255, 0, 255])
        #expect(image.rgb.pixels == [0x20, 0x20, 0x20, 0x40, 0x40, 0x40, 0x60, 0x60, 0x60])
    }

    @Test func rgbWithTransparentKey() throws {
        let png = PNGBuilder.build(
            width: 2, height: 1, bitDepth: 8, colorType: 2, rows: [[1, 2, 3, 4, 5, 6]],
            chunksBeforeIDAT: [.init(type: "tRNS", data: [0, 4, 0, 5, 0, 6])])
        let image = try ImageDecoder.decode(png)
        #expect(image.alpha == [255, 0])
        #expect(image.rgb.pixels == [1, 2, 3, 4, 5, 6])
    }

    @Test func fourBitPaletteWithPartialAlpha() throws {
        let palette: [UInt8] = [10, 20, 30, 40, 50, 60, 70, 80, 90]
        let png = PNGBuilder.build(
            width: 4, height: 1, bitDepth: 4, colorType: 3, rows: [[0x01, 0x20]],
            chunksBeforeIDAT: [.init(type: "PLTE", data: palette), .init(type: "tRNS", data: [128])])
        let image = try ImageDecoder.decode(png)
        #expect(image.colorModel == "palette" && image.bitDepth == 4)
        #expect(image.rgb.pixels == [10, 20, 30, 40, 50, 60, 70, 80, 90, 10, 20, 30])
        #expect(image.alpha == [128, 255, 255, 128])
    }

    @Test func rgbaEightBit() throws {
        let png = PNGBuilder.build(width: 2, height: 1, bitDepth: 8, colorType: 6, rows: [[1, 2, 3, 4, 5, 6, 7, 8]])
        let image = try ImageDecoder.decode(png, options: DecodeOptions(keepSixteenBit: true))
        #expect(image.colorModel == "rgba" && image.samples16 == nil)
        #expect(image.rgb.pixels == [1, 2, 3, 5, 6, 7])
        #expect(image.alpha == [4, 8])
    }

    @Test func sixteenBitWithAlphaAveragesAtHalfScale() throws {
        let rows: [[UInt16]] = [[100, 200, 300, 0, 300, 400, 500, 65535], [500, 600, 700, 65535, 701, 800, 900, 65535]]
        let png = PNGBuilder.build(
            width: 2, height: 2, bitDepth: 16, colorType: 6, rows: rows.map { $0.flatMap(PNGBuilder.bigEndian16) })
        let image = try ImageDecoder.decode(png, options: DecodeOptions(scale: .half, keepSixteenBit: true))
        #expect(image.width == 1 && image.height == 1)
        // Means of (100, 300, 500, 701) = 400.25 → 400; (200, 400, 600, 800) = 500; (300, 500, 700, 900) = 600.
        #expect(image.samples16 == [400, 500, 600])
        #expect(image.alpha == [191])  // mean of 8-bit alphas (0, 255, 255, 255) = 191.25
    }

    @Test func paletteIndexOutOfRangeDoesNotCrash() throws {
        // Index 5 into a 2-entry palette: libpng maps it to black or rejects it; never crashes.
        let png = PNGBuilder.build(
            width: 2, height: 1, bitDepth: 8, colorType: 3, rows: [[0, 5]],
            chunksBeforeIDAT: [.init(type: "PLTE", data: [9, 9, 9, 7, 7, 7])])
        do {
            let image = try ImageDecoder.decode(png)
            #expect(Array(image.rgb.pixels.prefix(3)) == [9, 9, 9])
        } catch {
            #expect(!error.message.isEmpty)
        }
    }

    @Test func iccProfileFromICCP() throws {
        // A minimal, structurally valid ICC header (libpng checks the size, signature and tag count).
        var profile = [UInt8](repeating: 0, count: 132)
        profile.replaceSubrange(0..<4, with: PNGBuilder.bigEndian(132))
        profile.replaceSubrange(12..<16, with: Array("mntr".utf8))
        profile.replaceSubrange(16..<20, with: Array("RGB ".utf8))
        profile.replaceSubrange(20..<24, with: Array("XYZ ".utf8))
        profile[8] = 2  // version 2.0
        profile.replaceSubrange(36..<40, with: Array("acsp".utf8))
        // D50 illuminant (0.9642, 1.0, 0.8249) in s15Fixed16.
        profile.replaceSubrange(68..<80, with: [0, 0, 0xF6, 0xD6, 0, 1, 0, 0, 0, 0, 0xD3, 0x2D])
        let iccp = Array("test".utf8) + [0, 0] + PNGBuilder.zlibStored(profile)
        let png = PNGBuilder.build(
            width: 1, height: 1, bitDepth: 8, colorType: 2, rows: [[1, 2, 3]],
            chunksBeforeIDAT: [.init(type: "iCCP", data: iccp)])
        let image = try ImageDecoder.decode(png)
        #expect(image.iccProfile == profile, "warnings: \(image.warnings)")
    }
}
