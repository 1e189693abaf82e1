import ByteParsing

/// A validated PNG IHDR chunk (PNG specification, section 11.2.2).
public struct PNGHeader: Sendable, Hashable {
    /// Width in pixels (1...2^31-1).
    public let width: Int
    /// Height in pixels (1...2^31-1).
    public let height: Int
    /// Bits per sample (or per palette index).
    public let bitDepth: Int
    /// Colour type: 0 gray, 2 RGB, 3 palette, 4 gray+alpha, 6 RGBA.
    public let colorType: Int
    /// Interlace method: 0 none, 1 Adam7.
    public let interlaceMethod: Int

    /// Parses and validates a 13-byte IHDR payload.
    public init(payload: ByteReader) throws(ParseError) {
        var reader = payload
        let start = reader.offset
        guard reader.remaining == 13 else {
            throw ParseError(.invalidValue, at: start, "IHDR is \(reader.remaining) bytes, not 13")
        }
        let width = try reader.readUInt32()
        let height = try reader.readUInt32()
        let depth = Int(try reader.readUInt8())
        let colorType = Int(try reader.readUInt8())
        let compression = try reader.readUInt8()
        let filter = try reader.readUInt8()
        let interlace = Int(try reader.readUInt8())
        guard (1...0x7FFF_FFFF).contains(width), (1...0x7FFF_FFFF).contains(height) else {
            throw ParseError(.invalidValue, at: start, "image size \(width)x\(height) is out of range")
        }
        let allowedDepths: [Int]
        switch colorType {
        case 0: allowedDepths = [1, 2, 4, 8, 16]
        case 3: allowedDepths = [1, 2, 4, 8]
        case 2, 4, 6: allowedDepths = [8, 16]
        default: throw ParseError(.invalidValue, at: start + 9, "colour type \(colorType) is not defined")
        }
        guard allowedDepths.contains(depth) else {
            throw ParseError(.invalidValue, at: start + 8, "bit depth \(depth) is not allowed for colour type \(colorType)")
        }
        guard compression == 0 else {
            throw ParseError(.invalidValue, at: start + 10, "compression method \(compression) is not defined")
        }
        guard filter == 0 else { throw ParseError(.invalidValue, at: start + 11, "filter method \(filter) is not defined") }
        guard interlace <= 1 else {
            throw ParseError(.invalidValue, at: start + 12, "interlace method \(interlace) is not defined")
        }
        self.width = Int(width)
        self.height = Int(height)
        self.bitDepth = depth
        self.colorType = colorType
        self.interlaceMethod = interlace
    }

    /// The colour model name used in ``ContainerInfo/colorModel``.
    public var colorModel: String {
        switch colorType {
        case 0: return "gray"
        case 2: return "rgb"
        case 3: return "palette"
        case 4: return "gray_alpha"
        default: return "rgba"
        }
    }
}
