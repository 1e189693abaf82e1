/// Small generators of files that are cheap to store and expensive to decode without the cost
/// budgets (docs/limits.md): each one is built in code, in well under a megabyte.
///
/// Test-only support: no product depends on this module.
public enum HostileImages {
    // MARK: PNG

    /// A 1×1 RGB PNG of `pixel` whose single zlib stream continues after the row with about
    /// `compressedBytes` bytes of fixed-Huffman "copy 258 zeros" codes: each 13-bit code inflates to
    /// 258 bytes, so 1 MB of it is 160 MB of image data a decoder would inflate and throw away.
    public static func pngWithTrailingImageData(pixel: (UInt8, UInt8, UInt8), compressedBytes: Int) -> [UInt8] {
        var deflate = BitWriter()
        deflate.bits(0b011, 3)  // final block, fixed Huffman
        let row: [UInt8] = [0, pixel.0, pixel.1, pixel.2, 0]  // filter byte, RGB, then a zero to copy from
        for byte in row { deflate.literal(byte) }
        let copies = max(0, compressedBytes * 8 / 13)
        for _ in 0..<copies {
            deflate.code(0xC5, 8)  // length symbol 285: 258 bytes
            deflate.code(0, 5)  // distance code 0: distance 1
        }
        deflate.code(0, 7)  // end of block
        let a = adler32(row)
        let zeros = UInt64(copies) * 258
        let low = a & 0xFFFF
        let high = (UInt64(a >> 16) + UInt64(low) * (zeros % 65_521)) % 65_521
        let stream = [0x78, 0x01] + deflate.finish() + bigEndian(UInt32(high) << 16 | low)
        return png(width: 1, height: 1, bitDepth: 8, colorType: 2, interlaced: false, idat: stream)
    }

    /// An Adam7-interlaced PNG (8 or 16 bits per sample, colour type 0, 2, 4 or 6) whose pixel at
    /// (x, y) is `sample(x, y)` (the sample bytes, big-endian for 16 bits), stored uncompressed.
    public static func interlacedPNG(
        width: Int, height: Int, bitDepth: UInt8, colorType: UInt8, sample: (Int, Int) -> [UInt8]
    ) -> [UInt8] {
        var raw: [UInt8] = []
        for pass in adam7 {
            let rows = (height - pass.row + pass.rowStep - 1) / pass.rowStep
            let columns = (width - pass.column + pass.columnStep - 1) / pass.columnStep
            guard height > pass.row, width > pass.column, rows > 0, columns > 0 else { continue }
            for r in 0..<rows {
                raw.append(0)  // filter None
                for c in 0..<columns { raw += sample(pass.column + c * pass.columnStep, pass.row + r * pass.rowStep) }
            }
        }
        return png(width: width, height: height, bitDepth: bitDepth, colorType: colorType, interlaced: true, idat: zlibStored(raw))
    }

    /// A PNG header declaring a `width`×`height` image followed by `idat` (any bytes) and IEND.
    public static func png(width: Int, height: Int, bitDepth: UInt8, colorType: UInt8, interlaced: Bool, idat: [UInt8]) -> [UInt8] {
        let header = bigEndian(UInt32(width)) + bigEndian(UInt32(height)) + [bitDepth, colorType, 0, 0, interlaced ? 1 : 0]
        return [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + TestImages.chunk("IHDR", header)
            + TestImages.chunk("IDAT", idat) + TestImages.chunk("IEND", [])
    }

    /// The Adam7 passes: first row and column, and the steps between them.
    static let adam7: [(row: Int, column: Int, rowStep: Int, columnStep: Int)] = [
        (0, 0, 8, 8), (0, 4, 8, 8), (4, 0, 8, 4), (0, 2, 4, 4), (2, 0, 4, 2), (0, 1, 2, 2), (1, 0, 2, 1),
    ]

    /// A zlib stream of stored blocks.
    public static func zlibStored(_ data: [UInt8]) -> [UInt8] {
        var out: [UInt8] = [0x78, 0x01]
        var offset = 0
        repeat {
            let length = min(65_535, data.count - offset)
            out += [offset + length == data.count ? 1 : 0, UInt8(length & 0xFF), UInt8(length >> 8)]
            out += [UInt8(~length & 0xFF), UInt8((~length >> 8) & 0xFF)]
            out += data[offset..<(offset + length)]
            offset += length
        } while offset < data.count
        return out + bigEndian(adler32(data))
    }

    // MARK: JPEG

    /// `jpeg` with its frame header (SOF0/1/2) declaring `width`×`height`; the scans are unchanged,
    /// so their data covers only the original image.
    public static func jpeg(_ jpeg: [UInt8], declaring width: Int, _ height: Int) -> [UInt8] {
        var bytes = jpeg
        guard let frame = segments(jpeg).first(where: { (0xC0...0xC2).contains($0.marker) }) else { return bytes }
        bytes[frame.start + 5] = UInt8(height >> 8)
        bytes[frame.start + 6] = UInt8(height & 0xFF)
        bytes[frame.start + 7] = UInt8(width >> 8)
        bytes[frame.start + 8] = UInt8(width & 0xFF)
        return bytes
    }

    /// `jpeg` cut `keep` bytes into its first scan's entropy-coded data and closed with EOI: a
    /// well-formed file with almost no image data.
    public static func jpeg(_ jpeg: [UInt8], keepingEntropyBytes keep: Int) -> [UInt8] {
        guard let scan = segments(jpeg).first(where: { $0.marker == 0xDA }) else { return jpeg }
        return Array(jpeg[..<(scan.dataStart + keep)]) + [0xFF, 0xD9]
    }

    /// `jpeg` with its first scan (a progressive file's DC scan, which decodes the same way each
    /// time) repeated until the file has `totalScans` scans. libjpeg warns about the bogus
    /// progression and decodes every repeat, each visiting every block of the image.
    public static func jpeg(_ jpeg: [UInt8], repeatingFirstScanTo totalScans: Int) -> [UInt8] {
        let scans = segments(jpeg).filter { $0.marker == 0xDA }
        guard let first = scans.first, totalScans > scans.count else { return jpeg }
        let scan = Array(jpeg[first.start..<first.end])
        var out = Array(jpeg[..<first.end])
        for _ in 0..<(totalScans - scans.count) { out += scan }
        return out + jpeg[first.end...]
    }

    /// The marker segments of a JPEG; for SOS, `dataStart..<end` is its entropy-coded data.
    static func segments(_ jpeg: [UInt8]) -> [(marker: UInt8, start: Int, dataStart: Int, end: Int)] {
        var found: [(marker: UInt8, start: Int, dataStart: Int, end: Int)] = []
        var position = 2
        while position + 4 <= jpeg.count, jpeg[position] == 0xFF {
            let marker = jpeg[position + 1]
            if marker == 0xD9 { break }
            let length = Int(jpeg[position + 2]) << 8 | Int(jpeg[position + 3])
            let dataStart = position + 2 + length
            var end = dataStart
            if marker == 0xDA {
                // Entropy-coded data runs to the next marker that is not a stuffed zero or RSTn.
                while end + 1 < jpeg.count, !(jpeg[end] == 0xFF && jpeg[end + 1] != 0 && !(0xD0...0xD7).contains(jpeg[end + 1])) {
                    end += 1
                }
            }
            found.append((marker, position, dataStart, end))
            position = end
        }
        return found
    }

    // MARK: Helpers

    static func adler32(_ data: [UInt8]) -> UInt32 {
        var a: UInt32 = 1
        var b: UInt32 = 0
        for byte in data {
            a = (a + UInt32(byte)) % 65_521
            b = (b + a) % 65_521
        }
        return b << 16 | a
    }

    static func bigEndian(_ value: UInt32) -> [UInt8] {
        [UInt8(value >> 24), UInt8((value >> 16) & 0xFF), UInt8((value >> 8) & 0xFF), UInt8(value & 0xFF)]
    }

    /// Writes DEFLATE's bit stream: header fields least significant bit first, Huffman codes most
    /// significant bit first.
    struct BitWriter {
        private var bytes: [UInt8] = []
        private var current: UInt8 = 0
        private var used = 0

        mutating func bits(_ value: Int, _ count: Int) {
            for bit in 0..<count { push((value >> bit) & 1) }
        }

        /// The fixed-Huffman code of a literal byte (RFC 1951, 3.2.6).
        mutating func literal(_ byte: UInt8) {
            if byte < 144 { code(0x30 + Int(byte), 8) } else { code(0x190 + Int(byte) - 144, 9) }
        }

        mutating func code(_ value: Int, _ count: Int) {
            for bit in stride(from: count - 1, through: 0, by: -1) { push((value >> bit) & 1) }
        }

        private mutating func push(_ bit: Int) {
            current |= UInt8(bit) << UInt8(used)
            used += 1
            if used == 8 {
                bytes.append(current)
                current = 0
                used = 0
            }
        }

        mutating func finish() -> [UInt8] {
            if used > 0 { bytes.append(current) }
            current = 0
            used = 0
            return bytes
        }
    }
}
