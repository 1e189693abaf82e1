/// Rectangular crops of interleaved 8-bit pixels.
public enum PixelCropping {
    /// Copies the `cropWidth × cropHeight` rectangle at (`x`, `y`), clamped to the image.
    ///
    /// - Returns: the cropped pixels and their actual dimensions after clamping.
    public static func crop(
        _ pixels: [UInt8], width: Int, height: Int, channels: Int,
        x: Int, y: Int, cropWidth: Int, cropHeight: Int
    ) -> (pixels: [UInt8], width: Int, height: Int) {
        precondition(channels >= 1 && pixels.count == width * height * channels, "pixel buffer size mismatch")
        let left = min(max(0, x), width)
        let top = min(max(0, y), height)
        let outWidth = min(max(0, cropWidth), width - left)
        let outHeight = min(max(0, cropHeight), height - top)
        var result = [UInt8]()
        result.reserveCapacity(outWidth * outHeight * channels)
        for row in top..<(top + outHeight) {
            let start = (row * width + left) * channels
            result.append(contentsOf: pixels[start..<(start + outWidth * channels)])
        }
        return (result, outWidth, outHeight)
    }

    /// A centred crop of at most `side × side` pixels.
    public static func centreCrop(
        _ pixels: [UInt8], width: Int, height: Int, channels: Int, side: Int
    ) -> (pixels: [UInt8], width: Int, height: Int) {
        let cropWidth = min(side, width)
        let cropHeight = min(side, height)
        return crop(
            pixels, width: width, height: height, channels: channels,
            x: (width - cropWidth) / 2, y: (height - cropHeight) / 2,
            cropWidth: cropWidth, cropHeight: cropHeight)
    }
}
