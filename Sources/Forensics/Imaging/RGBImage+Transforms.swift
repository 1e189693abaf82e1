public import ImageDecoding

extension RGBImage {
    /// A copy cropped to the rectangle (clamped to the image).
    public func cropped(x: Int, y: Int, width cropWidth: Int, height cropHeight: Int) -> RGBImage {
        let crop = PixelCropping.crop(
            pixels, width: width, height: height, channels: 3, x: x, y: y, cropWidth: cropWidth, cropHeight: cropHeight)
        return RGBImage(width: crop.width, height: crop.height, pixels: crop.pixels)
    }

    /// A centred crop of at most `side × side` pixels.
    public func centreCropped(side: Int) -> RGBImage {
        let crop = PixelCropping.centreCrop(pixels, width: width, height: height, channels: 3, side: side)
        return RGBImage(width: crop.width, height: crop.height, pixels: crop.pixels)
    }

    /// An area-averaged downscale to `targetWidth × targetHeight` (never enlarges).
    public func boxDownscaled(width targetWidth: Int, height targetHeight: Int) -> RGBImage {
        let out = BoxResampler.downscale(
            pixels, width: width, height: height, channels: 3, targetWidth: targetWidth, targetHeight: targetHeight)
        return RGBImage(width: min(max(1, targetWidth), width), height: min(max(1, targetHeight), height), pixels: out)
    }

    /// An area-averaged downscale so the longer side is at most `longSide` (aspect kept).
    public func boxDownscaled(longSide: Int) -> RGBImage {
        let size = BoxResampler.fittedSize(width: width, height: height, longSide: longSide)
        return boxDownscaled(width: size.width, height: size.height)
    }

    /// The pixels after a JPEG encode at `quality` (4:2:0) and decode.
    public func jpegRoundTrip(quality: Int) throws(DecodeError) -> RGBImage {
        let bytes = try JPEGEncoder.encode(self, quality: quality)
        return try ImageDecoder.decode(bytes).rgb
    }

    /// A downscale with `filter` so the shorter side is at most `shortSide` (aspect kept).
    public func downscaled(shortSide: Int, filter: ResamplingFilter) -> RGBImage {
        let size = FilteredResampler.fittedSize(width: width, height: height, shortSide: shortSide)
        return FilteredResampler.downscale(self, width: size.width, height: size.height, filter: filter)
    }

    /// The pixels after a lossy WebP encode at `quality` and decode.
    public func webpRoundTrip(quality: Int) throws(DecodeError) -> RGBImage {
        let bytes = try WebPEncoder.encode(self, quality: quality)
        return try ImageDecoder.decode(bytes).rgb
    }

    /// The pixels after a PNG encode and decode (lossless: equal to `self`).
    public func pngRoundTrip() throws(DecodeError) -> RGBImage {
        let bytes = try PNGEncoder.encode(self)
        return try ImageDecoder.decode(bytes).rgb
    }
}
