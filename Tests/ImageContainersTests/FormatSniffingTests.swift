import ByteParsing
import ImageContainers
import Testing

@Suite("Format sniffing")
struct FormatSniffingTests {
    static func ftyp(_ brand: String, compatible: [String] = []) -> [UInt8] {
        let body = Array(brand.utf8) + [0, 0, 0, 0] + compatible.flatMap { Array($0.utf8) }
        let size = UInt8(8 + body.count)
        return [0, 0, 0, size] + Array("ftyp".utf8) + body + [0, 0, 0, 8] + Array("mdat".utf8)
    }

    @Test(
        "recognised formats: WebP, TIFF, HEIF, AVIF, GIF, MP4 and QuickTime containers are parsed (these stubs are malformed), the others name themselves",
        arguments: [
            (Array("RIFF".utf8) + [0x24, 0, 0, 0] + Array("WEBPVP8 ".utf8) + [0, 0, 0, 0], ImageFormat.webp, "WebP"),
            (Array("GIF89a".utf8) + [1, 0, 1, 0, 0, 0, 0], .gif, "GIF"),
            (Array("GIF87a".utf8) + [1, 0, 1, 0, 0, 0, 0], .gif, "GIF"),
            ([0x49, 0x49, 0x2A, 0x00, 8, 0, 0, 0], .tiff, "TIFF"),
            ([0x4D, 0x4D, 0x00, 0x2A, 0, 0, 0, 8], .tiff, "TIFF"),
            (ftyp("heic", compatible: ["mif1"]), .heif, "HEIF"),
            (ftyp("mif1", compatible: ["heic"]), .heif, "HEIF"),
            (ftyp("avif", compatible: ["mif1"]), .avif, "AVIF"),
            (ftyp("isom", compatible: ["mp41", "avif"]), .avif, "AVIF"),
            (ftyp("mif1", compatible: ["miaf", "avif"]), .avif, "AVIF"),
            (ftyp("MiHE", compatible: ["heic"]), .heif, "HEIF"),
            (Array("BM".utf8) + [UInt8](repeating: 0, count: 20), .bmp, "BMP"),
            ([0xFF, 0x0A, 0, 0], .jpegXL, "JPEG XL"),
            (ftyp("isom", compatible: ["iso2", "avc1", "mp41"]), .mp4, "MP4"),
            (ftyp("mp42", compatible: ["isom"]), .mp4, "MP4"),
            (ftyp("isom"), .mp4, "MP4"),
            (ftyp("qt  ", compatible: ["qt  "]), .mov, "QuickTime"),
            ([0, 0, 0, 8] + Array("wide".utf8) + [0, 0, 0, 8] + Array("mdat".utf8), .mov, "QuickTime"),
            ([0x1A, 0x45, 0xDF, 0xA3, 0x9F, 0x42, 0x86, 0x81, 0x01], .webm, "WebM"),
        ] as [([UInt8], ImageFormat, String)])
    func unsupported(bytes: [UInt8], format: ImageFormat, name: String) {
        #expect(ImageFormat.sniff(bytes) == format)
        // GIF, MP4 and QuickTime containers are indexed (for C2PA and inspect) though their pixels are not decoded.
        let parsed: Set<ImageFormat> = [.webp, .tiff, .heif, .avif, .gif, .mp4, .mov]
        #expect(format.isSupported == [.webp, .tiff, .heif, .avif].contains(format))
        do {
            _ = try ContainerParser.parse(bytes)
            Issue.record("\(name) stub accepted")
        } catch {
            if parsed.contains(format) {
                #expect(error.code != .unsupported, "\(name): \(error)")
            } else {
                #expect(error.code == .unsupported)
                #expect(error.message.hasPrefix(name + " "))
            }
        }
    }

    @Test("unknown bytes and short inputs")
    func unknown() {
        for bytes: [UInt8] in [[], [0xFF], [0xFF, 0xD8], [0x89, 0x50, 0x4E], Array("hello world".utf8), Self.ftyp("abcd")] {
            #expect(throws: ParseError(.unknownFormat, at: 0, "")) { try ContainerParser.parse(bytes) }
        }
        #expect(ImageFormat.sniff([0xFF, 0xD8, 0xFF]) == .jpeg)
        #expect(ImageFormat.sniff(PNGChunkParser.signature) == .png)
    }

    @Test("video containers are told apart from still images")
    func video() {
        #expect(ImageFormat.sniff(Self.ftyp("isom")).isVideo)
        #expect(ImageFormat.sniff(Self.ftyp("qt  ")).isVideo)
        #expect(!ImageFormat.sniff(Self.ftyp("heic", compatible: ["mif1"])).isVideo)
        // An image brand wins over a generic ISO brand: HEIF sequences and AVIF are still images here.
        #expect(ImageFormat.sniff(Self.ftyp("isom", compatible: ["msf1"])) == .heif)
        #expect(!ImageFormat.jpeg.isVideo)
    }

    @Test("sniffing ignores everything but the bytes")
    func contentOnly() throws {
        // A PNG signature followed by a JPEG is a (broken) PNG.
        #expect(ImageFormat.sniff(PNGChunkParser.signature + JPEGTestBuilder.minimal()) == .png)
        #expect(throws: ParseError.self) { try ContainerParser.parse(PNGChunkParser.signature + JPEGTestBuilder.minimal()) }
    }
}
