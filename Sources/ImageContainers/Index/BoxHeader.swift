/// Small bounds-checked helpers for reading box and chunk headers by absolute offset.
enum BoxHeader {
    /// The big-endian 32-bit value at `offset`, or 0 when fewer than 4 bytes remain.
    static func readUInt32(_ bytes: [UInt8], _ offset: Int) -> UInt32 {
        guard offset >= 0, offset <= bytes.count - 4 else { return 0 }
        return bytes[offset..<(offset + 4)].reduce(0) { ($0 << 8) | UInt32($1) }
    }

    /// The four bytes at `range` as a type code (`ftyp`, `VP8 `…), Latin-1 decoded.
    static func fourCC(_ bytes: ArraySlice<UInt8>) -> String {
        String(decoding: bytes.map { $0 < 0x80 ? $0 : 0x3F }, as: UTF8.self)
    }
}
