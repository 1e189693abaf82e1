import ByteParsing
import ImageContainers
import Testing

/// The MP4/QuickTime (ISO BMFF) and GIF handlers of ``ContainerIndexer`` and ``ContainerParser``, on
/// hand-built containers: the C2PA store and its carrier, auxiliary Merkle boxes kept out of the stores,
/// the visual track's size, GIF blocks and the `C2PA_GIF` extension.
@Suite("Container index: MP4, QuickTime, GIF")
struct VideoAndGIFIndexTests {
    static let c2paUUID: [UInt8] = [0xD8, 0xFE, 0xC3, 0xD6, 0x1B, 0x0E, 0x48, 0x3C, 0x92, 0x97, 0x58, 0x28, 0x87, 0x7E, 0xC4, 0x81]

    static func box(_ type: String, _ payload: [UInt8]) -> [UInt8] { FormatIndexTests.box(type, payload) }
    static func be32(_ value: Int) -> [UInt8] { FormatIndexTests.be32(value) }

    /// A `tkhd` (version 0) with a 16.16 width and height.
    static func trackHeader(width: Int, height: Int) -> [UInt8] {
        box("tkhd", [0, 0, 0, 3] + [UInt8](repeating: 0, count: 20 + 8 + 8 + 36) + be32(width << 16) + be32(height << 16))
    }

    static func track(handler: String, width: Int, height: Int) -> [UInt8] {
        let hdlr = box("hdlr", [0, 0, 0, 0, 0, 0, 0, 0] + Array(handler.utf8) + [UInt8](repeating: 0, count: 13))
        return box("trak", trackHeader(width: width, height: height) + box("mdia", hdlr))
    }

    /// ftyp (`brand`), the C2PA manifest box, mdat, moov (an audio track first, then video), a merkle box.
    static func movie(brand: String) -> [UInt8] {
        let ftyp = box("ftyp", Array(brand.utf8) + [0, 0, 0, 0] + Array(brand.utf8))
        let manifest = box("uuid", c2paUUID + [0, 0, 0, 0] + Array("manifest".utf8) + [0] + [UInt8](repeating: 0, count: 8) + FormatIndexTests.store)
        let mdat = box("mdat", [UInt8](repeating: 0xAB, count: 64))
        let moov = box("moov", box("mvhd", [UInt8](repeating: 0, count: 100)) + track(handler: "soun", width: 0, height: 0)
            + track(handler: "vide", width: 640, height: 360))
        let merkle = box("uuid", c2paUUID + [0, 0, 0, 0] + Array("merkle".utf8) + [0] + [0xA0])
        return ftyp + manifest + mdat + moov + merkle
    }

    @Test("MP4 and QuickTime: top-level boxes, the manifest store (not the merkle box), the video track's size", arguments: ["isom", "qt  "])
    func movie(brand: String) throws {
        let bytes = Self.movie(brand: brand)
        let index = try ContainerIndexer.index(bytes)
        #expect(index.format == (brand == "isom" ? .mp4 : .mov))
        #expect(index.boxes?.map(\.name) == ["ftyp", "uuid", "mdat", "moov", "uuid"])
        #expect(index.manifestStores.count == 1)
        #expect(index.manifestStores.first?.bytes == FormatIndexTests.store)
        #expect(index.manifestStores.first?.carrierRanges == [index.boxes?[1].range].compactMap { $0 })
        let info = try ContainerParser.parse(bytes)
        #expect(info.width == 640 && info.height == 360)
        #expect(info.metadata.hasC2PA)
        #expect(info.warnings.isEmpty)
        let merkle = try #require(index.boxes?.last)
        let parsed = try #require(BMFFC2PABox.read(merkle, in: bytes))
        #expect(parsed.purpose == BMFFC2PABox.merklePurpose)
        #expect(parsed.firstMerkleBoxOffset == nil)
        #expect(Array(bytes[parsed.dataRange]) == [0xA0])
    }

    @Test("a video file without a moov box is refused by the container parser")
    func movieWithoutMovie() {
        let bytes = Self.box("ftyp", Array("isom".utf8) + [0, 0, 0, 0]) + Self.box("mdat", [1, 2, 3])
        #expect(throws: ParseError(.invalidValue, at: 0, "")) { try ContainerParser.parse(bytes) }
        #expect((try? ContainerIndexer.index(bytes))?.boxes?.count == 2)
    }

    /// GIF89a 3×2 with a 2-colour table, an optional C2PA extension holding `store`, one image, the trailer.
    static func gif(store: [UInt8]?) -> [UInt8] {
        var bytes = Array("GIF89a".utf8) + [3, 0, 2, 0, 0x80, 0, 0] + [0, 0, 0, 255, 255, 255]
        if let store {
            bytes += [0x21, 0xFF, 0x0B] + Array("C2PA_GIF".utf8) + [1, 0, 0]
            var position = 0
            while position < store.count {
                let count = min(255, store.count - position)
                bytes += [UInt8(count)] + store[position..<(position + count)]
                position += count
            }
            bytes.append(0)
        }
        bytes += [0x21, 0xF9, 4, 0, 0, 0, 0, 0]  // graphic control extension
        bytes += [0x2C, 0, 0, 0, 0, 3, 0, 2, 0, 0, 2, 2, 0x44, 0x01, 0]
        return bytes + [0x3B]
    }

    @Test("GIF: blocks, size, the C2PA store joined from its sub-blocks and the whole extension as carrier")
    func gif() throws {
        // A store longer than one 255-byte sub-block.
        let store = FormatIndexTests.store + [UInt8](repeating: 0x5A, count: 600)
        let bytes = Self.gif(store: store)
        let index = try ContainerIndexer.index(bytes)
        #expect(index.format == .gif)
        #expect(index.boxes?.map(\.name) == [
            "Header", "LogicalScreenDescriptor", "GlobalColorTable", "ApplicationExtension", "GraphicControlExtension", "Image", "Trailer",
        ])
        #expect(index.manifestStores.first?.bytes == store)
        let extensionBlock = try #require(index.boxes?[3])
        #expect(extensionBlock.range.lowerBound == 19)
        #expect(index.manifestStores.first?.carrierRanges == [extensionBlock.range])
        #expect(bytes[extensionBlock.range.upperBound] == 0x21)  // the block ends after its terminator
        let info = try ContainerParser.parse(bytes)
        #expect(info.width == 3 && info.height == 2)
        #expect(info.gif?.frameCount == 1)
        #expect(info.gif?.globalColorTableSize == 2)
        #expect(info.metadata.hasC2PA)
        #expect(try ContainerIndexer.index(Self.gif(store: nil)).manifestStores.isEmpty)
    }

    @Test("GIF: truncation and bad blocks are typed errors")
    func gifErrors() {
        let bytes = Self.gif(store: FormatIndexTests.store)
        for cut in [5, 12, 20, 40, bytes.count - 6] {
            #expect(throws: ParseError.self) { try ContainerIndexer.index(Array(bytes.prefix(cut))) }
        }
        var bad = bytes
        bad[19] = 0x99  // not an extension, image or trailer introducer
        #expect(throws: ParseError(.invalidValue, at: 19, "")) { try ContainerIndexer.index(bad) }
    }
}
