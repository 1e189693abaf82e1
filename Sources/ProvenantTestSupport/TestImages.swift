import ImageDecoding

/// Images generated in code for the tests (no files copied from elsewhere).
///
/// Test-only support: no product depends on this module.
public enum TestImages {
    /// A deterministic colour gradient with a little texture.
    public static func gradient(width: Int = 64, height: Int = 48) -> RGBImage {
        var pixels: [UInt8] = []
        pixels.reserveCapacity(width * height * 3)
        for y in 0..<height {
            for x in 0..<width {
                pixels.append(UInt8((x * 255) / max(1, width - 1)))
                pixels.append(UInt8((y * 255) / max(1, height - 1)))
                pixels.append(UInt8(((x * 7 + y * 13) % 64) + 96))
            }
        }
        return RGBImage(width: width, height: height, pixels: pixels)
    }

    /// A PNG of ``gradient(width:height:)`` with `tEXt` chunks inserted after IHDR.
    public static func png(width: Int = 64, height: Int = 48, text: [(String, String)] = []) throws -> [UInt8] {
        var bytes = try PNGEncoder.encode(gradient(width: width, height: height))
        var chunks: [UInt8] = []
        for (keyword, value) in text {
            chunks += chunk("tEXt", Array(keyword.utf8) + [0] + Array(value.utf8))
        }
        bytes.insert(contentsOf: chunks, at: 8 + 25)  // signature + IHDR (length, type, 13 bytes, CRC)
        return bytes
    }

    /// A JPEG of ``gradient(width:height:)``.
    public static func jpeg(width: Int = 64, height: Int = 48, quality: Int = 90) throws -> [UInt8] {
        try JPEGEncoder.encode(gradient(width: width, height: height), quality: quality)
    }

    /// One PNG chunk with its length and CRC.
    public static func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
        let typeBytes = Array(type.utf8)
        let length = UInt32(data.count)
        let crc = crc32(typeBytes + data)
        return [UInt8(length >> 24), UInt8((length >> 16) & 0xFF), UInt8((length >> 8) & 0xFF), UInt8(length & 0xFF)]
            + typeBytes + data
            + [UInt8(crc >> 24), UInt8((crc >> 16) & 0xFF), UInt8((crc >> 8) & 0xFF), UInt8(crc & 0xFF)]
    }

    /// CRC-32 (ISO-HDLC, as PNG uses), bit by bit.
    public static func crc32(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes {
            crc ^= UInt32(byte)
            for _ in 0..<8 { crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        return crc ^ 0xFFFF_FFFF
    }
}
