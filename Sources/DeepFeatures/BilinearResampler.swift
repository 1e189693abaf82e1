public import ImageDecoding

/// Antialiased bilinear (triangle) resampling of 8-bit RGB that reproduces Pillow's
/// `Image.resize(size, Image.BILINEAR)` bit for bit: the filter support widens with the downscale
/// factor, coefficients are normalised per output pixel and rounded to 22-bit fixed point, the
/// horizontal pass runs first and its result is rounded to 8 bits before the vertical pass, and a
/// pass whose size does not change is skipped. The training tooling resizes with Pillow, so the
/// product must resize the same way for the probe to see the same embeddings.
public enum BilinearResampler {
    private static let precisionBits = 22

    /// `image` resized to `width × height` (both ≥ 1).
    public static func resize(_ image: RGBImage, width: Int, height: Int) -> RGBImage {
        var current = image
        if width != current.width { current = horizontal(current, to: width) }
        if height != current.height { current = vertical(current, to: height) }
        return current
    }

    /// Per output pixel: first input index and fixed-point weights.
    private static func coefficients(input: Int, output: Int) -> (starts: [Int], weights: [[Int32]]) {
        let scale = Double(input) / Double(output)
        let filterScale = max(scale, 1)
        let support = 1.0 * filterScale
        var starts: [Int] = []
        var weights: [[Int32]] = []
        starts.reserveCapacity(output)
        weights.reserveCapacity(output)
        for x in 0..<output {
            let center = (Double(x) + 0.5) * scale
            let inverseScale = 1 / filterScale
            let low = max(Int(center - support + 0.5), 0)
            let high = min(Int(center + support + 0.5), input)
            var raw: [Double] = []
            var total = 0.0
            for i in low..<max(high, low) {
                var t = (Double(i) - center + 0.5) * inverseScale
                if t < 0 { t = -t }
                let w = t < 1 ? 1 - t : 0
                raw.append(w)
                total += w
            }
            let fixed = raw.map { w -> Int32 in
                let normalised = total != 0 ? w / total : w
                let scaled = normalised * Double(1 << precisionBits)
                return Int32(normalised < 0 ? scaled - 0.5 : scaled + 0.5)
            }
            starts.append(low)
            weights.append(fixed)
        }
        return (starts, weights)
    }

    @inline(__always) private static func clip8(_ value: Int32) -> UInt8 {
        let shifted = value >> Int32(precisionBits)
        return UInt8(clamping: shifted)
    }

    private static func horizontal(_ image: RGBImage, to width: Int) -> RGBImage {
        let (starts, weights) = coefficients(input: image.width, output: width)
        var out = [UInt8](repeating: 0, count: width * image.height * 3)
        image.pixels.withUnsafeBufferPointer { source in
            out.withUnsafeMutableBufferPointer { destination in
                for y in 0..<image.height {
                    let row = y * image.width * 3
                    for x in 0..<width {
                        let start = starts[x]
                        var r: Int32 = 1 << Int32(precisionBits - 1)
                        var g = r
                        var b = r
                        for (i, w) in weights[x].enumerated() {
                            let p = row + (start + i) * 3
                            r &+= Int32(source[p]) &* w
                            g &+= Int32(source[p + 1]) &* w
                            b &+= Int32(source[p + 2]) &* w
                        }
                        let o = (y * width + x) * 3
                        destination[o] = clip8(r)
                        destination[o + 1] = clip8(g)
                        destination[o + 2] = clip8(b)
                    }
                }
            }
        }
        return RGBImage(width: width, height: image.height, pixels: out)
    }

    private static func vertical(_ image: RGBImage, to height: Int) -> RGBImage {
        let (starts, weights) = coefficients(input: image.height, output: height)
        let rowLength = image.width * 3
        var out = [UInt8](repeating: 0, count: rowLength * height)
        image.pixels.withUnsafeBufferPointer { source in
            out.withUnsafeMutableBufferPointer { destination in
                for y in 0..<height {
                    let start = starts[y]
                    let taps = weights[y]
                    for i in 0..<rowLength {
                        var sum: Int32 = 1 << Int32(precisionBits - 1)
                        for (t, w) in taps.enumerated() { sum &+= Int32(source[(start + t) * rowLength + i]) &* w }
                        destination[y * rowLength + i] = clip8(sum)
                    }
                }
            }
        }
        return RGBImage(width: image.width, height: height, pixels: out)
    }
}
