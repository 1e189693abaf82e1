/// A small DEFLATE (RFC 1951) and zlib (RFC 1950) decompressor for metadata payloads.
///
/// Every output byte is counted against a caller-supplied cap *before* it is written, so a
/// decompression bomb stops with ``ParseError/Code/limitExceeded`` after at most `limit` bytes.
public enum Inflate {
    /// Decompresses a zlib stream: 2-byte header, DEFLATE data, then a big-endian Adler-32 of the output.
    ///
    /// - Parameters:
    ///   - data: the compressed bytes; error offsets are indices into this slice.
    ///   - limit: the most output bytes allowed.
    /// - Throws: ``ParseError`` with `truncated`, `invalidValue`, `unsupported` (preset dictionary),
    ///   `checksumMismatch` (Adler-32) or `limitExceeded`.
    public static func zlib(_ data: ArraySlice<UInt8>, limit: Int) throws(ParseError) -> [UInt8] {
        let start = data.startIndex
        guard data.count >= 2 else { throw ParseError(.truncated, at: start, "zlib header needs 2 bytes") }
        let cmf = data[start]
        let flags = data[start + 1]
        guard cmf & 0x0F == 8 else {
            throw ParseError(.invalidValue, at: start, "zlib compression method \(cmf & 0x0F) is not deflate (8)")
        }
        guard cmf >> 4 <= 7 else {
            throw ParseError(.invalidValue, at: start, "zlib window size exponent \(cmf >> 4) is above 7")
        }
        guard (UInt16(cmf) << 8 | UInt16(flags)) % 31 == 0 else {
            throw ParseError(.checksumMismatch, at: start, "zlib header check bits are wrong")
        }
        guard flags & 0x20 == 0 else {
            throw ParseError(.unsupported, at: start + 1, "zlib preset dictionaries are not supported")
        }
        var reader = InflateBitReader(data[(start + 2)...])
        let output = try inflate(&reader, limit: limit)
        reader.alignToByte()
        let trailerOffset = reader.position
        let trailer = try reader.readAlignedBytes(4)
        var stored: UInt32 = 0
        for byte in trailer { stored = stored << 8 | UInt32(byte) }
        let computed = Adler32.checksum(output)
        guard stored == computed else {
            throw ParseError(.checksumMismatch, at: trailerOffset, "zlib Adler-32 mismatch")
        }
        return output
    }

    /// Decompresses a zlib stream held in an array.
    public static func zlib(_ data: [UInt8], limit: Int) throws(ParseError) -> [UInt8] {
        try zlib(data[...], limit: limit)
    }

    /// Decompresses raw DEFLATE data (no zlib wrapper), stopping after the final block.
    public static func deflate(_ data: ArraySlice<UInt8>, limit: Int) throws(ParseError) -> [UInt8] {
        var reader = InflateBitReader(data)
        return try inflate(&reader, limit: limit)
    }

    /// Decompresses raw DEFLATE data held in an array.
    public static func deflate(_ data: [UInt8], limit: Int) throws(ParseError) -> [UInt8] {
        try deflate(data[...], limit: limit)
    }

    // MARK: - Blocks

    private static func inflate(_ reader: inout InflateBitReader, limit: Int) throws(ParseError) -> [UInt8] {
        var output = InflateOutput(limit: limit, expected: reader.data.count * 4)
        var isFinal = false
        while !isFinal {
            isFinal = try reader.bit() == 1
            let blockOffset = reader.position
            switch try reader.bits(2) {
            case 0:
                try copyStoredBlock(&reader, into: &output, limit: limit)
            case 1:
                try inflateBlock(&reader, FixedCodes.literal, FixedCodes.distance, into: &output, limit: limit)
            case 2:
                let (literal, distance) = try readDynamicCodes(&reader)
                try inflateBlock(&reader, literal, distance, into: &output, limit: limit)
            default:
                throw ParseError(.invalidValue, at: blockOffset, "reserved deflate block type 3")
            }
        }
        return output.finish()
    }

    private static func copyStoredBlock(
        _ reader: inout InflateBitReader, into output: inout InflateOutput, limit: Int
    ) throws(ParseError) {
        reader.alignToByte()
        let headerOffset = reader.position
        let header = try reader.readAlignedBytes(4)
        let first = header.startIndex
        let length = Int(header[first]) | Int(header[first + 1]) << 8
        let complement = Int(header[first + 2]) | Int(header[first + 3]) << 8
        guard length == complement ^ 0xFFFF else {
            throw ParseError(.invalidValue, at: headerOffset, "stored block length does not match its complement")
        }
        guard length <= limit - output.count else {
            throw ParseError(.limitExceeded, at: headerOffset, "decompressed data exceeds \(limit) bytes")
        }
        output.append(try reader.readAlignedBytes(length))
    }

    private static func inflateBlock(
        _ reader: inout InflateBitReader, _ literal: HuffmanCode, _ distance: HuffmanCode,
        into output: inout InflateOutput, limit: Int
    ) throws(ParseError) {
        while true {
            let symbolOffset = reader.position
            let symbol = try literal.decode(&reader)
            if symbol < 256 {
                guard output.count < limit else {
                    throw ParseError(.limitExceeded, at: symbolOffset, "decompressed data exceeds \(limit) bytes")
                }
                output.append(UInt8(truncatingIfNeeded: symbol))
                continue
            }
            if symbol == 256 { return }
            let lengthIndex = symbol - 257
            guard lengthIndex < Tables.lengthBase.count else {
                throw ParseError(.invalidValue, at: symbolOffset, "invalid length symbol \(symbol)")
            }
            let length = Tables.lengthBase[lengthIndex] + (try reader.bits(Tables.lengthExtra[lengthIndex]))
            let distanceSymbol = try distance.decode(&reader)
            guard distanceSymbol < Tables.distanceBase.count else {
                throw ParseError(.invalidValue, at: reader.position, "invalid distance symbol \(distanceSymbol)")
            }
            let back = Tables.distanceBase[distanceSymbol] + (try reader.bits(Tables.distanceExtra[distanceSymbol]))
            guard back <= output.count else {
                throw ParseError(.invalidValue, at: reader.position, "distance \(back) reaches before the start of the output")
            }
            guard length <= limit - output.count else {
                throw ParseError(.limitExceeded, at: symbolOffset, "decompressed data exceeds \(limit) bytes")
            }
            output.copy(length: length, distance: back)
        }
    }

    private static func readDynamicCodes(
        _ reader: inout InflateBitReader
    ) throws(ParseError) -> (HuffmanCode, HuffmanCode) {
        let headerOffset = reader.position
        let literalCount = try reader.bits(5) + 257
        let distanceCount = try reader.bits(5) + 1
        let codeLengthCount = try reader.bits(4) + 4
        guard literalCount <= 286, distanceCount <= 30 else {
            throw ParseError(.invalidValue, at: headerOffset, "dynamic block declares too many codes")
        }
        var codeLengthLengths = [Int](repeating: 0, count: 19)
        for index in 0..<codeLengthCount {
            codeLengthLengths[Tables.codeLengthOrder[index]] = try reader.bits(3)
        }
        let codeLengthCode = try HuffmanCode(lengths: codeLengthLengths, at: headerOffset)
        var lengths: [Int] = []
        let total = literalCount + distanceCount
        while lengths.count < total {
            let symbolOffset = reader.position
            let symbol = try codeLengthCode.decode(&reader)
            var value = 0
            var repeats = 1
            switch symbol {
            case 0...15:
                value = symbol
            case 16:
                guard let previous = lengths.last else {
                    throw ParseError(.invalidValue, at: symbolOffset, "repeat code with no previous length")
                }
                value = previous
                repeats = 3 + (try reader.bits(2))
            case 17:
                repeats = 3 + (try reader.bits(3))
            default:
                repeats = 11 + (try reader.bits(7))
            }
            guard lengths.count + repeats <= total else {
                throw ParseError(.invalidValue, at: symbolOffset, "code lengths overrun the declared count")
            }
            lengths.append(contentsOf: repeatElement(value, count: repeats))
        }
        guard lengths[256] != 0 else {
            throw ParseError(.invalidValue, at: headerOffset, "dynamic block has no end-of-block code")
        }
        let literal = try HuffmanCode(lengths: Array(lengths[0..<literalCount]), at: headerOffset)
        let distance = try HuffmanCode(lengths: Array(lengths[literalCount...]), at: headerOffset)
        return (literal, distance)
    }

    // MARK: - Tables (RFC 1951, section 3.2.5)

    private enum Tables {
        static let lengthBase = [
            3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258,
        ]
        static let lengthExtra = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0]
        static let distanceBase = [
            1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097,
            6145, 8193, 12289, 16385, 24577,
        ]
        static let distanceExtra = [
            0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13,
        ]
        static let codeLengthOrder = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]
    }

    /// The fixed codes of block type 1 (RFC 1951, section 3.2.6).
    private enum FixedCodes {
        static let literal: HuffmanCode = {
            let lengths = [Int](repeating: 8, count: 144) + [Int](repeating: 9, count: 112)
                + [Int](repeating: 7, count: 24) + [Int](repeating: 8, count: 8)
            // These lengths form a complete code, so construction cannot fail.
            return (try? HuffmanCode(lengths: lengths, at: 0)) ?? HuffmanCode.empty
        }()
        static let distance: HuffmanCode = {
            (try? HuffmanCode(lengths: [Int](repeating: 5, count: 30), at: 0)) ?? HuffmanCode.empty
        }()
    }
}
