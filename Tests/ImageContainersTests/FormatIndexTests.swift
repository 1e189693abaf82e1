import ByteParsing
import ImageContainers
import ProvenantTestSupport
import Testing

/// The WebP, HEIF/AVIF and TIFF handlers of ``ContainerIndexer`` and ``ContainerParser``, on the committed
/// samples (scripts/make_format_samples.sh) and on hand-built containers.
@Suite("Container index: WebP, HEIF/AVIF, TIFF")
struct FormatIndexTests {
    /// A minimal C2PA-labelled JUMBF superbox (`jumb` + `jumd` with the `c2pa` UUID prefix and label).
    static let store: [UInt8] = {
        let description: [UInt8] =
            Array("c2pa".utf8) + [0x00, 0x11, 0x00, 0x10, 0x80, 0x00, 0x00, 0xAA, 0x00, 0x38, 0x9B, 0x71] + [0x03] + Array("c2pa".utf8) + [0]
        let jumd = be32(8 + description.count) + Array("jumd".utf8) + description
        return be32(8 + jumd.count) + Array("jumb".utf8) + jumd
    }()

    static func be32(_ value: Int) -> [UInt8] { (0..<4).map { UInt8(truncatingIfNeeded: value >> (24 - 8 * $0)) } }
    static func le32(_ value: Int) -> [UInt8] { (0..<4).map { UInt8(truncatingIfNeeded: value >> (8 * $0)) } }

    /// A RIFF/WEBP file around `chunks` (each fourCC + payload, padded to even length).
    static func webp(_ chunks: [(String, [UInt8])]) -> [UInt8] {
        var body = Array("WEBP".utf8)
        for (type, payload) in chunks {
            body += Array(type.utf8) + le32(payload.count) + payload
            if payload.count % 2 == 1 { body.append(0) }
        }
        return Array("RIFF".utf8) + le32(body.count) + body
    }

    /// A lossless VP8L header for a `width` × `height` image (enough for the index; not decodable).
    static func vp8l(width: Int, height: Int) -> [UInt8] {
        let bits = UInt32(width - 1) | UInt32(height - 1) << 14
        return [0x2F] + le32(Int(bits)) + [0, 0, 0]
    }

    static func box(_ type: String, _ payload: [UInt8]) -> [UInt8] { be32(8 + payload.count) + Array(type.utf8) + payload }

    @Test("lossy WebP sample: chunks, size, no C2PA")
    func webpSample() throws {
        let bytes = try SampleFiles.bytes("webp/lossy.webp")
        let index = try ContainerIndexer.index(bytes)
        #expect(index.format == .webp)
        #expect(index.boxes?.map(\.name) == ["RIFF", "VP8 "])
        #expect(!index.hasC2PA)
        let info = try ContainerParser.parse(bytes)
        #expect(info.width == 96 && info.height == 64)
        #expect(info.webp?.lossless == false)
    }

    @Test("WebP EXIF and XMP chunks reach the metadata")
    func webpMetadata() throws {
        let info = try ContainerParser.parse(try SampleFiles.bytes("webp/exif-orientation6.webp"))
        #expect(info.metadata.exif?.make == "Provenant Test Camera Co.")
        #expect(info.metadata.exif?.orientation == 6)
        #expect(info.metadata.xmp?.credit == "Made with Google AI")
        #expect(info.metadata.xmp?.creators == ["Provenant samples"])
    }

    @Test("animated and alpha WebP samples are described")
    func webpAnimatedAndAlpha() throws {
        let animated = try ContainerParser.parse(try SampleFiles.bytes("webp/animated.webp"))
        #expect(animated.webp?.animated == true)
        #expect(animated.webp?.frameCount == 2)
        #expect(animated.warnings.contains { $0.contains("first frame") })
        let alpha = try ContainerParser.parse(try SampleFiles.bytes("webp/lossless-alpha.webp"))
        #expect(alpha.webp?.lossless == true)
        #expect(alpha.webp?.hasAlpha == true)
    }

    @Test("a RIFF C2PA chunk is the store; its carrier is the chunk header and data")
    func webpC2PAChunk() throws {
        let bytes = Self.webp([("VP8L", Self.vp8l(width: 3, height: 2)), ("C2PA", Self.store)])
        let index = try ContainerIndexer.index(bytes)
        let chunkStart = 12 + 8 + 8
        #expect(index.manifestStores.count == 1)
        #expect(index.manifestStores.first?.bytes == Self.store)
        #expect(index.manifestStores.first?.carrierRanges == [chunkStart..<(chunkStart + 8 + Self.store.count)])
        #expect(try ContainerParser.parse(bytes).metadata.hasC2PA)
    }

    @Test("HEIC and AVIF samples: format, ispe size, top-level boxes")
    func bmffSamples() throws {
        let heic = try ContainerIndexer.index(try SampleFiles.bytes("heif/blocks.heic"))
        #expect(heic.format == .heif)
        #expect(heic.boxes?.first?.name == "ftyp")
        #expect(heic.boxes?.contains { $0.name == "meta" } == true)
        let avif = try ContainerParser.parse(try SampleFiles.bytes("heif/blocks.avif"))
        #expect(avif.format == .avif)
        #expect(avif.width == 96 && avif.height == 64)
        #expect(avif.bmff?.brands.contains("avif") == true)
    }

    @Test("HEIF Exif and XMP items (iinf + iloc) reach the metadata")
    func heifMetadata() throws {
        let info = try ContainerParser.parse(try SampleFiles.bytes("heif/exif-xmp.heic"))
        #expect(info.metadata.exif?.make == "Provenant Test Camera Co.")
        #expect(info.metadata.exif?.model == "PTC-1")
        #expect(info.metadata.xmp?.creators == ["Provenant samples"])
        #expect(info.width == 96 && info.height == 64)
    }

    @Test("a C2PA uuid box is the store; other uuid boxes are not")
    func bmffC2PABox() throws {
        let ftyp = Self.box("ftyp", Array("heic".utf8) + [0, 0, 0, 0] + Array("mif1heic".utf8))
        let c2pa = Self.box("uuid", BMFFBoxReader.c2paUUID + [0, 0, 0, 0] + Array("manifest".utf8) + [0] + [UInt8](repeating: 0, count: 8) + Self.store)
        let other = Self.box("uuid", [UInt8](repeating: 7, count: 16) + Self.store)
        let bytes = ftyp + c2pa + other + Self.box("mdat", [1, 2, 3])
        let index = try ContainerIndexer.index(bytes)
        #expect(index.boxes?.map(\.name) == ["ftyp", "uuid", "uuid", "mdat"])
        #expect(index.manifestStores.count == 1)
        #expect(index.manifestStores.first?.bytes == Self.store)
        #expect(index.manifestStores.first?.carrierRanges == [ftyp.count..<(ftyp.count + c2pa.count)])
    }

    @Test("TIFF sample: IFD0 size, EXIF make, XMP creator")
    func tiffSample() throws {
        let info = try ContainerParser.parse(try SampleFiles.bytes("tiff/deflate.tif"))
        #expect(info.format == .tiff)
        #expect(info.width == 96 && info.height == 64)
        #expect(info.tiff?.compression == 8)
        #expect(info.metadata.exif?.make == "Provenant Test Camera Co.")
        #expect(info.metadata.xmp?.creators == ["Provenant samples"])
    }

    @Test("the TIFF C2PA tag's value bytes are the carrier")
    func tiffC2PATag() throws {
        // II*\0, IFD0 at 8 with two entries (width, C2PA), store after the IFD.
        let storeOffset = 8 + 2 + 2 * 12 + 4
        var bytes: [UInt8] = [0x49, 0x49, 0x2A, 0x00] + Self.le32(8) + [2, 0]
        bytes += [0x00, 0x01, 3, 0] + Self.le32(1) + [5, 0, 0, 0]
        bytes += [0x41, 0xCD, 7, 0] + Self.le32(Self.store.count) + Self.le32(storeOffset)
        bytes += Self.le32(0) + Self.store
        let index = try ContainerIndexer.index(bytes)
        #expect(index.manifestStores.first?.carrierRanges == [storeOffset..<(storeOffset + Self.store.count)])
        #expect(index.manifestStores.first?.bytes == Self.store)
    }

    // MARK: Hostile containers

    @Test("hostile WebP: truncated chunk, huge RIFF size, no image chunk")
    func hostileWebP() {
        var huge = Self.webp([("VP8L", Self.vp8l(width: 3, height: 2))])
        huge.replaceSubrange(16..<20, with: [0xF0, 0xFF, 0xFF, 0xFF])  // chunk size ~4 GiB
        expectParseError(.truncated) { () throws(ParseError) in try ContainerIndexer.index(huge) }
        var riff = Self.webp([("VP8L", Self.vp8l(width: 3, height: 2))])
        riff.replaceSubrange(4..<8, with: [0xFF, 0xFF, 0xFF, 0xFF])
        expectParseError(.truncated) { () throws(ParseError) in try ContainerIndexer.index(riff) }
        let empty = Self.webp([("XMP ", Array("<x/>".utf8))])
        expectParseError(.invalidValue) { () throws(ParseError) in try ContainerParser.parse(empty) }
        let truncated = Array(Self.webp([("VP8L", Self.vp8l(width: 3, height: 2))]).prefix(18))
        expectParseError(.truncated) { () throws(ParseError) in try ContainerIndexer.index(truncated) }
    }

    @Test("hostile BMFF: 64-bit size past the end, size below the header, too many boxes")
    func hostileBMFF() {
        let ftyp = Self.box("ftyp", Array("avif".utf8) + [0, 0, 0, 0] + Array("avifmif1".utf8))
        let large = ftyp + Self.be32(1) + Array("mdat".utf8) + [0x7F, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF]
        expectParseError(.truncated) { () throws(ParseError) in try ContainerIndexer.index(large) }
        let tiny = ftyp + Self.be32(4) + Array("free".utf8)
        expectParseError(.invalidValue) { () throws(ParseError) in try ContainerIndexer.index(tiny) }
        let many = ftyp + Array([[UInt8]](repeating: Self.box("free", []), count: 40).joined())
        expectParseError(.limitExceeded) { () throws(ParseError) in try ContainerIndexer.index(many, limits: ParseLimits(maxItems: 16)) }
        // A meta box nested in itself: the index reads one level and does not recurse.
        var nested = Self.box("hdlr", [UInt8](repeating: 0, count: 24))
        for _ in 0..<200 { nested = Self.box("meta", [0, 0, 0, 0] + nested) }
        #expect((try? ContainerIndexer.index(ftyp + nested)) != nil)
    }

    @Test("hostile TIFF: IFD outside the file, C2PA tag pointing past the end, huge dimensions")
    func hostileTIFF() {
        let outside: [UInt8] = [0x49, 0x49, 0x2A, 0x00] + Self.le32(1 << 30)
        expectParseError(.invalidValue) { () throws(ParseError) in try ContainerIndexer.index(outside) }
        var past: [UInt8] = [0x49, 0x49, 0x2A, 0x00] + Self.le32(8) + [1, 0]
        past += [0x41, 0xCD, 7, 0] + Self.le32(0x7FFF_FFF0) + Self.le32(26) + Self.le32(0)
        expectParseError(.truncated) { () throws(ParseError) in try ContainerIndexer.index(past) }
        var bomb: [UInt8] = [0x49, 0x49, 0x2A, 0x00] + Self.le32(8) + [2, 0]
        bomb += [0x00, 0x01, 4, 0] + Self.le32(1) + Self.le32(1_000_000)
        bomb += [0x01, 0x01, 4, 0] + Self.le32(1) + Self.le32(1_000_000) + Self.le32(0)
        expectParseError(.limitExceeded) { () throws(ParseError) in try ContainerParser.parse(bomb) }
    }
}
