/// A tiny DEFLATE writer for tests: stored blocks and fixed-Huffman blocks built from explicit
/// literal / copy instructions, so expected inflater output is known by construction.
struct DeflateTestEncoder {
    /// One fixed-Huffman instruction.
    enum Instruction {
        case literal(UInt8)
        case copy(length: Int, distance: Int)
        case endOfBlock
    }

    private(set) var bytes: [UInt8] = []
    private var bitBuffer: UInt32 = 0
    private var bitCount = 0

    /// Appends `count` bits of `value`, least significant first.
    mutating func writeBits(_ value: Int, _ count: Int) {
        for bit in 0..<count {
            bitBuffer |= UInt32((value >> bit) & 1) << UInt32(bitCount)
            bitCount += 1
            if bitCount == 8 { flushByte() }
        }
    }

    /// Appends a Huffman code, most significant bit first.
    mutating func writeCode(_ code: Int, _ length: Int) {
        for bit in stride(from: length - 1, through: 0, by: -1) { writeBits((code >> bit) & 1, 1) }
    }

    private mutating func flushByte() {
        bytes.append(UInt8(truncatingIfNeeded: bitBuffer))
        bitBuffer = 0
        bitCount = 0
    }

    /// Pads to a byte boundary with zero bits.
    mutating func align() { if bitCount > 0 { flushByte() } }

    /// Writes a stored block.
    mutating func storedBlock(_ data: [UInt8], final: Bool) {
        writeBits(final ? 1 : 0, 1)
        writeBits(0, 2)
        align()
        let length = data.count
        bytes += [UInt8(length & 0xFF), UInt8(length >> 8), UInt8(~length & 0xFF), UInt8((~length >> 8) & 0xFF)]
        bytes += data
    }

    /// Writes the fixed-Huffman code for a literal/length symbol (RFC 1951, 3.2.6).
    mutating func literalSymbol(_ symbol: Int) {
        switch symbol {
        case 0...143: writeCode(0x30 + symbol, 8)
        case 144...255: writeCode(0x190 + symbol - 144, 9)
        case 256...279: writeCode(symbol - 256, 7)
        default: writeCode(0xC0 + symbol - 280, 8)
        }
    }

    static let lengthBase = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258]
    static let lengthExtra = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0]
    static let distanceBase = [1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577]
    static let distanceExtra = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13]

    /// Writes a fixed-Huffman block.
    mutating func fixedBlock(_ instructions: [Instruction], final: Bool) {
        writeBits(final ? 1 : 0, 1)
        writeBits(1, 2)
        for instruction in instructions {
            switch instruction {
            case .literal(let byte):
                literalSymbol(Int(byte))
            case .copy(let length, let distance):
                let lengthIndex = Self.lengthBase.lastIndex { $0 <= length } ?? 0
                literalSymbol(257 + lengthIndex)
                writeBits(length - Self.lengthBase[lengthIndex], Self.lengthExtra[lengthIndex])
                let distanceIndex = Self.distanceBase.lastIndex { $0 <= distance } ?? 0
                writeCode(distanceIndex, 5)
                writeBits(distance - Self.distanceBase[distanceIndex], Self.distanceExtra[distanceIndex])
            case .endOfBlock:
                literalSymbol(256)
            }
        }
    }

    /// Wraps raw DEFLATE bytes in a zlib header and an Adler-32 trailer computed independently here.
    static func zlibWrap(_ deflate: [UInt8], uncompressed: [UInt8]) -> [UInt8] {
        var low: UInt32 = 1
        var high: UInt32 = 0
        for byte in uncompressed {
            low = (low + UInt32(byte)) % 65_521
            high = (high + low) % 65_521
        }
        let adler = high << 16 | low
        return [0x78, 0x01] + deflate + [UInt8(adler >> 24), UInt8((adler >> 16) & 0xFF), UInt8((adler >> 8) & 0xFF), UInt8(adler & 0xFF)]
    }
}

/// Parses a hex string (whitespace ignored) into bytes.
func hexBytes(_ text: String) -> [UInt8] {
    let digits = text.unicodeScalars.compactMap { Int(String($0), radix: 16) }
    return stride(from: 0, to: digits.count - 1, by: 2).map { UInt8(digits[$0] << 4 | digits[$0 + 1]) }
}
