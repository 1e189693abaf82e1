import ByteParsing
import ImageContainers

/// The PNG path of ``ImageDecoder``.
enum PNGPixelDecoder {
    static func decode(_ bytes: [UInt8], options: DecodeOptions) throws(DecodeError) -> DecodedImage {
        let reader = try PNGReader(bytes, maxChunkBytes: options.limits.maxDecompressedBytes)
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
            iccProfile: reader.iccProfile, warnings: reader.warnings)
    }
}
