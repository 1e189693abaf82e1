import ByteParsing
import Foundation
import ImageContainers
import Testing

@Suite("Segment and chunk walkers, Codable round trips")
struct WalkerAndCodableTests {
    @Test("JPEG segments: offsets, fill bytes, scan skipping with stuffing and restart markers")
    func jpegWalk() throws {
        var builder = JPEGTestBuilder()
        builder.jfif()
        builder.segment(0xFE, [0x41])
        let fillOffset = builder.bytes.count
        var bytes = builder.bytes + [0xFF]  // a fill byte before the next marker
        var rest = JPEGTestBuilder()
        rest.frame(width: 8, height: 8, components: [(1, 1, 1, 0)])
        rest.scan(components: 1)
        rest.scan(components: 1)
        rest.end()
        bytes += rest.bytes.dropFirst(2)  // drop the second SOI
        let walk = try JPEGSegmentParser.parse(bytes)
        #expect(walk.segments.map(\.marker) == [0xE0, 0xFE, 0xC0, 0xDA, 0xDA])
        #expect(walk.segments[0].offset == 2)
        #expect(walk.segments[0].payloadRange == 6..<20)
        #expect(walk.segments[1].offset == 20)
        #expect(walk.segments[1].range == 20..<25)
        #expect(walk.segments[2].offset == fillOffset + 1)
        #expect(walk.scanCount == 2)
        #expect(walk.endsWithEOI)
        #expect(walk.endOffset == bytes.count)
        #expect(walk.segments[2].isStartOfFrame && !walk.segments[3].isStartOfFrame)
        #expect(walk.segments[0].isApplication)
    }

    @Test("segment and chunk ranges of hand-made records never trap")
    func handMadeRanges() {
        let segment = JPEGSegment(marker: 0xE1, offset: 10, totalLength: 20, payloadRange: 14..<30)
        #expect(segment.range == 10..<30)
        #expect(JPEGSegment(marker: 0xE1, offset: 10, totalLength: -5, payloadRange: 0..<0).range == 10..<10)
        #expect(JPEGSegment(marker: 0xE1, offset: Int.max - 1, totalLength: 8, payloadRange: 0..<0).range == (Int.max - 1)..<Int.max)
        #expect(JPEGSegment(marker: 0xE1, offset: Int.min, totalLength: -1, payloadRange: 0..<0).range == Int.min..<Int.min)
        let chunk = PNGChunk(type: "tEXt", offset: 33, dataRange: 41..<45, storedCRC: 0, crcValid: true)
        #expect(chunk.range == 33..<49)
        #expect(PNGChunk(type: "tEXt", offset: Int.max - 3, dataRange: 0..<1, storedCRC: 0, crcValid: true).range.upperBound == Int.max)
    }

    @Test("JPEG walker errors")
    func jpegWalkErrors() {
        expectParseError(.unknownFormat, at: 0) { () throws(ParseError) in try JPEGSegmentParser.parse([0x89, 0x50]) }
        expectParseError(.invalidValue, at: 2) { () throws(ParseError) in try JPEGSegmentParser.parse([0xFF, 0xD8, 0x00, 0x01]) }
        expectParseError(.invalidValue, at: 4) { () throws(ParseError) in
            try JPEGSegmentParser.parse([0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x01])
        }
        expectParseError(.truncated, at: 6) { () throws(ParseError) in
            try JPEGSegmentParser.parse([0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 0x00])
        }
        #expect(throws: ParseError(.limitExceeded, at: nil, "")) {
            try JPEGSegmentParser.parse(JPEGTestBuilder.minimal(), limits: ParseLimits(maxItems: 2))
        }
    }

    @Test("PNG chunks: CRC recorded when not required")
    func pngWalk() throws {
        var builder = PNGTestBuilder()
        builder.header(width: 1, height: 1)
        builder.chunk("tEXt", [0x61, 0, 0x62], corruptCRC: true)
        builder.imageData(rows: 1, rowBytes: 3)
        builder.end()
        expectParseError(.checksumMismatch, at: 44) { () throws(ParseError) in try PNGChunkParser.parse(builder.bytes) }
        let walk = try PNGChunkParser.parse(builder.bytes, requireValidCRC: false)
        #expect(walk.chunks.map(\.type) == ["IHDR", "tEXt", "IDAT", "IEND"])
        #expect(walk.chunks.map(\.crcValid) == [true, false, true, true])
        #expect(walk.chunks[1].offset == 33)
        #expect(walk.chunks[1].dataRange == 41..<44)
        #expect(walk.chunks[1].totalLength == 15)
        #expect(walk.chunks(ofType: "IDAT").count == 1)
        #expect(walk.chunks[0].isCritical && !walk.chunks[1].isCritical)
        #expect(walk.endsWithIEND)
    }

    @Test("ContainerInfo survives a JSON round trip")
    func codable() throws {
        let jpeg = try ContainerParser.parse(TruncationTests.richJPEG)
        let png = try ContainerParser.parse(TruncationTests.richPNG)
        for info in [jpeg, png] {
            let data = try JSONEncoder().encode(info)
            #expect(try JSONDecoder().decode(ContainerInfo.self, from: data) == info)
        }
        let json = try #require(String(data: try JSONEncoder().encode(png), encoding: .utf8))
        #expect(json.contains("\"format\":\"png\""))
        #expect(json.contains("\"hasC2PA\":true"))
    }
}
