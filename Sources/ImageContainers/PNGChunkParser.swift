import ByteParsing

/// Walks the chunks of a PNG file and verifies each chunk's CRC.
public enum PNGChunkParser {
    /// The 8-byte PNG signature.
    public static let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    /// Parses the chunks of `bytes`.
    ///
    /// - Parameter requireValidCRC: when true (the default), a CRC mismatch throws
    ///   ``ParseError/Code/checksumMismatch``; when false it is recorded in ``PNGChunk/crcValid``.
    public static func parse(
        _ bytes: [UInt8], limits: ParseLimits = .default, requireValidCRC: Bool = true
    ) throws(ParseError) -> PNGChunkWalk {
        var reader = ByteReader(bytes)
        guard Array(try reader.readBytes(8)) == signature else {
            throw ParseError(.unknownFormat, at: 0, "not a PNG file (bad signature)")
        }
        var chunks: [PNGChunk] = []
        var endsWithIEND = false
        while !reader.isAtEnd {
            guard chunks.count < limits.maxItems else {
                throw ParseError(.limitExceeded, at: reader.offset, "more than \(limits.maxItems) PNG chunks")
            }
            let chunkOffset = reader.offset
            let length = Int(try reader.readUInt32())
            guard length <= 0x7FFF_FFFF else {
                throw ParseError(.invalidValue, at: chunkOffset, "chunk length \(length) exceeds 2^31-1")
            }
            let typeRange = try reader.readRange(4)
            let typeBytes = bytes[typeRange]
            guard typeBytes.allSatisfy({ (0x41...0x5A).contains($0) || (0x61...0x7A).contains($0) }) else {
                throw ParseError(.invalidValue, at: typeRange.lowerBound, "chunk type is not four ASCII letters")
            }
            let type = String(decoding: typeBytes, as: UTF8.self)
            let dataRange = try reader.readRange(length)
            let crcOffset = reader.offset
            let stored = try reader.readUInt32()
            let computed = CRC32.checksum(bytes[typeRange.lowerBound..<dataRange.upperBound])
            if computed != stored && requireValidCRC {
                throw ParseError(.checksumMismatch, at: crcOffset, "CRC mismatch in \(type) chunk")
            }
            chunks.append(
                PNGChunk(type: type, offset: chunkOffset, dataRange: dataRange, storedCRC: stored, crcValid: computed == stored))
            if type == "IEND" {
                endsWithIEND = true
                break
            }
        }
        guard chunks.first?.type == "IHDR" else {
            throw ParseError(.invalidValue, at: 8, "the first chunk is not IHDR")
        }
        return PNGChunkWalk(chunks: chunks, endsWithIEND: endsWithIEND, endOffset: reader.offset)
    }
}
