import ImageDecoding
import ProvenantTestSupport
import Testing

/// The cost cases of issue 10, each generated here in a few hundred kilobytes at most. Every test
/// asserts on the decoder's work counters (bytes read, scans, rows) or on the typed budget error,
/// never on time: the budgets make the work itself small.
@Suite struct CostBudgetTests {
    // MARK: PNG: image data after the last row

    /// A 1×1 PNG whose zlib stream goes on for 256 KB after its one row (40 MB once inflated). libpng
    /// used to inflate all of it after the row; now reading stops within the trailing budget.
    @Test func pngStopsReadingImageDataAfterTheLastRow() throws {
        let bytes = HostileImages.pngWithTrailingImageData(pixel: (200, 100, 50), compressedBytes: 256 * 1024)
        let image = try ImageDecoder.decode(bytes)
        #expect(image.rgb.pixels == [200, 100, 50])
        #expect(image.work.stoppedAfterLastRow)
        let budget = DecodeBudget.default.maxTrailingImageDataBytes
        // libpng asks for at most 8 KiB of a chunk at a time, so it stops within one read of the budget.
        #expect(image.work.trailingBytes > budget && image.work.trailingBytes <= budget + 8192)
        #expect(image.work.bytesRead < 40 * 1024, "read \(image.work.bytesRead) of \(bytes.count) bytes")
        #expect(image.warnings.first?.contains("after the last row") == true, "\(image.warnings)")
    }

    /// The same file with the trailing budget off reads (and inflates) everything: the counter
    /// measures what the budget saves.
    @Test func withoutATrailingBudgetTheWholeStreamIsRead() throws {
        let bytes = HostileImages.pngWithTrailingImageData(pixel: (1, 2, 3), compressedBytes: 64 * 1024)
        var options = DecodeOptions()
        options.budget.maxTrailingImageDataBytes = 0
        let image = try ImageDecoder.decode(bytes, options: options)
        #expect(image.rgb.pixels == [1, 2, 3])
        #expect(!image.work.stoppedAfterLastRow)
        #expect(image.work.bytesRead > 64 * 1024)
    }

    /// An ordinary PNG finishes its zlib stream within a few bytes of the last row and has its
    /// trailing chunks checked, without warnings.
    @Test func anOrdinaryPNGEndsCleanly() throws {
        let bytes = try PNGEncoder.encode(TestImages.gradient(width: 40, height: 30))
        let image = try ImageDecoder.decode(bytes)
        #expect(image.warnings.isEmpty, "\(image.warnings)")
        #expect(!image.work.stoppedAfterLastRow)
        #expect(image.work.trailingBytes < 64)
        #expect(image.work.bytesRead == bytes.count)  // IEND read too
        #expect(image.work.rows == 30)
    }

    /// A PNG missing its IEND still has every row: a warning, not an error.
    @Test func aMissingIENDIsAWarning() throws {
        let bytes = try PNGEncoder.encode(TestImages.gradient(width: 8, height: 8))
        let image = try ImageDecoder.decode(Array(bytes.dropLast(12)))
        #expect(image.rgb.pixels == TestImages.gradient(width: 8, height: 8).pixels)
        #expect(image.warnings.first?.contains("after the image data") == true, "\(image.warnings)")
    }

    // MARK: PNG: interlaced memory

    /// Adam7 images are placed pixel by pixel from each pass (no whole-image buffer): the result
    /// matches the pixels written, for 8- and 16-bit RGBA, odd sizes and regions.
    @Test(arguments: [(UInt8(8), 13, 11), (8, 1, 1), (8, 9, 2), (16, 17, 5)])
    func interlacedPNGIsPlacedExactly(bitDepth: UInt8, width: Int, height: Int) throws {
        func value(_ x: Int, _ y: Int, _ channel: Int) -> UInt8 { UInt8(truncatingIfNeeded: x * 37 + y * 11 + channel * 71) }
        let bytes = HostileImages.interlacedPNG(width: width, height: height, bitDepth: bitDepth, colorType: 6) { x, y in
            (0..<4).flatMap { channel in bitDepth == 16 ? [value(x, y, channel), 0x80] : [value(x, y, channel)] }
        }
        let image = try ImageDecoder.decode(bytes)
        var rgb: [UInt8] = []
        var alpha: [UInt8] = []
        for y in 0..<height {
            for x in 0..<width {
                // 16-bit samples v·256 + 0x80 reduce to 8 bits as round(v16 · 255 / 65535) = v.
                rgb += [value(x, y, 0), value(x, y, 1), value(x, y, 2)]
                alpha.append(value(x, y, 3))
            }
        }
        #expect(image.rgb.pixels == rgb)
        #expect(image.alpha == alpha)
        #expect(image.warnings.isEmpty, "\(image.warnings)")
        let region = PixelRegion(x: width / 3, y: height / 2, width: width - width / 3, height: height - height / 2)
        let tile = try ImageDecoder.decode(bytes, options: DecodeOptions(region: region))
        #expect(tile.rgb.pixels == TestImages.crop(RGBImage(width: width, height: height, pixels: rgb), region))
    }

    /// A 10000×10000 interlaced RGBA PNG needs its 400 MB of outputs and nothing more; with a
    /// 300 MB budget it is refused before any image data is read.
    @Test func interlacedPNGOverTheMemoryBudgetIsRefusedBeforeDecoding() throws {
        let bytes = HostileImages.png(
            width: 10_000, height: 10_000, bitDepth: 8, colorType: 6, interlaced: true, idat: HostileImages.zlibStored([0]))
        var options = DecodeOptions()
        options.budget.maxMemoryBytes = 300_000_000
        do {
            _ = try ImageDecoder.decode(bytes, options: options)
            Issue.record("decoded")
        } catch {
            #expect(error.code == .memoryBudgetExceeded, "\(error)")
        }
    }

    // MARK: JPEG: memory and scans

    /// A progressive JPEG declaring 10000×10000 (4:4:4) needs 600 MB of coefficient buffers and
    /// 300 MB of output; libjpeg's memory manager refuses it when decoding starts, before any scan
    /// is decoded.
    @Test func progressive100MegapixelJPEGIsRefusedBeforeItsScans() throws {
        let small = try JPEGEncoder.encode(TestImages.gradient(width: 64, height: 64), quality: 90, progressive: true, subsampling: .yuv444)
        let bytes = HostileImages.jpeg(small, declaring: 10_000, 10_000)
        do {
            _ = try ImageDecoder.decode(bytes)
            Issue.record("decoded")
        } catch {
            #expect(error.code == .memoryBudgetExceeded, "\(error)")
            #expect(error.work?.scans == 1, "\(String(describing: error.work))")  // the first scan's header only
            #expect(error.work?.rows == 0)
        }
    }

    /// The scan limit: `maxScanPixels / pixels`, between `minScans` and `maxScans`.
    @Test func scanLimitScalesWithImageSize() {
        let budget = DecodeBudget.default
        #expect(budget.scanLimit(pixels: 64 * 64) == 64)
        #expect(budget.scanLimit(pixels: 2592 * 1944) == 64)  // 5 MP: 198 by scans × pixels, capped at 64
        #expect(budget.scanLimit(pixels: 25_000_000) == 40)
        #expect(budget.scanLimit(pixels: 100_000_000) == 12)  // 10 by scans × pixels, raised to the floor
    }

    /// A progressive JPEG whose first scan repeats hundreds of times stops at its size's scan limit:
    /// exactly limit + 1 scans are started, and the rest of the file is never read.
    @Test(arguments: [(128, 40), (512, 12)])
    func scanFloodStopsAtTheScaledLimit(side: Int, limit: Int) throws {
        let progressive = try JPEGEncoder.encode(TestImages.gradient(width: side, height: side), quality: 85, progressive: true)
        let bytes = HostileImages.jpeg(progressive, repeatingFirstScanTo: 300)
        var options = DecodeOptions(scale: .eighth)
        options.budget.maxScanPixels = 128 * 128 * 40
        #expect(options.budget.scanLimit(pixels: side * side) == limit)
        do {
            _ = try ImageDecoder.decode(bytes, options: options)
            Issue.record("decoded")
        } catch {
            #expect(error.code == .scanBudgetExceeded, "\(error)")
            #expect(error.work?.scans == limit + 1)
            #expect((error.work?.bytesRead ?? .max) < bytes.count / 2)
        }
        #expect(throws: DecodeError(.scanBudgetExceeded, "")) { try JPEGCoefficientReader.read(bytes, budget: options.budget) }
    }

    // MARK: JPEG: content-free and truncated images

    /// A 100-megapixel frame with 16 bytes of entropy-coded data is truncated, found at the first
    /// output row rather than after 100 MP of grey.
    @Test func contentFree100MegapixelJPEGIsTruncated() throws {
        let small = try JPEGEncoder.encode(TestImages.gradient(width: 16, height: 16), quality: 90)
        let bytes = HostileImages.jpeg(HostileImages.jpeg(small, declaring: 10_000, 10_000), keepingEntropyBytes: 16)
        #expect(bytes.count < 1_000)
        do {
            _ = try ImageDecoder.decode(bytes)
            Issue.record("decoded")
        } catch {
            #expect(error.code == .truncated, "\(error)")
            #expect(error.work?.dataEnded == true)
            #expect((error.work?.rows ?? .max) <= 16, "\(String(describing: error.work))")
        }
    }

    /// Asked to accept partial images, the decoder fills the missing part and says so.
    @Test func truncatedJPEGDecodesOnlyWhenAccepted() throws {
        let jpeg = try JPEGEncoder.encode(TestImages.gradient(width: 64, height: 64), quality: 90)
        let bytes = HostileImages.jpeg(jpeg, keepingEntropyBytes: 40)
        #expect(throws: DecodeError(.truncated, "")) { try ImageDecoder.decode(bytes) }
        var options = DecodeOptions()
        options.budget.acceptTruncated = true
        let image = try ImageDecoder.decode(bytes, options: options)
        #expect(image.width == 64 && image.work.dataEnded && image.work.rows == 64)
        #expect(image.warnings.first?.contains("premature end of data segment") == true, "\(image.warnings)")
    }

    // MARK: Memory budget for outputs

    /// The output itself counts: a budget below width × height × 3 refuses before allocating.
    @Test func outputOverTheMemoryBudgetIsRefused() throws {
        let jpeg = try JPEGEncoder.encode(TestImages.gradient(width: 64, height: 64), quality: 90)
        let png = try PNGEncoder.encode(TestImages.gradient(width: 64, height: 64))
        var options = DecodeOptions()
        options.budget.maxMemoryBytes = 64 * 64 * 3 - 1
        for bytes in [jpeg, png] {
            #expect(throws: DecodeError(.memoryBudgetExceeded, "")) { try ImageDecoder.decode(bytes, options: options) }
        }
        options.budget.maxMemoryBytes = 64 * 64 * 3 + 64 * 8
        #expect(try ImageDecoder.decode(png, options: options).width == 64)
    }
}
