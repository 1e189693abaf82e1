import ByteParsing

/// A parsed JPEG start-of-frame (SOFn) segment (ITU T.81, section B.2.2).
public struct JPEGFrameHeader: Sendable, Hashable {
    /// The SOF marker code (0xC0 ... 0xCF, excluding 0xC4, 0xC8 and 0xCC).
    public let marker: UInt8
    /// Sample precision in bits.
    public let precision: Int
    /// Number of lines (0 means it is given later by a DNL segment).
    public let height: Int
    /// Samples per line.
    public let width: Int
    /// The components in header order.
    public let components: [JPEGComponentInfo]

    /// Parses the payload of an SOFn segment (the bytes after its length field).
    public init(marker: UInt8, payload reader: ByteReader) throws(ParseError) {
        var reader = reader
        let start = reader.offset
        self.marker = marker
        precision = Int(try reader.readUInt8())
        height = Int(try reader.readUInt16())
        width = Int(try reader.readUInt16())
        let count = Int(try reader.readUInt8())
        guard (1...4).contains(count) else {
            throw ParseError(.invalidValue, at: start + 5, "frame declares \(count) components (1...4 supported)")
        }
        // T.81 allows 2...16 bits for lossless frames and 8 or 12 bits for DCT frames.
        let lossless = marker & 0x03 == 0x03
        guard lossless ? (2...16).contains(precision) : (precision == 8 || precision == 12) else {
            throw ParseError(.invalidValue, at: start, "sample precision \(precision) is not allowed")
        }
        guard width > 0 else { throw ParseError(.invalidValue, at: start + 3, "frame width is 0") }
        var components: [JPEGComponentInfo] = []
        for _ in 0..<count {
            let componentOffset = reader.offset
            let id = Int(try reader.readUInt8())
            let sampling = try reader.readUInt8()
            let table = Int(try reader.readUInt8())
            let horizontal = Int(sampling >> 4)
            let vertical = Int(sampling & 0x0F)
            guard (1...4).contains(horizontal), (1...4).contains(vertical), table <= 3 else {
                throw ParseError(
                    .invalidValue, at: componentOffset,
                    "component \(id) has sampling \(horizontal)x\(vertical) / table \(table)")
            }
            components.append(
                JPEGComponentInfo(id: id, horizontalSampling: horizontal, verticalSampling: vertical, quantizationTable: table))
        }
        self.components = components
    }

    /// Whether the frame is progressive (SOF2, SOF6, SOF10, SOF14).
    public var isProgressive: Bool { marker & 0x03 == 0x02 }
    /// Whether the entropy coding is arithmetic (SOF9 ... SOF15).
    public var isArithmetic: Bool { marker >= 0xC8 }
    /// Whether the frame is lossless (SOF3, SOF7, SOF11, SOF15).
    public var isLossless: Bool { marker & 0x03 == 0x03 }
    /// Whether the frame is differential (hierarchical mode).
    public var isHierarchical: Bool { marker & 0x04 != 0 }

    /// The chroma subsampling notation for the components (see ``JPEGInfo/subsampling``).
    public var subsampling: String {
        guard let luma = components.first else { return "" }
        if components.count == 1 { return "4:0:0" }
        let raw = components.map { "\($0.horizontalSampling)x\($0.verticalSampling)" }.joined(separator: ",")
        func sameFactors(_ lhs: JPEGComponentInfo, _ rhs: JPEGComponentInfo) -> Bool {
            lhs.horizontalSampling == rhs.horizontalSampling && lhs.verticalSampling == rhs.verticalSampling
        }
        // Components 1 and 2 are the chroma pair (Cb/Cr, or M/Y); a fourth (K) must match the first.
        guard components.count >= 3, sameFactors(components[1], components[2]),
            components.count == 3 || sameFactors(components[3], luma)
        else { return raw }
        let chroma = components[1]
        guard luma.horizontalSampling % chroma.horizontalSampling == 0,
            luma.verticalSampling % chroma.verticalSampling == 0
        else { return raw }
        switch (luma.horizontalSampling / chroma.horizontalSampling, luma.verticalSampling / chroma.verticalSampling) {
        case (1, 1): return "4:4:4"
        case (2, 1): return "4:2:2"
        case (2, 2): return "4:2:0"
        case (1, 2): return "4:4:0"
        case (4, 1): return "4:1:1"
        case (4, 2): return "4:1:0"
        default: return raw
        }
    }
}
