import ByteParsing

/// Builds PNG files for tests.
struct PNGTestBuilder {
    private(set) var bytes: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    /// Appends a chunk with a correct CRC (or a corrupted one).
    mutating func chunk(_ type: String, _ data: [UInt8], corruptCRC: Bool = false) {
        let length = UInt32(data.count)
        bytes += bigEndian(length)
        let body = Array(type.utf8) + data
        var crc = CRC32.checksum(body)
        if corruptCRC { crc ^= 0xDEAD_BEEF }
        bytes += body + bigEndian(crc)
    }

    /// IHDR.
    mutating func header(width: UInt32, height: UInt32, bitDepth: UInt8 = 8, colorType: UInt8 = 2, interlace: UInt8 = 0) {
        chunk("IHDR", bigEndian(width) + bigEndian(height) + [bitDepth, colorType, 0, 0, interlace])
    }

    /// An IDAT holding a stored zlib stream of one zero byte per row plus `rowBytes` zeros.
    mutating func imageData(rows: Int, rowBytes: Int) {
        chunk("IDAT", ZlibTestBuilder.stored([UInt8](repeating: 0, count: rows * (rowBytes + 1))))
    }

    /// IEND.
    mutating func end() { chunk("IEND", []) }

    func bigEndian(_ value: UInt32) -> [UInt8] {
        [UInt8(value >> 24), UInt8((value >> 16) & 0xFF), UInt8((value >> 8) & 0xFF), UInt8(value & 0xFF)]
    }

    /// A 4x2 RGB PNG with the chunks `extra` adds between IHDR and IDAT.
    static func minimal(extra: (inout PNGTestBuilder) -> Void = { _ in }) -> [UInt8] {
        var builder = PNGTestBuilder()
        builder.header(width: 4, height: 2)
        extra(&builder)
        builder.imageData(rows: 2, rowBytes: 12)
        builder.end()
        return builder.bytes
    }
}
