import ProvenantTestSupport
import ByteParsing
import ImageContainers
import Testing

/// Truncation, drip-feed and mutation runs over small but feature-rich files.
@Suite("Truncation and drip-feed")
struct TruncationTests {
    static let richJPEG: [UInt8] = JPEGTestBuilder.minimal { builder in
        builder.exif(EXIFParserTests.camera(bigEndian: true, userComment: Array("ASCII\0\0\0hi".utf8)))
        builder.xmp("<x:xmpmeta><rdf:Description xmp:CreatorTool=\"T\"/></x:xmpmeta>")
        builder.application(2, identifier: "ICC_PROFILE", [1, 1, 9, 9, 9])
        builder.segment(0xFE, Array("comment".utf8))
        // A C2PA store: `jumb` superbox whose `jumd` carries the c2pa type UUID and label (the one C2PA test).
        let description = Array("c2pa".utf8) + [0x00, 0x11, 0x00, 0x10, 0x80, 0x00, 0x00, 0xAA, 0x00, 0x38, 0x9B, 0x71] + [0x03] + Array("c2pa".utf8) + [0]
        builder.segment(
            0xEB, Array("JP".utf8) + [0, 1, 0, 0, 0, 1, 0, 0, 0, UInt8(16 + description.count)] + Array("jumb".utf8)
                + [0, 0, 0, UInt8(8 + description.count)] + Array("jumd".utf8) + description)
        builder.segment(0xEE, Array("Adobe".utf8) + [0, 100, 0, 0, 0, 0, 1])
    }

    static let richPNG: [UInt8] = PNGTestBuilder.minimal { builder in
        builder.chunk("tEXt", Array("parameters".utf8) + [0] + Array("a cat".utf8))
        builder.chunk("zTXt", Array("k".utf8) + [0, 0] + ZlibTestBuilder.stored(Array("compressed".utf8)))
        builder.chunk("iTXt", Array("prompt".utf8) + [0, 1, 0, 0, 0] + ZlibTestBuilder.stored(Array("{}".utf8)))
        builder.chunk("eXIf", EXIFParserTests.camera(bigEndian: false, userComment: [0, 0, 0, 0, 0, 0, 0, 0]))
        builder.chunk("iCCP", Array("p".utf8) + [0, 0] + ZlibTestBuilder.stored([1, 2, 3]))
        builder.chunk("caBX", [0, 0, 0, 8] + Array("jumb".utf8))
    }

    @Test("the rich fixtures parse completely")
    func fixtures() throws {
        let jpeg = try ContainerParser.parse(Self.richJPEG)
        #expect(jpeg.metadata.exif?.make == "NIKON CORPORATION")
        #expect(jpeg.metadata.xmp?.creatorTool == "T")
        #expect(jpeg.metadata.iccProfile == [9, 9, 9])
        #expect(jpeg.metadata.comments == ["comment"])
        #expect(jpeg.metadata.hasC2PA)
        #expect(jpeg.warnings.isEmpty)
        let png = try ContainerParser.parse(Self.richPNG)
        #expect(png.metadata.textChunks.map(\.keyword) == ["parameters", "k", "prompt"])
        #expect(png.metadata.exif?.model == "NIKON D750")
        #expect(png.metadata.iccProfile == [1, 2, 3])
        #expect(png.metadata.hasC2PA)
        #expect(png.warnings.isEmpty)
    }

    /// Parses every prefix; returns the prefix lengths that parsed.
    static func dripFeed(_ bytes: [UInt8]) -> (parsed: [Int], codes: Set<ParseError.Code>) {
        var parsed: [Int] = []
        var codes: Set<ParseError.Code> = []
        for length in 0...bytes.count {
            do {
                let info = try ContainerParser.parse(Array(bytes.prefix(length)))
                #expect(info.width > 0)
                parsed.append(length)
            } catch {
                codes.insert(error.code)
                #expect(!error.message.isEmpty)
            }
        }
        return (parsed, codes)
    }

    @Test("JPEG: every prefix fails with a typed error until the scan begins")
    func jpegDripFeed() throws {
        let (parsed, codes) = Self.dripFeed(Self.richJPEG)
        // Once the SOS header is complete, the walker accepts a file cut inside the scan data.
        let sosEnd = try #require(Self.sosHeaderEnd(Self.richJPEG))
        #expect(parsed == Array(sosEnd...Self.richJPEG.count))
        #expect(codes.isSubset(of: [.truncated, .unknownFormat, .invalidValue]))
        let full = try ContainerParser.parse(Self.richJPEG)
        for length in parsed {
            let info = try ContainerParser.parse(Array(Self.richJPEG.prefix(length)))
            #expect(info.width == full.width && info.metadata == full.metadata)
        }
    }

    @Test("PNG: every prefix fails with a typed error until IDAT is complete")
    func pngDripFeed() throws {
        let (parsed, codes) = Self.dripFeed(Self.richPNG)
        let iend = Self.richPNG.count - 12
        #expect(parsed == [iend, Self.richPNG.count])
        #expect(codes.isSubset(of: [.truncated, .unknownFormat, .invalidValue]))
    }

    @Test("single-byte mutations never crash", arguments: [0, 1])
    func mutations(which: Int) {
        let base = which == 0 ? Self.richJPEG : Self.richPNG
        var outcomes: [String: Int] = [:]
        for index in 0..<base.count {
            for value: UInt8 in [0x00, 0xFF, base[index] &+ 1] where value != base[index] {
                var mutated = base
                mutated[index] = value
                do {
                    _ = try ContainerParser.parse(mutated)
                    outcomes["ok", default: 0] += 1
                } catch {
                    outcomes[error.code.rawValue, default: 0] += 1
                }
            }
        }
        #expect(outcomes.values.reduce(0, +) > base.count * 2)
        if which == 1 {
            // Every byte after the signature is covered by a CRC except the length fields.
            #expect(outcomes["checksum_mismatch", default: 0] > base.count)
        }
    }

    @Test("random data after a valid signature never crashes")
    func randomAfterSignature() {
        var generator = SplitMix64(seed: 7)
        for round in 0..<3_000 {
            let count = Int(generator.next() % 200)
            let tail = (0..<count).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
            let head: [UInt8] = round % 2 == 0 ? [0xFF, 0xD8, 0xFF] : PNGChunkParser.signature
            _ = try? ContainerParser.parse(head + tail)
        }
    }

    /// The offset just after the SOS segment header.
    static func sosHeaderEnd(_ bytes: [UInt8]) -> Int? {
        guard let walk = try? JPEGSegmentParser.parse(bytes) else { return nil }
        return walk.segments.first { $0.marker == 0xDA }.map { $0.payloadRange.upperBound }
    }
}
