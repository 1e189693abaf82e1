/// A message that a generator is known to embed with the `invisible-watermark` package.
///
/// The decoder of that scheme cannot tell how long a message is, so detection reads the
/// image once for every payload length and compares the bits it recovers with each known
/// message (see `docs/watermark.md`).
public struct WatermarkPayload: Sendable, Hashable, Codable {
    /// A short, stable name shown in reports (for example `SDXL`).
    public let name: String
    /// The message bits, most significant bit of the first byte first; every element is 0 or 1.
    public let bits: [UInt8]

    /// Creates a payload from explicit bits (each element 0 or 1).
    public init(name: String, bits: [UInt8]) {
        self.name = name
        self.bits = bits.map { $0 == 0 ? 0 : 1 }
    }

    /// Creates a payload from the bytes of a text message, as the reference scripts do.
    public init(name: String, text: String) {
        var bits: [UInt8] = []
        bits.reserveCapacity(text.utf8.count * 8)
        for byte in text.utf8 {
            for shift in stride(from: 7, through: 0, by: -1) {
                bits.append((byte >> UInt8(shift)) & 1)
            }
        }
        self.init(name: name, bits: bits)
    }

    /// Creates a payload from the low `count` bits of an integer, most significant first.
    public init(name: String, value: UInt64, bitCount: Int) {
        let count = max(0, min(bitCount, 64))
        var bits: [UInt8] = []
        bits.reserveCapacity(count)
        for shift in stride(from: count - 1, through: 0, by: -1) {
            bits.append(UInt8((value >> UInt64(shift)) & 1))
        }
        self.init(name: name, bits: bits)
    }

    /// The 48 random bits `0xB3EC907BB19E` written by Stability's SDXL scripts and the diffusers SDXL pipelines.
    public static let sdxl = WatermarkPayload(name: "SDXL", value: 0xB3EC_907B_B19E, bitCount: 48)
    /// The text `SDV2` (32 bits) written by the Stable Diffusion 2.x reference script.
    public static let sdv2 = WatermarkPayload(name: "SDV2", text: "SDV2")
    /// The text `StableDiffusionV1` (136 bits) written by the Stable Diffusion 1.x reference script.
    public static let stableDiffusionV1 = WatermarkPayload(name: "StableDiffusionV1", text: "StableDiffusionV1")

    /// Every payload the detector looks for by default.
    public static let known: [WatermarkPayload] = [.sdxl, .sdv2, .stableDiffusionV1]
}
