@testable import Forensics
import ImageDecoding

/// Deterministic pseudo-random numbers (SplitMix64) for building test images in code.
struct WatermarkTestRandom {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func byte() -> UInt8 { UInt8(truncatingIfNeeded: next() >> 56) }
}

/// Test images built in code.
enum WatermarkFixtures {
    /// Uniform RGB noise.
    static func noise(width: Int, height: Int, seed: UInt64) -> RGBImage {
        var random = WatermarkTestRandom(seed: seed)
        var pixels = [UInt8](repeating: 0, count: width * height * 3)
        for index in pixels.indices { pixels[index] = random.byte() }
        return RGBImage(width: width, height: height, pixels: pixels)
    }

    /// A smooth colour gradient with moderate noise: closer to photographic content than pure noise.
    static func texturedGradient(width: Int, height: Int, seed: UInt64) -> RGBImage {
        var random = WatermarkTestRandom(seed: seed)
        var pixels = [UInt8](repeating: 0, count: width * height * 3)
        for y in 0..<height {
            for x in 0..<width {
                let base = [
                    40 + 170 * x / max(1, width - 1),
                    60 + 120 * y / max(1, height - 1),
                    200 - 150 * (x + y) / max(1, width + height - 2),
                ]
                for channel in 0..<3 {
                    let jitter = Int(random.next() % 61) - 30
                    pixels[(y * width + x) * 3 + channel] = UInt8(min(max(base[channel] + jitter, 0), 255))
                }
            }
        }
        return RGBImage(width: width, height: height, pixels: pixels)
    }

    /// `image` with `payload` embedded by the test embedder.
    static func marked(
        _ image: RGBImage, payload: WatermarkPayload, order: WatermarkChannelOrder, method: WatermarkMethod = .dwtDct
    ) -> RGBImage {
        let embedder = WatermarkEmbedder(method: method, order: order)
        let pixels = embedder.embed(payload.bits, pixels: image.pixels, width: image.width, height: image.height)
        return RGBImage(width: image.width, height: image.height, pixels: pixels)
    }

    /// A bit string ("0101...") as bits.
    static func bits(_ text: String) -> [UInt8] {
        text.compactMap { $0 == "1" ? 1 : ($0 == "0" ? 0 : nil) }
    }
}
