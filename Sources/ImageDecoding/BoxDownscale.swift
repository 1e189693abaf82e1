/// Box-filter downscaling for formats without native reduced-resolution decoding (PNG).
enum BoxDownscale {
    /// Averages `factor` × `factor` blocks of an interleaved image with `channels` samples per
    /// pixel. Edge blocks average only the pixels that exist, so the output is
    /// `ceil(width / factor)` × `ceil(height / factor)`. Averages round to nearest.
    ///
    /// `samples.count` must be `width * height * channels` and `factor` at most 8 (the sums use
    /// 32 bits: 64 samples of at most 65535).
    static func downscale<T: FixedWidthInteger & UnsignedInteger>(
        _ samples: [T], width: Int, height: Int, channels: Int, factor: Int
    ) -> [T] {
        guard factor > 1, width > 0, height > 0, channels > 0, samples.count == width * height * channels else {
            return samples
        }
        let outWidth = (width + factor - 1) / factor
        let outHeight = (height + factor - 1) / factor
        var output = [T](repeating: 0, count: outWidth * outHeight * channels)
        var sums = [UInt32](repeating: 0, count: outWidth * channels)
        samples.withUnsafeBufferPointer { source in
            output.withUnsafeMutableBufferPointer { destination in
                sums.withUnsafeMutableBufferPointer { sums in
                    for outY in 0..<outHeight {
                        sums.update(repeating: 0)
                        let y0 = outY * factor
                        let y1 = min(y0 + factor, height)
                        for y in y0..<y1 {
                            var index = y * width * channels
                            for outX in 0..<outWidth {
                                let base = outX * channels
                                let columns = min(outX * factor + factor, width) - outX * factor
                                for _ in 0..<columns {
                                    for c in 0..<channels {
                                        sums[base + c] &+= UInt32(truncatingIfNeeded: source[index])
                                        index += 1
                                    }
                                }
                            }
                        }
                        let rows = UInt32(y1 - y0)
                        let rowStart = outY * outWidth * channels
                        for outX in 0..<outWidth {
                            let columns = UInt32(min(outX * factor + factor, width) - outX * factor)
                            let area = rows * columns
                            for c in 0..<channels {
                                let sum = sums[outX * channels + c]
                                destination[rowStart + outX * channels + c] = T(truncatingIfNeeded: (sum + area / 2) / area)
                            }
                        }
                    }
                }
            }
        }
        return output
    }
}
