import ByteParsing

/// Builds JPEG marker streams for tests (headers only; scan data is a few placeholder bytes).
struct JPEGTestBuilder {
    private(set) var bytes: [UInt8] = [0xFF, 0xD8]

    /// Appends a length-carrying segment.
    mutating func segment(_ marker: UInt8, _ payload: [UInt8]) {
        let length = payload.count + 2
        bytes += [0xFF, marker, UInt8(length >> 8), UInt8(length & 0xFF)] + payload
    }

    /// APP0 JFIF 1.01.
    mutating func jfif() {
        segment(0xE0, Array("JFIF".utf8) + [0, 1, 1, 0, 0, 1, 0, 1, 0, 0])
    }

    /// APPn with `identifier\0` then `body`.
    mutating func application(_ number: UInt8, identifier: String, _ body: [UInt8]) {
        segment(0xE0 + number, Array(identifier.utf8) + [0] + body)
    }

    /// APP1 EXIF.
    mutating func exif(_ tiff: [UInt8]) { segment(0xE1, Array("Exif".utf8) + [0, 0] + tiff) }

    /// APP1 XMP.
    mutating func xmp(_ packet: String) { application(1, identifier: "http://ns.adobe.com/xap/1.0/", Array(packet.utf8)) }

    /// DQT with tables given in natural order, written in zigzag order with 8- or 16-bit precision.
    mutating func quantizationTables(_ tables: [(slot: Int, values: [UInt16], sixteenBit: Bool)]) {
        var payload: [UInt8] = []
        for table in tables {
            payload.append(UInt8((table.sixteenBit ? 0x10 : 0) | table.slot))
            for position in 0..<64 {
                let value = table.values[Self.zigzag[position]]
                if table.sixteenBit { payload += [UInt8(value >> 8), UInt8(value & 0xFF)] } else { payload.append(UInt8(value)) }
            }
        }
        segment(0xDB, payload)
    }

    /// SOFn with (id, h, v, table) components.
    mutating func frame(
        marker: UInt8 = 0xC0, precision: UInt8 = 8, width: Int, height: Int, components: [(UInt8, UInt8, UInt8, UInt8)]
    ) {
        var payload: [UInt8] = [precision, UInt8(height >> 8), UInt8(height & 0xFF), UInt8(width >> 8), UInt8(width & 0xFF)]
        payload.append(UInt8(components.count))
        for (id, h, v, table) in components { payload += [id, h << 4 | v, table] }
        segment(marker, payload)
    }

    /// SOS for `count` components followed by a few entropy-coded bytes (with a stuffed 0xFF and a restart marker).
    mutating func scan(components count: Int = 3) {
        var payload: [UInt8] = [UInt8(count)]
        for index in 0..<count { payload += [UInt8(index + 1), 0x00] }
        payload += [0, 63, 0]
        segment(0xDA, payload)
        bytes += [0x12, 0xFF, 0x00, 0x34, 0xFF, 0xD0, 0x56]
    }

    /// EOI.
    mutating func end() { bytes += [0xFF, 0xD9] }

    /// A natural-order index for each zigzag position (independent of the library's table).
    static let zigzag: [Int] = [
        0, 1, 8, 16, 9, 2, 3, 10, 17, 24, 32, 25, 18, 11, 4, 5, 12, 19, 26, 33, 40, 48, 41, 34, 27, 20, 13, 6, 7, 14, 21, 28,
        35, 42, 49, 56, 57, 50, 43, 36, 29, 22, 15, 23, 30, 37, 44, 51, 58, 59, 52, 45, 38, 31, 39, 46, 53, 60, 61, 54, 47, 55,
        62, 63,
    ]

    /// A minimal baseline 4:2:0 YCbCr JPEG header with standard quality-75 tables.
    static func minimal(width: Int = 64, height: Int = 48, extra: (inout JPEGTestBuilder) -> Void = { _ in }) -> [UInt8] {
        var builder = JPEGTestBuilder()
        builder.jfif()
        extra(&builder)
        builder.quantizationTables([
            (0, IJG.scaled(IJG.luminance, quality: 75), false), (1, IJG.scaled(IJG.chrominance, quality: 75), false),
        ])
        builder.frame(width: width, height: height, components: [(1, 2, 2, 0), (2, 1, 1, 1), (3, 1, 1, 1)])
        builder.scan()
        builder.end()
        return builder.bytes
    }
}
