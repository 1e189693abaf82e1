import ByteParsing
import ImageContainers
import ImageDecoding
import Testing

/// Headers that are legal to write but hostile to read: every decoder entry point must return a
/// typed error (or a correct image), never trap, hang or allocate for the declared size.
@Suite struct HostileHeaderTests {
    static let fatalCodes: Set<DecodeError.Code> = [
        .corrupt, .truncated, .limitExceeded, .unsupportedFormat, .memoryBudgetExceeded, .scanBudgetExceeded,
    ]

    /// Decodes with every entry point, expecting a typed error from each. `coefficientsMayLoad`
    /// allows the coefficient reader to succeed (libjpeg reads frames it cannot convert to RGB).
    static func expectDecodeFailure(
        _ bytes: [UInt8], _ label: String, coefficientsMayLoad: Bool = false,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        do {
            let image = try ImageDecoder.decode(bytes)
            Issue.record("\(label): decoded \(image.width)x\(image.height)", sourceLocation: sourceLocation)
        } catch {
            #expect(fatalCodes.contains(error.code), "\(label): \(error)", sourceLocation: sourceLocation)
        }
        for scale in DecodeScale.allCases {
            #expect(throws: DecodeError.self, "\(label) at \(scale)", sourceLocation: sourceLocation) {
                try ImageDecoder.decode(bytes, options: DecodeOptions(scale: scale))
            }
        }
        if ImageFormat.sniff(bytes) == .jpeg {
            do {
                let coefficients = try JPEGCoefficientReader.read(bytes)
                #expect(coefficientsMayLoad, "\(label): coefficients read", sourceLocation: sourceLocation)
                for component in coefficients.components {
                    let blocks = component.widthInBlocks * component.heightInBlocks
                    #expect(component.coefficients.count == blocks * 64, sourceLocation: sourceLocation)
                }
            } catch {
                #expect(fatalCodes.contains(error.code), "\(label) coefficients: \(error)", sourceLocation: sourceLocation)
            }
        }
    }

    // MARK: PNG

    static func png(width: UInt32, height: UInt32) -> [UInt8] {
        var ihdr = PNGBuilder.bigEndian(width) + PNGBuilder.bigEndian(height)
        ihdr += [8, 2, 0, 0, 0]
        return PNGChunkParser.signature + PNGBuilder.chunk("IHDR", ihdr)
            + PNGBuilder.chunk("IDAT", PNGBuilder.zlibStored([0, 1, 2, 3])) + PNGBuilder.chunk("IEND", [])
    }

    /// Sizes the PNG specification forbids (0, above 2^31-1) or that exceed the pixel limit or
    /// libpng's default width/height limit of 10^6; the IDAT holds only 4 bytes.
    @Test(arguments: [
        (UInt32(0), UInt32(0)), (0, 5), (5, 0), (0x7FFF_FFFF, 1), (1, 0x7FFF_FFFF), (0x8000_0000, 1),
        (0xFFFF_FFFF, 0xFFFF_FFFF), (1_000_001, 1), (200_000, 200_000),
    ])
    func pngHeaderSizes(width: UInt32, height: UInt32) throws {
        let bytes = Self.png(width: width, height: height)
        Self.expectDecodeFailure(bytes, "PNG \(width)x\(height)")
        let legal = (1...0x7FFF_FFFF).contains(width) && (1...0x7FFF_FFFF).contains(height)
        if legal && Int(width) * Int(height) <= ParseLimits.default.maxPixels {
            #expect(try ContainerParser.parse(bytes).width == Int(width))  // structure only: no pixels
        } else {
            #expect(throws: ParseError.self) { try ContainerParser.parse(bytes) }
        }
    }

    // MARK: JPEG

    /// A 16×16 baseline JPEG from the encoder, and the offset of its SOF0 marker.
    static func jpeg() throws -> (bytes: [UInt8], sof: Int, dqt: Int) {
        let bytes = try JPEGEncoder.encode(TestImages.gradient(width: 16, height: 16), quality: 90)
        let walk = try JPEGSegmentParser.parse(bytes)
        let sof = try #require(walk.segments.first { $0.marker == 0xC0 })
        let dqt = try #require(walk.segments.first { $0.marker == JPEGMarker.dqt })
        return (bytes, sof.offset, dqt.offset)
    }

    /// Replaces the SOF0 segment with one declaring `components` components of 1×1 sampling.
    static func withFrame(width: UInt16, height: UInt16, components: Int) throws -> [UInt8] {
        let (bytes, sof, _) = try jpeg()
        let oldLength = Int(bytes[sof + 2]) << 8 | Int(bytes[sof + 3])
        var payload: [UInt8] = [8, UInt8(height >> 8), UInt8(height & 0xFF), UInt8(width >> 8), UInt8(width & 0xFF)]
        payload.append(UInt8(truncatingIfNeeded: components))
        for index in 0..<components { payload += [UInt8(truncatingIfNeeded: index + 1), 0x11, 0] }
        let length = payload.count + 2
        let segment: [UInt8] = [0xFF, 0xC0, UInt8(length >> 8), UInt8(length & 0xFF)] + payload
        return Array(bytes[..<sof]) + segment + Array(bytes[(sof + 2 + oldLength)...])
    }

    /// 0 and 255 components are invalid everywhere; 2 and 5 are legal frames that have no RGB
    /// conversion (their coefficients can still be read; ImageContainers accepts 1...4).
    @Test(arguments: [0, 2, 5, 255])
    func jpegComponentCounts(components: Int) throws {
        let bytes = try Self.withFrame(width: 16, height: 16, components: components)
        let legal = components == 2 || components == 5
        Self.expectDecodeFailure(bytes, "SOF with \(components) components", coefficientsMayLoad: legal)
        if (1...4).contains(components) {
            #expect(try ContainerParser.parse(bytes).jpeg?.components.count == components)
        } else {
            #expect(throws: ParseError.self) { try ContainerParser.parse(bytes) }
        }
    }

    /// Empty frames and frames over the pixel limit.
    @Test(arguments: [(UInt16(0), UInt16(16)), (16, 0), (65535, 65535), (65500, 65500)])
    func jpegFrameSizes(width: UInt16, height: UInt16) throws {
        let bytes = try Self.withFrame(width: width, height: height, components: 3)
        Self.expectDecodeFailure(bytes, "SOF \(width)x\(height)")
    }

    /// A 16 MP frame whose entropy-coded data covers only 16×16 pixels before EOI is truncated, and
    /// the decoder says so at the first output rows instead of concealing 16 MP of grey. Asked to
    /// accept partial images, it decodes them with a warning (the whole frame, at 1/8 scale).
    @Test func largeFrameWithLittleDataIsTruncated() throws {
        let bytes = try Self.withFrame(width: 4000, height: 4000, components: 3)
        do {
            _ = try ImageDecoder.decode(bytes, options: DecodeOptions(scale: .eighth))
            Issue.record("decoded")
        } catch {
            #expect(error.code == .truncated, "\(error)")
            #expect((error.work?.rows ?? .max) <= 8)
        }
        var accepting = DecodeOptions(scale: .eighth)
        accepting.budget.acceptTruncated = true
        let image = try ImageDecoder.decode(bytes, options: accepting)
        #expect(image.width == 500 && image.height == 500 && image.rgb.isWellFormed)
        #expect(image.warnings.first?.contains("premature end of data segment") == true, "\(image.warnings)")
        accepting.scale = .full
        accepting.region = PixelRegion(x: 3990, y: 3990, width: 10, height: 10)
        let region = try ImageDecoder.decode(bytes, options: accepting)
        #expect(region.rgb.isWellFormed && !region.warnings.isEmpty)
    }

    @Test(arguments: [UInt8(0x04), 0x0F, 0x20, 0xF0, 0x14])
    func jpegQuantizationTableIDs(header: UInt8) throws {
        var (bytes, _, dqt) = try Self.jpeg()
        bytes[dqt + 4] = header  // Pq (high nibble) and Tq (low nibble) of the first table
        Self.expectDecodeFailure(bytes, "DQT header 0x\(String(header, radix: 16))")
        #expect(throws: ParseError.self) { try ContainerParser.parse(bytes) }
    }

    // MARK: Regions and scales

    @Test func hostileRegionsAreInvalidArguments() throws {
        let jpeg = try JPEGEncoder.encode(TestImages.gradient(width: 24, height: 20), quality: 90)
        let png = try PNGEncoder.encode(TestImages.gradient(width: 24, height: 20))
        let regions = [
            PixelRegion(x: -1, y: 0, width: 4, height: 4), PixelRegion(x: 0, y: -5, width: 4, height: 4),
            PixelRegion(x: 0, y: 0, width: 0, height: 4), PixelRegion(x: 0, y: 0, width: 4, height: -4),
            PixelRegion(x: 0, y: 0, width: Int.max, height: Int.max), PixelRegion(x: Int.max, y: 0, width: 1, height: 1),
            PixelRegion(x: Int.max, y: Int.max, width: Int.max, height: Int.max),
            PixelRegion(x: Int.min, y: Int.min, width: Int.max, height: Int.max),
            PixelRegion(x: 20, y: 0, width: 5, height: 1), PixelRegion(x: 0, y: 19, width: 1, height: 2),
            PixelRegion(x: 3, y: 3, width: 4, height: 4),  // inside at full scale, outside at 1/8 (3×3)
        ]
        for bytes in [jpeg, png] {
            for region in regions {
                for scale in DecodeScale.allCases {
                    let options = DecodeOptions(scale: scale, region: region)
                    let fits = region.fits(width: scale.scaledLength(24), height: scale.scaledLength(20))
                    do {
                        let image = try ImageDecoder.decode(bytes, options: options)
                        #expect(fits, "\(region) at \(scale) decoded")
                        #expect(image.rgb.isWellFormed && image.width == region.width && image.height == region.height)
                    } catch {
                        #expect(!fits && error.code == .invalidArgument, "\(region) at \(scale): \(error)")
                    }
                }
            }
        }
    }

    @Test func onePixelImagesAtEveryScale() throws {
        let pixel = RGBImage(width: 1, height: 1, pixels: [200, 100, 50])
        let png = try PNGEncoder.encode(pixel)
        let jpeg = try JPEGEncoder.encode(pixel, quality: 100, subsampling: .yuv444)
        for scale in DecodeScale.allCases {
            let fromPNG = try ImageDecoder.decode(png, options: DecodeOptions(scale: scale))
            #expect(fromPNG.rgb == pixel)
            let fromJPEG = try ImageDecoder.decode(jpeg, options: DecodeOptions(scale: scale))
            #expect(fromJPEG.width == 1 && fromJPEG.height == 1 && fromJPEG.rgb.pixels.count == 3)
            for (decoded, original) in zip(fromJPEG.rgb.pixels, pixel.pixels) {
                #expect(abs(Int(decoded) - Int(original)) <= 3, "\(scale): \(fromJPEG.rgb.pixels)")
            }
            let cropped = try ImageDecoder.decode(
                jpeg, options: DecodeOptions(scale: scale, region: PixelRegion(x: 0, y: 0, width: 1, height: 1)))
            #expect(cropped.rgb == fromJPEG.rgb)
        }
    }
}
