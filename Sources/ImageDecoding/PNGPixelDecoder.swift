import ByteParsing
import ImageContainers

/// The PNG path of ``ImageDecoder``.
enum PNGPixelDecoder {
    static func decode(_ bytes: [UInt8], options: DecodeOptions) throws(DecodeError) -> DecodedImage {
        let reader = try PNGReader(bytes, maxChunkBytes: options.limits.maxDecompressedBytes, budget: options.budget)
        let header = try reader.readHeader()
        try ImageDecoder.checkPixels(width: header.width, height: header.height, limits: options.limits, format: "PNG")
        let factor = options.scale.rawValue
        let outWidth = options.scale.scaledLength(header.width)
        let outHeight = options.scale.scaledLength(header.height)
        let region = try ImageDecoder.resolveRegion(options.region, width: outWidth, height: outHeight)
        // The source rectangle covering the requested output region.
        let sourceX = region.x * factor
        let sourceY = region.y * factor
        let source = PixelRegion(
            x: sourceX, y: sourceY, width: min(region.width * factor, header.width - sourceX),
            height: min(region.height * factor, header.height - sourceY))
        let sixteen = options.keepSixteenBit && header.bitDepth == 16
        // RGB, alpha and 16-bit outputs plus one transformed row (at most 8 bytes a pixel); interlaced
        // images are de-interlaced into the outputs directly, so nothing else scales with the image.
        let perPixel = 3 + (header.hasAlpha ? 1 : 0) + (sixteen ? 6 : 0)
        let (outputBytes, overflow) = (source.width * source.height).multipliedReportingOverflow(by: perPixel)
        try options.budget.checkMemory(
            overflow ? Int.max : outputBytes + header.width * 8,
            for: "the \(source.width)×\(source.height) output", format: "PNG")
        var pixels = try reader.decode(region: source, alpha: header.hasAlpha, sixteenBit: sixteen)
        if factor > 1 {
            pixels.rgb = BoxDownscale.downscale(
                pixels.rgb, width: source.width, height: source.height, channels: 3, factor: factor)
            pixels.alpha = pixels.alpha.map {
                BoxDownscale.downscale($0, width: source.width, height: source.height, channels: 1, factor: factor)
            }
            pixels.rgb16 = pixels.rgb16.map {
                BoxDownscale.downscale($0, width: source.width, height: source.height, channels: 3, factor: factor)
            }
        }
        return DecodedImage(
            format: .png, width: region.width, height: region.height, sourceWidth: header.width,
            sourceHeight: header.height, rgb: RGBImage(width: region.width, height: region.height, pixels: pixels.rgb),
            alpha: pixels.alpha, samples16: pixels.rgb16, colorModel: header.colorModel, bitDepth: header.bitDepth,
            iccProfile: reader.iccProfile, warnings: reader.warnings, work: reader.work)
    }
}
