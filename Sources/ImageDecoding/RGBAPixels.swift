/// Full-resolution interleaved RGBA8 from the WebP, HEIF and TIFF shims, and the steps shared after it:
/// orientation, region and scale selection, and the split into ``RGBImage`` plus optional alpha.
struct RGBAPixels {
    var width: Int
    var height: Int
    /// `width * height * 4` samples.
    var samples: [UInt8]

    /// Applies an EXIF/TIFF orientation (1...8) so that the result displays upright.
    func oriented(_ orientation: Int) -> RGBAPixels {
        let turned = PixelOrientation.apply(orientation, to: samples, width: width, height: height, channels: 4)
        return RGBAPixels(width: turned.width, height: turned.height, samples: turned.samples)
    }

    /// Applies `options.scale` (box filter) and `options.region`, and splits off alpha when `keepAlpha`.
    func finish(
        format: ImageFormatName, options: DecodeOptions, keepAlpha: Bool
    ) throws(DecodeError) -> (rgb: RGBImage, alpha: [UInt8]?) {
        let factor = options.scale.rawValue
        var rgba = samples
        var w = width, h = height
        if factor > 1 {
            rgba = BoxDownscale.downscale(rgba, width: w, height: h, channels: 4, factor: factor)
            w = options.scale.scaledLength(w)
            h = options.scale.scaledLength(h)
        }
        let region = try ImageDecoder.resolveRegion(options.region, width: w, height: h)
        var rgb = [UInt8](repeating: 0, count: region.width * region.height * 3)
        var alpha = keepAlpha ? [UInt8](repeating: 255, count: region.width * region.height) : []
        for y in 0..<region.height {
            for x in 0..<region.width {
                let from = ((region.y + y) * w + region.x + x) * 4
                let to = y * region.width + x
                rgb[to * 3] = rgba[from]
                rgb[to * 3 + 1] = rgba[from + 1]
                rgb[to * 3 + 2] = rgba[from + 2]
                if keepAlpha { alpha[to] = rgba[from + 3] }
            }
        }
        return (RGBImage(width: region.width, height: region.height, pixels: rgb), keepAlpha ? alpha : nil)
    }
}

/// The format's name in messages.
typealias ImageFormatName = String
