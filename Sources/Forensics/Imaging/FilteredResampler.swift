public import ImageDecoding

/// Separable downscaling of RGB images with a chosen ``ResamplingFilter``.
///
/// When shrinking by a factor `s`, the kernel is stretched by `s` so it integrates over the source
/// area each output pixel covers (the antialiased resize of common image libraries). Each output
/// sample's weights are normalised to sum to 1; rows are resampled first, then columns, in `Float`,
/// and rounded once at the end. The box filter is delegated to ``BoxResampler``.
public enum FilteredResampler {
    /// One output sample's first source index and weights.
    struct Tap: Sendable {
        var first: Int
        var weights: [Float]
    }

    /// Normalised kernel weights mapping `sourceCount` samples onto `targetCount ≤ sourceCount`.
    static func taps(sourceCount: Int, targetCount: Int, filter: ResamplingFilter) -> [Tap] {
        let scale = Double(sourceCount) / Double(targetCount)
        let stretch = max(1, scale)
        let support = filter.support * stretch
        var result: [Tap] = []
        result.reserveCapacity(targetCount)
        for index in 0..<targetCount {
            let centre = (Double(index) + 0.5) * scale
            let first = max(0, Int((centre - support).rounded(.down)))
            let last = min(sourceCount - 1, Int((centre + support).rounded(.up)))
            var weights: [Double] = []
            weights.reserveCapacity(max(0, last - first + 1))
            for source in first...max(first, last) {
                weights.append(filter.weight((Double(source) + 0.5 - centre) / stretch))
            }
            let total = weights.reduce(0, +)
            let normalised = total != 0 ? weights.map { Float($0 / total) } : weights.map { _ in Float(1) / Float(weights.count) }
            result.append(Tap(first: first, weights: normalised))
        }
        return result
    }

    /// `image` shrunk to `targetWidth × targetHeight` (each clamped to `1...source`; never enlarges).
    public static func downscale(_ image: RGBImage, width targetWidth: Int, height targetHeight: Int, filter: ResamplingFilter)
        -> RGBImage
    {
        let outWidth = min(max(1, targetWidth), image.width)
        let outHeight = min(max(1, targetHeight), image.height)
        if outWidth == image.width && outHeight == image.height { return image }
        if filter == .box { return image.boxDownscaled(width: outWidth, height: outHeight) }
        let columnTaps = taps(sourceCount: image.width, targetCount: outWidth, filter: filter)
        let rowTaps = taps(sourceCount: image.height, targetCount: outHeight, filter: filter)
        let width = image.width
        let height = image.height
        var horizontal = [Float](repeating: 0, count: height * outWidth * 3)
        image.pixels.withUnsafeBufferPointer { source in
            horizontal.withUnsafeMutableBufferPointer { target in
                for y in 0..<height {
                    let sourceRow = y * width * 3
                    let targetRow = y * outWidth * 3
                    for (x, tap) in columnTaps.enumerated() {
                        var r: Float = 0
                        var g: Float = 0
                        var b: Float = 0
                        for (k, weight) in tap.weights.enumerated() {
                            let p = sourceRow + (tap.first + k) * 3
                            r += weight * Float(source[p])
                            g += weight * Float(source[p + 1])
                            b += weight * Float(source[p + 2])
                        }
                        target[targetRow + x * 3] = r
                        target[targetRow + x * 3 + 1] = g
                        target[targetRow + x * 3 + 2] = b
                    }
                }
            }
        }
        let rowLength = outWidth * 3
        let pixels = [UInt8](unsafeUninitializedCapacity: outHeight * rowLength) { output, initialized in
            horizontal.withUnsafeBufferPointer { source in
                var accumulator = [Float](repeating: 0, count: rowLength)
                for (y, tap) in rowTaps.enumerated() {
                    for i in 0..<rowLength { accumulator[i] = 0 }
                    for (k, weight) in tap.weights.enumerated() {
                        let row = (tap.first + k) * rowLength
                        for i in 0..<rowLength { accumulator[i] += weight * source[row + i] }
                    }
                    let base = y * rowLength
                    for i in 0..<rowLength {
                        output[base + i] = UInt8(min(255, max(0, (accumulator[i] + 0.5).rounded(.down))))
                    }
                }
            }
            initialized = outHeight * rowLength
        }
        return RGBImage(width: outWidth, height: outHeight, pixels: pixels)
    }

    /// The dimensions that keep the aspect ratio when the shorter side becomes `shortSide`
    /// (never larger than the source; each side at least 1).
    public static func fittedSize(width: Int, height: Int, shortSide: Int) -> (width: Int, height: Int) {
        let shortest = min(width, height)
        guard shortest > shortSide, shortSide >= 1 else { return (width, height) }
        let scale = Double(shortSide) / Double(shortest)
        let newWidth = width <= height ? shortSide : max(1, Int((Double(width) * scale).rounded()))
        let newHeight = height < width ? shortSide : max(1, Int((Double(height) * scale).rounded()))
        return (newWidth, newHeight)
    }
}
