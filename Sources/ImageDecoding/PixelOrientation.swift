/// The EXIF/TIFF orientation transform (1...8) on interleaved 8-bit samples, shared by every decoder that
/// turns pixels upright (WebP and TIFF through ``RGBAPixels``, video frames through ``RGBImage``).
enum PixelOrientation {
    /// Returns `samples` (`width × height` pixels of `channels` bytes) transformed so that an image stored
    /// with `orientation` displays upright, with the resulting size. Orientation 1 or an unknown value, or
    /// samples that do not match the size, come back unchanged.
    static func apply(
        _ orientation: Int, to samples: [UInt8], width: Int, height: Int, channels: Int
    ) -> (samples: [UInt8], width: Int, height: Int) {
        let (area, overflowA) = width.multipliedReportingOverflow(by: height)
        let (count, overflowB) = area.multipliedReportingOverflow(by: channels)
        guard (2...8).contains(orientation), width > 0, height > 0, channels > 0, !overflowA, !overflowB,
            samples.count == count
        else { return (samples, width, height) }
        let transposes = orientation >= 5
        let outWidth = transposes ? height : width
        let outHeight = transposes ? width : height
        var output = [UInt8](repeating: 0, count: samples.count)
        samples.withUnsafeBufferPointer { source in
            output.withUnsafeMutableBufferPointer { target in
                for y in 0..<outHeight {
                    for x in 0..<outWidth {
                        // The stored pixel shown at (x, y) (EXIF 2.32 Orientation, TIFF 6.0 tag 274).
                        let (sx, sy): (Int, Int)
                        switch orientation {
                        case 2: (sx, sy) = (width - 1 - x, y)
                        case 3: (sx, sy) = (width - 1 - x, height - 1 - y)
                        case 4: (sx, sy) = (x, height - 1 - y)
                        case 5: (sx, sy) = (y, x)
                        case 6: (sx, sy) = (y, height - 1 - x)
                        case 7: (sx, sy) = (width - 1 - y, height - 1 - x)
                        default: (sx, sy) = (width - 1 - y, x)  // 8
                        }
                        let from = (sy * width + sx) * channels
                        let to = (y * outWidth + x) * channels
                        for c in 0..<channels { target[to + c] = source[from + c] }
                    }
                }
            }
        }
        return (output, outWidth, outHeight)
    }
}
