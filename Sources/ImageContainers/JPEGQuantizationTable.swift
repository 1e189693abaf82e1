import ByteParsing

/// One quantization table from a DQT segment (ITU T.81, section B.2.4.1).
public struct JPEGQuantizationTable: Sendable, Hashable {
    /// The table slot (0...3) that frame components refer to.
    public let slot: Int
    /// The element precision in bits: 8 or 16.
    public let precision: Int
    /// The 64 values in natural (row-major) order, converted from the zigzag order of the file.
    public let values: [UInt16]

    /// Creates a table from values already in natural order.
    public init(slot: Int, precision: Int, values: [UInt16]) {
        self.slot = slot
        self.precision = precision
        self.values = values
    }

    /// For each zigzag position, the natural (row-major) index of the coefficient stored there.
    public static let zigzagToNatural: [Int] = {
        var order: [Int] = []
        order.reserveCapacity(64)
        for diagonal in 0..<15 {
            let low = max(0, diagonal - 7)
            let high = min(diagonal, 7)
            // Even diagonals run bottom-left to top-right, odd ones top-right to bottom-left.
            let rows = diagonal % 2 == 0 ? Array((low...high).reversed()) : Array(low...high)
            for row in rows { order.append(row * 8 + (diagonal - row)) }
        }
        return order
    }()

    /// Parses every table in a DQT segment payload.
    public static func parseSegment(_ payload: ByteReader) throws(ParseError) -> [JPEGQuantizationTable] {
        var reader = payload
        var tables: [JPEGQuantizationTable] = []
        while !reader.isAtEnd {
            let headerOffset = reader.offset
            let header = try reader.readUInt8()
            let precisionFlag = header >> 4
            let slot = Int(header & 0x0F)
            guard precisionFlag <= 1, slot <= 3 else {
                throw ParseError(
                    .invalidValue, at: headerOffset, "DQT precision flag \(precisionFlag) / slot \(slot) not allowed")
            }
            var values = [UInt16](repeating: 0, count: 64)
            for position in 0..<64 {
                let value = precisionFlag == 0 ? UInt16(try reader.readUInt8()) : try reader.readUInt16()
                values[zigzagToNatural[position]] = value
            }
            tables.append(JPEGQuantizationTable(slot: slot, precision: precisionFlag == 0 ? 8 : 16, values: values))
        }
        return tables
    }
}
