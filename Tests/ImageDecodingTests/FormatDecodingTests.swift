import ByteParsing
import ImageContainers
import ImageDecoding
import Testing

/// WebP (libwebp), HEIF/HEIC and AVIF (libheif) and TIFF (libtiff) through ``ImageDecoder``, on the samples
/// made by scripts/make_format_samples.sh (96×64 "blocks"; see Samples/README.md) and on hostile inputs.
@Suite("Decoding WebP, HEIF/AVIF, TIFF")
struct FormatDecodingTests {
    static let palette: [(Int, Int, Int)] = [(200, 40, 40), (40, 180, 60), (30, 60, 200), (128, 128, 128), (250, 250, 250), (10, 10, 10)]

    /// Checks every block centre of a decoded "blocks" image within `tolerance`.
    static func expectBlocks(_ image: DecodedImage, tolerance: Int, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(image.width == 96 && image.height == 64, sourceLocation: sourceLocation)
        for row in 0..<4 {
            for column in 0..<6 {
                let want = palette[(row * 6 + column) % 6]
                guard let got = image.rgb.pixel(x: 16 * column + 8, y: 16 * row + 8) else {
                    Issue.record("pixel outside the image", sourceLocation: sourceLocation)
                    return
                }
                let error = max(abs(Int(got.r) - want.0), abs(Int(got.g) - want.1), abs(Int(got.b) - want.2))
                #expect(error <= tolerance, "block \(column),\(row): \(got) vs \(want)", sourceLocation: sourceLocation)
            }
        }
    }

    @Test("lossy WebP decodes to the block colours")
    func lossyWebP() throws {
        let image = try ImageDecoder.decode(try RepositorySamples.bytes("webp/lossy.webp"))
        #expect(image.format == .webp)
        #expect(image.alpha == nil)
        Self.expectBlocks(image, tolerance: 12)
    }

    @Test("lossless WebP with alpha keeps exact colours and alpha")
    func losslessAlphaWebP() throws {
        let image = try ImageDecoder.decode(try RepositorySamples.bytes("webp/lossless-alpha.webp"))
        Self.expectBlocks(image, tolerance: 0)
        #expect(image.alpha?[8 * 96 + 8] == 255)
        #expect(image.alpha?[8 * 96 + 88] == 96)
    }

    @Test("animated WebP: the first frame, and the report says so")
    func animatedWebP() throws {
        let image = try ImageDecoder.decode(try RepositorySamples.bytes("webp/animated.webp"))
        #expect(image.frameCount == 2)
        #expect(image.warnings.contains { $0.contains("only the first frame") })
        Self.expectBlocks(image, tolerance: 0)
    }

    @Test("WebP EXIF orientation 6 is applied (96×64 stored, 64×96 shown)")
    func orientedWebP() throws {
        let image = try ImageDecoder.decode(try RepositorySamples.bytes("webp/exif-orientation6.webp"))
        #expect(image.orientation == 6)
        #expect(image.width == 64 && image.height == 96)
        // Orientation 6 rotates 90° clockwise: the stored top-left block (200,40,40) ends top-right.
        let corner = image.rgb.pixel(x: 63 - 8, y: 8)
        #expect(corner.map { abs(Int($0.r) - 200) <= 12 && abs(Int($0.g) - 40) <= 12 } == true)
    }

    @Test("HEIC and AVIF decode through libheif")
    func heifAndAVIF() throws {
        let heic = try ImageDecoder.decode(try RepositorySamples.bytes("heif/blocks.heic"))
        #expect(heic.format == .heif)
        Self.expectBlocks(heic, tolerance: 24)
        let avif = try ImageDecoder.decode(try RepositorySamples.bytes("heif/blocks.avif"))
        #expect(avif.format == .avif)
        Self.expectBlocks(avif, tolerance: 24)
        let alpha = try ImageDecoder.decode(try RepositorySamples.bytes("heif/alpha.avif"))
        #expect(alpha.alpha.map { $0[8 * 96 + 88] < 140 && $0[8 * 96 + 8] > 240 } == true)
    }

    @Test("deflate TIFF decodes exactly")
    func tiff() throws {
        let image = try ImageDecoder.decode(try RepositorySamples.bytes("tiff/deflate.tif"))
        #expect(image.format == .tiff)
        Self.expectBlocks(image, tolerance: 0)
    }

    @Test("scale and region work for the new formats")
    func scaleAndRegion() throws {
        let bytes = try RepositorySamples.bytes("tiff/deflate.tif")
        let half = try ImageDecoder.decode(bytes, options: DecodeOptions(scale: .half))
        #expect(half.width == 48 && half.height == 32)
        let region = try ImageDecoder.decode(bytes, options: DecodeOptions(region: PixelRegion(x: 16, y: 0, width: 16, height: 16)))
        #expect(region.rgb.pixel(x: 8, y: 8).map { $0.g == 180 } == true)
    }

    // MARK: Hostile input

    @Test("truncated files of each format give typed errors", arguments: ["webp/lossy.webp", "heif/blocks.heic", "heif/blocks.avif", "tiff/deflate.tif"])
    func truncated(name: String) throws {
        let bytes = try RepositorySamples.bytes(name)
        for length in [0, 12, 40, bytes.count / 2, bytes.count - 3] {
            do {
                _ = try ImageDecoder.decode(Array(bytes.prefix(length)))
                Issue.record("\(name) cut at \(length) decoded")
            } catch {
                #expect([.truncated, .corrupt, .unsupportedFormat, .limitExceeded].contains(error.code), "\(name) at \(length): \(error)")
            }
        }
    }

    @Test("declared sizes beyond the pixel limit are refused before decoding")
    func hugeDeclaredSizes() throws {
        let limits = ParseLimits(maxPixels: 1000)
        for name in ["webp/lossy.webp", "heif/blocks.heic", "tiff/deflate.tif"] {
            #expect(throws: DecodeError(.limitExceeded, "")) {
                try ImageDecoder.decode(try RepositorySamples.bytes(name), options: DecodeOptions(limits: limits))
            }
        }
        // A TIFF declaring 100000 × 100000 pixels in 26 bytes: refused by the pixel limit, nothing allocated.
        func le32(_ v: Int) -> [UInt8] { (0..<4).map { UInt8(truncatingIfNeeded: v >> (8 * $0)) } }
        var bomb: [UInt8] = [0x49, 0x49, 0x2A, 0x00] + le32(8) + [2, 0]
        bomb += [0x00, 0x01, 4, 0] + le32(1) + le32(100_000) + [0x01, 0x01, 4, 0] + le32(1) + le32(100_000) + le32(0)
        #expect(throws: DecodeError(.limitExceeded, "")) { try ImageDecoder.decode(bomb) }
    }

    @Test("random byte damage never crashes", arguments: ["webp/lossy.webp", "heif/blocks.heic", "tiff/deflate.tif"])
    func damage(name: String) throws {
        let bytes = try RepositorySamples.bytes(name)
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        for _ in 0..<40 {
            var damaged = bytes
            for _ in 0..<4 {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                damaged[Int(state >> 33) % damaged.count] ^= UInt8(truncatingIfNeeded: state >> 17) | 1
            }
            _ = try? ImageDecoder.decode(damaged)
        }
    }
}
