/// An 8-bit luma plane derived from interleaved RGB pixels.
///
/// Luma uses the ITU-R BT.601 weights that JPEG uses for its Y channel, rounded to the nearest
/// integer, so the plane of a JPEG-decoded image is close to the Y plane the encoder saw.
public struct LumaPlane: Sendable, Equatable {
    /// Width in pixels.
    public let width: Int
    /// Height in pixels.
    public let height: Int
    /// Row-major luma values, `width * height` of them.
    public let values: [UInt8]

    /// Creates a plane from row-major values; `values.count` must equal `width * height`.
    public init(width: Int, height: Int, values: [UInt8]) {
        precondition(width >= 0 && height >= 0 && values.count == width * height, "luma plane size mismatch")
        self.width = width
        self.height = height
        self.values = values
    }

    /// Converts interleaved RGB pixels (`width * height * 3` bytes) to luma.
    public init(rgb pixels: [UInt8], width: Int, height: Int) {
        precondition(width >= 0 && height >= 0 && pixels.count == width * height * 3, "RGB buffer size mismatch")
        let count = width * height
        let luma = [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            pixels.withUnsafeBufferPointer { source in
                for index in 0..<count {
                    let r = Int(source[3 * index])
                    let g = Int(source[3 * index + 1])
                    let b = Int(source[3 * index + 2])
                    // 0.299, 0.587, 0.114 in 16-bit fixed point; +32768 rounds to nearest.
                    buffer[index] = UInt8(truncatingIfNeeded: (19595 * r + 38470 * g + 7471 * b + 32768) >> 16)
                }
            }
            initialized = count
        }
        self.init(width: width, height: height, values: luma)
    }

    /// Converts one rectangle of interleaved RGB pixels (`width * height * 3` bytes) to a
    /// `region.width × region.height` plane with the same rounding as the whole-image conversion
    /// (integer arithmetic in 32 bits, which cannot overflow: the weights sum to 65536).
    /// The region must lie inside the image.
    public init(rgb pixels: [UInt8], width: Int, height: Int, region: TileRect) {
        precondition(width >= 0 && height >= 0 && pixels.count == width * height * 3, "RGB buffer size mismatch")
        precondition(
            region.x >= 0 && region.y >= 0 && region.width >= 0 && region.height >= 0
                && region.x + region.width <= width && region.y + region.height <= height,
            "region outside the image")
        let rw = region.width
        let rh = region.height
        let luma = [UInt8](unsafeUninitializedCapacity: rw * rh) { buffer, initialized in
            pixels.withUnsafeBufferPointer { source in
                guard let base = source.baseAddress, let out = buffer.baseAddress else { return }
                for y in 0..<rh {
                    let row = base + ((region.y + y) * width + region.x) * 3
                    let target = out + y * rw
                    for x in 0..<rw {
                        let r = UInt32(row[3 * x])
                        let g = UInt32(row[3 * x + 1])
                        let b = UInt32(row[3 * x + 2])
                        target[x] = UInt8(truncatingIfNeeded: (19595 &* r &+ 38470 &* g &+ 7471 &* b &+ 32768) >> 16)
                    }
                }
            }
            initialized = rw * rh
        }
        self.init(width: rw, height: rh, values: luma)
    }
}
