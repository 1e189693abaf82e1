/// Area-average ("box") resampling of interleaved 8-bit pixels.
///
/// Each output pixel is the mean of the source area it covers, with partial source pixels
/// weighted by their overlap, so a downscale by an integer factor averages whole blocks and any
/// other factor is the exact area integral of the piecewise-constant source. The filter is
/// separable: rows are resampled first, then columns, in `Float`, and the result is rounded to
/// the nearest integer once at the end.
public enum BoxResampler {
    /// One output sample's contributing source indices and weights (weights sum to 1).
    struct Tap: Sendable {
        var first: Int
        var weights: [Float]
    }

    /// Overlap weights for mapping `sourceCount` samples onto `targetCount` samples (target ≤ source).
    static func taps(sourceCount: Int, targetCount: Int) -> [Tap] {
        precondition(targetCount >= 1 && targetCount <= sourceCount, "box resampling only shrinks")
        let scale = Double(sourceCount) / Double(targetCount)
        var result: [Tap] = []
        result.reserveCapacity(targetCount)
        for index in 0..<targetCount {
            let start = Double(index) * scale
            let end = Double(index + 1) * scale
            let first = Int(start.rounded(.down))
            let last = min(sourceCount - 1, Int(end.rounded(.up)) - 1)
            var weights: [Float] = []
            weights.reserveCapacity(last - first + 1)
            for source in first...last {
                let overlap = min(end, Double(source + 1)) - max(start, Double(source))
                weights.append(Float(max(0, overlap) / scale))
            }
            result.append(Tap(first: first, weights: weights))
        }
        return result
    }

    /// Shrinks interleaved pixels with `channels` samples per pixel to `targetWidth × targetHeight`.
    ///
    /// Target dimensions are clamped to `1...source` in each direction (this resampler never enlarges).
    /// - Returns: the resampled pixels, `targetWidth * targetHeight * channels` bytes.
    public static func downscale(
        _ pixels: [UInt8], width: Int, height: Int, channels: Int,
        targetWidth: Int, targetHeight: Int
    ) -> [UInt8] {
        precondition(channels >= 1 && pixels.count == width * height * channels, "pixel buffer size mismatch")
        let outWidth = min(max(1, targetWidth), width)
        let outHeight = min(max(1, targetHeight), height)
        if outWidth == width && outHeight == height { return pixels }
        let columnTaps = taps(sourceCount: width, targetCount: outWidth)
        let rowTaps = taps(sourceCount: height, targetCount: outHeight)
        return separablePass(
            pixels, width: width, height: height, channels: channels, columnTaps: columnTaps, rowTaps: rowTaps)
    }

    /// Applies `columnTaps` to every row, then `rowTaps` to every column, in `Float`, rounding once.
    /// The output is `columnTaps.count × rowTaps.count` pixels.
    static func separablePass(
        _ pixels: [UInt8], width: Int, height: Int, channels: Int, columnTaps: [Tap], rowTaps: [Tap]
    ) -> [UInt8] {
        let outWidth = columnTaps.count
        let outHeight = rowTaps.count
        // Horizontal pass: height × outWidth × channels floats.
        var horizontal = [Float](repeating: 0, count: height * outWidth * channels)
        pixels.withUnsafeBufferPointer { source in
            horizontal.withUnsafeMutableBufferPointer { target in
                for y in 0..<height {
                    let sourceRow = y * width * channels
                    let targetRow = y * outWidth * channels
                    for (x, tap) in columnTaps.enumerated() {
                        for c in 0..<channels {
                            var sum: Float = 0
                            for (k, weight) in tap.weights.enumerated() {
                                sum += weight * Float(source[sourceRow + (tap.first + k) * channels + c])
                            }
                            target[targetRow + x * channels + c] = sum
                        }
                    }
                }
            }
        }

        // Vertical pass, rounding to bytes.
        let rowLength = outWidth * channels
        return [UInt8](unsafeUninitializedCapacity: outHeight * rowLength) { output, initialized in
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
    }

    /// The dimensions that keep the aspect ratio when the longer side becomes `longSide`
    /// (never larger than the source; each side at least 1).
    public static func fittedSize(width: Int, height: Int, longSide: Int) -> (width: Int, height: Int) {
        let longest = max(width, height)
        guard longest > longSide, longSide >= 1 else { return (width, height) }
        let scale = Double(longSide) / Double(longest)
        let newWidth = width >= height ? longSide : max(1, Int((Double(width) * scale).rounded()))
        let newHeight = height > width ? longSide : max(1, Int((Double(height) * scale).rounded()))
        return (newWidth, newHeight)
    }
}
