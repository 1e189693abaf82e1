import ByteParsing
internal import CImageShims
import ImageContainers

/// The WebP path of ``ImageDecoder`` (libwebp; animations through libwebpdemux, first frame only).
enum WebPPixelDecoder {
    static func decode(_ bytes: [UInt8], options: DecodeOptions) throws(DecodeError) -> DecodedImage {
        let input = InputCopy(bytes)
        var info = img_image_info()
        try ShimCall.run(format: "WebP") { message, capacity in img_webp_info(input.baseAddress, input.count, &info, message, capacity) }
        let width = Int(info.width), height = Int(info.height)
        try FormatDecodeLimits.check(width: width, height: height, options: options, format: "WebP")
        var samples = [UInt8](repeating: 0, count: width * height * 4)
        try ShimCall.run(format: "WebP") { message, capacity in
            samples.withUnsafeMutableBufferPointer { out in
                img_webp_decode_rgba(input.baseAddress, input.count, out.baseAddress, out.count, message, capacity)
            }
        }
        // Metadata from the container index: EXIF orientation and the ICC profile.
        let index = try? ContainerIndexer.index(bytes, limits: options.limits)
        let orientation = index?.exif.flatMap { try? EXIFParser.parse($0, limits: options.limits).orientation } ?? 1
        let pixels = RGBAPixels(width: width, height: height, samples: samples).oriented(orientation)
        let keepAlpha = info.has_alpha != 0
        let (rgb, alpha) = try pixels.finish(format: "WebP", options: options, keepAlpha: keepAlpha)
        var warnings: [String] = []
        let frames = Int(info.frame_count)
        if frames > 1 { warnings.append("animated WebP with \(frames) frames: only the first frame was decoded") }
        return DecodedImage(
            format: .webp, width: rgb.width, height: rgb.height, sourceWidth: pixels.width, sourceHeight: pixels.height,
            rgb: rgb, alpha: alpha, colorModel: keepAlpha ? "rgba" : "rgb", bitDepth: 8, iccProfile: index?.iccProfile,
            warnings: warnings, frameCount: max(frames, 1), orientation: orientation)
    }
}
