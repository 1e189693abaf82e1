import ProvenantTestSupport
import ByteParsing
import Testing

@Suite("Inflate")
struct InflateTests {
    @Test("stored block decoded from hand-computed bytes")
    func storedBlockKnownAnswer() throws {
        // BFINAL=1, BTYPE=00 -> 0x01; LEN=5 (05 00), NLEN=~5 (FA FF); "hello".
        let deflate: [UInt8] = [0x01, 0x05, 0x00, 0xFA, 0xFF, 0x68, 0x65, 0x6C, 0x6C, 0x6F]
        #expect(try Inflate.deflate(deflate, limit: 100) == Array("hello".utf8))
        // zlib: CMF 0x78, FLG 0x01 (0x7801 % 31 == 0), Adler-32("hello") = 0x062C0215.
        let zlib: [UInt8] = [0x78, 0x01] + deflate + [0x06, 0x2C, 0x02, 0x15]
        #expect(try Inflate.zlib(zlib, limit: 100) == Array("hello".utf8))
    }

    @Test("fixed Huffman block derived by hand: literal 'a' then end of block")
    func fixedHuffmanKnownAnswer() throws {
        // Bits (LSB first): BFINAL 1, BTYPE 01 -> 1,1,0; 'a' = 0x61 -> code 0x30+0x61 = 0x91 = 10010001 (MSB first);
        // end of block = 0000000 (7 bits). Packed: 0x4B 0x04 0x00.
        let deflate: [UInt8] = [0x4B, 0x04, 0x00]
        #expect(try Inflate.deflate(deflate, limit: 10) == [0x61])
        // Python's zlib.compress(b"a", 9) produces exactly these bytes inside its wrapper.
        #expect(try Inflate.zlib(hexBytes("78da4b040000620062"), limit: 10) == [0x61])
    }

    @Test("zlib streams produced by a reference compressor")
    func referenceVectors() throws {
        #expect(try Inflate.zlib(hexBytes("78da030000000001"), limit: 10) == [])
        #expect(
            try Inflate.zlib(hexBytes("78dacb48cdc9c957c8402701680308b1"), limit: 100)
                == Array("hello hello hello hello".utf8))
        // A dynamic-Huffman block (BTYPE=10).
        let dynamic = hexBytes(
            "78dab5cbc70180201005d1567e05d4e2c10640490656b250bddb84e779b33a8d58fd764225ea01865e1cf57e32a8e984c2f9927360"
                + "272bb0fe8617c9ee1e508cba2f0ec637cd69ea80cbc74a895f9bc507b2fb3f0d")
        let expected = String(repeating: "The quick brown fox jumps over the lazy dog. ", count: 3)
            + "Pack my box with five dozen liquor jugs."
        #expect(try Inflate.zlib(dynamic, limit: 1000) == Array(expected.utf8))
    }

    @Test("fixed Huffman block with back-references, built by the test encoder")
    func fixedHuffmanCopies() throws {
        var encoder = DeflateTestEncoder()
        encoder.fixedBlock(
            [.literal(0x41), .literal(0x42), .copy(length: 10, distance: 2), .literal(0xFF), .copy(length: 258, distance: 1),
             .copy(length: 4, distance: 13), .endOfBlock],
            final: true)
        encoder.align()
        var expected: [UInt8] = [0x41, 0x42]
        for _ in 0..<10 { expected.append(expected[expected.count - 2]) }
        expected.append(0xFF)
        for _ in 0..<258 { expected.append(0xFF) }
        for _ in 0..<4 { expected.append(expected[expected.count - 13]) }
        #expect(try Inflate.deflate(encoder.bytes, limit: 1000) == expected)
        let zlib = DeflateTestEncoder.zlibWrap(encoder.bytes, uncompressed: expected)
        #expect(try Inflate.zlib(zlib, limit: 1000) == expected)
    }

    @Test("several blocks of different types in one stream")
    func multipleBlocks() throws {
        var encoder = DeflateTestEncoder()
        encoder.storedBlock(Array("abc".utf8), final: false)
        encoder.fixedBlock([.literal(0x64), .copy(length: 3, distance: 4), .endOfBlock], final: false)
        encoder.storedBlock([], final: true)
        #expect(try Inflate.deflate(encoder.bytes, limit: 100) == Array("abcdabc".utf8))
    }

    @Test("a decompression bomb stops at the cap")
    func bomb() throws {
        var encoder = DeflateTestEncoder()
        var instructions: [DeflateTestEncoder.Instruction] = [.literal(0)]
        instructions += Array(repeating: .copy(length: 258, distance: 1), count: 20_000)  // about 5 MB
        instructions.append(.endOfBlock)
        encoder.fixedBlock(instructions, final: true)
        encoder.align()
        #expect(encoder.bytes.count < 40_000)
        #expect(throws: ParseError(.limitExceeded, at: nil, "")) { try Inflate.deflate(encoder.bytes, limit: 1 << 20) }
        // Exactly at the cap is allowed; one byte under is not.
        let small: [UInt8] = [0x01, 0x05, 0x00, 0xFA, 0xFF, 0x68, 0x65, 0x6C, 0x6C, 0x6F]
        #expect(try Inflate.deflate(small, limit: 5).count == 5)
        #expect(throws: ParseError(.limitExceeded, at: nil, "")) { try Inflate.deflate(small, limit: 4) }
    }

    @Test("corrupt streams fail with typed errors")
    func corruptStreams() {
        let good = hexBytes("78dacb48cdc9c957c8402701680308b1")
        var badAdler = good
        badAdler[badAdler.count - 1] ^= 0x01
        #expect(throws: ParseError(.checksumMismatch, at: nil, "")) { try Inflate.zlib(badAdler, limit: 100) }
        #expect(throws: ParseError(.checksumMismatch, at: nil, "")) { try Inflate.zlib([0x78, 0x00, 0x03, 0x00], limit: 100) }
        #expect(throws: ParseError(.invalidValue, at: nil, "")) { try Inflate.zlib([0x79, 0x9C], limit: 100) }
        #expect(throws: ParseError(.unsupported, at: nil, "")) { try Inflate.zlib([0x78, 0xBB, 0, 0, 0, 0], limit: 100) }
        // Reserved block type 11.
        #expect(throws: ParseError(.invalidValue, at: nil, "")) { try Inflate.deflate([0x07], limit: 100) }
        // Stored length and complement disagree.
        #expect(throws: ParseError(.invalidValue, at: nil, "")) { try Inflate.deflate([0x01, 0x05, 0x00, 0x00, 0x00], limit: 100) }
        // A distance reaching before the output start.
        var encoder = DeflateTestEncoder()
        encoder.fixedBlock([.literal(1), .copy(length: 3, distance: 2), .endOfBlock], final: true)
        encoder.align()
        #expect(throws: ParseError(.invalidValue, at: nil, "")) { try Inflate.deflate(encoder.bytes, limit: 100) }
    }

    @Test("every truncation of valid streams throws a typed error")
    func truncations() {
        let streams = [
            hexBytes("78dacb48cdc9c957c8402701680308b1"),
            hexBytes(
                "78dab5cbc70180201005d1567e05d4e2c10640490656b250bddb84e779b33a8d58fd764225ea01865e1cf57e32a8e984c2f99273"
                    + "60272bb0fe8617c9ee1e508cba2f0ec637cd69ea80cbc74a895f9bc507b2fb3f0d"),
        ]
        for stream in streams {
            for length in 0..<stream.count {
                do {
                    _ = try Inflate.zlib(stream[0..<length], limit: 1000)
                    Issue.record("prefix of \(length) bytes decoded")
                } catch {
                    #expect([.truncated, .invalidValue, .checksumMismatch].contains(error.code))
                }
            }
        }
    }

    @Test("random bytes never crash the inflater")
    func randomInput() {
        var generator = SplitMix64(seed: 42)
        for _ in 0..<2_000 {
            let count = Int(generator.next() % 64)
            let bytes = (0..<count).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
            _ = try? Inflate.deflate(bytes, limit: 4096)
            _ = try? Inflate.zlib([0x78, 0x9C] + bytes, limit: 4096)
        }
    }
}
