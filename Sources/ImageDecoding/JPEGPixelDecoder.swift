import ByteParsing
import ImageContainers

/// The JPEG path of ``ImageDecoder``.
enum JPEGPixelDecoder {
    /// Cap on libjpeg's own allocations (coefficient buffers of progressive files, etc.), derived
    /// from the pixel limit: four components of 16-bit coefficients per pixel plus headroom.
    static func memoryCap(_ limits: ParseLimits) -> Int {
        let (perPixel, overflow) = limits.maxPixels.multipliedReportingOverflow(by: 10)
        return overflow ? Int.max : perPixel + 64 * 1024 * 1024
    }

    static func decode(_ bytes: [UInt8], options: DecodeOptions) throws(DecodeError) -> DecodedImage {
        let decoder = try JPEGDecompressor(bytes, maxMemory: memoryCap(options.limits))
        let header = try decoder.readHeader()
        try ImageDecoder.checkPixels(width: header.width, height: header.height, limits: options.limits, format: "JPEG")
        let output = try decoder.prepare(scale: options.scale)
        let region = try ImageDecoder.resolveRegion(options.region, width: output.width, height: output.height)
        let pixels = try decoder.decodeRGB(region: region)
        return DecodedImage(
            format: .jpeg, width: region.width, height: region.height, sourceWidth: header.width,
            sourceHeight: header.height, rgb: RGBImage(width: region.width, height: region.height, pixels: pixels),
            alpha: nil, samples16: nil, colorModel: header.colorModel, bitDepth: header.dataPrecision,
            iccProfile: decoder.iccProfile, warnings: decoder.warnings)
    }
}
