/// Box-filter downscaling for formats without native reduced-resolution decoding (PNG).
enum BoxDownscale {
    /// Averages `factor` × `factor` blocks of an interleaved image with `channels` samples per
    /// pixel. Edge blocks average only the pixels that exist, so the output is
    /// `ceil(width / factor)` × `ceil(height / factor)`. Averages round to nearest.
    static func downscale<T: FixedWidthInteger & UnsignedInteger>(
        _ samples: [T], width: Int, height: Int, channels: Int, factor: Int
    ) -> [T] {
        guard factor > 1 else { return samples }
        let outWidth = (width + factor - 1) / factor
        let outHeight = (height + factor - 1) / factor
        var output = [T](repeating: 0, count: outWidth * outHeight * channels)
        var sums = [UInt64](repeating: 0, count: outWidth * channels)
        for outY in 0..<outHeight {
            for index in sums.indices { sums[index] = 0 }
            let y0 = outY * factor
            let y1 = min(y0 + factor, height)
            for y in y0..<y1 {
                let rowStart = y * width * channels
                for x in 0..<width {
                    let target = (x / factor) * channels
                    let source = rowStart + x * channels
                    for c in 0..<channels { sums[target + c] &+= UInt64(samples[source + c]) }
                }
            }
            let rows = UInt64(y1 - y0)
            for outX in 0..<outWidth {
                let columns = UInt64(min(outX * factor + factor, width) - outX * factor)
                let area = rows * columns
                for c in 0..<channels {
                    let sum = sums[outX * channels + c]
                    output[(outY * outWidth + outX) * channels + c] = T(truncatingIfNeeded: (sum + area / 2) / area)
                }
            }
        }
        return output
    }
}
