import ByteParsing
import Testing

@Suite("ByteReader")
struct ByteReaderTests {
    @Test("integers in both byte orders")
    func integers() throws {
        var reader = ByteReader([0x12, 0x34, 0x56, 0x78, 0x9A, 0xBC, 0xDE, 0xF0, 0x01])
        #expect(try reader.readUInt16() == 0x1234)
        #expect(try reader.readUInt16(.little) == 0x7856)
        #expect(try reader.readUInt32(.big) == 0x9ABC_DEF0)
        #expect(try reader.readUInt8() == 0x01)
        #expect(reader.isAtEnd)
        #expect(throws: ParseError(.truncated, at: 9, "")) { try reader.readUInt8() }
    }

    @Test("sub-readers keep absolute offsets and stay in range")
    func subReaders() throws {
        var reader = ByteReader(Array(0..<16))
        try reader.skip(4)
        var sub = try reader.subReader(4)
        #expect(sub.offset == 4)
        #expect(try sub.readUInt32() == 0x0405_0607)
        #expect(throws: ParseError(.truncated, at: 8, "")) { try sub.readUInt8() }
        #expect(reader.offset == 8)
        do {
            _ = try reader.readBytes(9)
            Issue.record("over-read succeeded")
        } catch {
            #expect(error.code == .truncated)
            #expect(error.offset == 8)
        }
        #expect(throws: ParseError(.truncated, at: nil, "")) { try reader.skip(-1) }
    }

    @Test("atomically commits only on success")
    func atomically() throws {
        var reader = ByteReader([1, 2, 3])
        do {
            try reader.atomically { (copy: inout ByteReader) throws(ParseError) in
                _ = try copy.readUInt16()
                _ = try copy.readUInt16()
            }
        } catch {
            #expect(error.code == .truncated)
        }
        #expect(reader.offset == 0)
        let value = try reader.atomically { (copy: inout ByteReader) throws(ParseError) in try copy.readUInt16() }
        #expect(value == 0x0102)
        #expect(reader.offset == 2)
    }

    @Test("peeking any distance past the end returns nil")
    func peekFarAhead() throws {
        var reader = ByteReader([1, 2, 3, 4])
        try reader.skip(1)
        #expect(reader.peekUInt8() == 2)
        #expect(reader.peekUInt8(at: 2) == 4)
        #expect(reader.peekUInt8(at: 3) == nil)
        #expect(reader.peekUInt8(at: -1) == nil)
        // offset + distance overflows Int: must be nil, not a trap.
        #expect(reader.peekUInt8(at: Int.max) == nil)
        #expect(reader.peekUInt8(at: Int.min) == nil)
    }

    @Test("error description names code and offset")
    func errorDescription() {
        #expect(ParseError(.truncated, at: 12, "short").description == "truncated at offset 12: short")
        #expect(ParseError(.unsupported, at: nil, "WebP").description == "unsupported: WebP")
    }
}
