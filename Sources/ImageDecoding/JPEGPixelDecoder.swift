import ByteParsing
import ImageContainers

/// The JPEG path of ``ImageDecoder``.
enum JPEGPixelDecoder {
    static func decode(_ bytes: [UInt8], options: DecodeOptions) throws(DecodeError) -> DecodedImage {
        let budget = options.budget
        let decoder = try JPEGDecompressor(bytes, budget: budget, maxMemory: budget.maxMemoryBytes)
        let header = try decoder.readHeader()
        try ImageDecoder.checkPixels(width: header.width, height: header.height, limits: options.limits, format: "JPEG")
        let output = try decoder.prepare(scale: options.scale)
        let region = try ImageDecoder.resolveRegion(options.region, width: output.width, height: output.height)
        // The output is allocated here; whatever the budget leaves is libjpeg's to use (its
        // coefficient buffers for progressive files are sized when decoding starts, before any scan).
        let outputBytes = region.width * region.height * 3
        try budget.checkMemory(outputBytes, for: "the \(region.width)×\(region.height) RGB output", format: "JPEG")
        decoder.setBudget(memory: budget.maxMemoryBytes - outputBytes, pixels: header.width * header.height)
        let pixels = try decoder.decodeRGB(region: region)
        return DecodedImage(
            format: .jpeg, width: region.width, height: region.height, sourceWidth: header.width,
            sourceHeight: header.height, rgb: RGBImage(width: region.width, height: region.height, pixels: pixels),
            alpha: nil, samples16: nil, colorModel: header.colorModel, bitDepth: header.dataPrecision,
            iccProfile: decoder.iccProfile, warnings: decoder.warnings, work: decoder.work)
    }
}
