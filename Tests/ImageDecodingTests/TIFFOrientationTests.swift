import ImageDecoding
import Testing

/// TIFF orientation (tag 274), all eight values, on a 3 × 2 uncompressed RGB TIFF built here whose six
/// pixels have six different colours: the decoded pixels must be the stored ones rotated, mirrored or
/// transposed exactly as TIFF 6.0 and EXIF 2.32 define.
@Suite("TIFF orientations")
struct TIFFOrientationTests {
    /// Stored raster, row by row: A B C / D E F.
    static let colours: [Character: (UInt8, UInt8, UInt8)] = [
        "A": (255, 0, 0), "B": (0, 255, 0), "C": (0, 0, 255), "D": (255, 255, 0), "E": (0, 255, 255), "F": (255, 0, 255),
    ]

    /// What a viewer shows for each orientation, rows separated by `/` (known answers written by hand:
    /// 5 transposes, 6 turns 90° clockwise, 7 transposes across the other diagonal, 8 turns 90°
    /// counter-clockwise).
    static let shown: [Int: String] = [
        1: "ABC/DEF", 2: "CBA/FED", 3: "FED/CBA", 4: "DEF/ABC",
        5: "AD/BE/CF", 6: "DA/EB/FC", 7: "FC/EB/DA", 8: "CF/BE/AD",
    ]

    /// A little-endian, uncompressed, chunky RGB TIFF of the stored raster with the given orientation.
    static func tiff(orientation: UInt16) -> [UInt8] {
        func u16(_ v: UInt16) -> [UInt8] { [UInt8(v & 0xFF), UInt8(v >> 8)] }
        func u32(_ v: UInt32) -> [UInt8] { (0..<4).map { UInt8((v >> (8 * UInt32($0))) & 0xFF) } }
        func short(_ tag: UInt16, _ value: UInt16) -> [UInt8] { u16(tag) + u16(3) + u32(1) + u16(value) + [0, 0] }
        let entryCount = 11
        let bitsOffset = UInt32(8 + 2 + entryCount * 12 + 4)
        let pixelOffset = bitsOffset + 6
        var bytes: [UInt8] = [0x49, 0x49, 42, 0] + u32(8) + u16(UInt16(entryCount))
        bytes += short(256, 3) + short(257, 2)
        bytes += u16(258) + u16(3) + u32(3) + u32(bitsOffset)
        bytes += short(259, 1) + short(262, 2)
        bytes += u16(273) + u16(4) + u32(1) + u32(pixelOffset)
        bytes += short(274, orientation) + short(277, 3) + short(278, 2)
        bytes += u16(279) + u16(4) + u32(1) + u32(18)
        bytes += short(284, 1) + u32(0)
        bytes += u16(8) + u16(8) + u16(8)
        for name in "ABCDEF" {
            guard let colour = colours[name] else { continue }
            bytes += [colour.0, colour.1, colour.2]
        }
        return bytes
    }

    @Test("orientation is applied exactly", arguments: 1...8)
    func orientation(_ value: Int) throws {
        let image = try ImageDecoder.decode(Self.tiff(orientation: UInt16(value)))
        let rows = (Self.shown[value] ?? "").split(separator: "/")
        #expect(image.orientation == value)
        #expect(image.width == rows[0].count && image.height == rows.count)
        var decoded = ""
        for y in 0..<image.height {
            if y > 0 { decoded += "/" }
            for x in 0..<image.width {
                guard let pixel = image.rgb.pixel(x: x, y: y),
                    let name = Self.colours.first(where: { $0.value == (pixel.r, pixel.g, pixel.b) })?.key
                else {
                    decoded += "?"
                    continue
                }
                decoded.append(name)
            }
        }
        #expect(decoded == Self.shown[value], "orientation \(value)")
    }
}
