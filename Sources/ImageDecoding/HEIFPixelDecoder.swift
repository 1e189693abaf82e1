import ByteParsing
internal import CImageShims
import ImageContainers

/// The HEIF/HEIC and AVIF path of ``ImageDecoder`` (libheif; the primary image, transforms applied).
enum HEIFPixelDecoder {
    /// Owns one C `img_heif` decoder and the input copy it reads.
    private final class Handle {
        let input: InputCopy
        let pointer: OpaquePointer

        init(_ bytes: [UInt8], maxDimension: Int, format: String) throws(DecodeError) {
            let input = InputCopy(bytes)
            self.input = input
            var status: Int32 = 0
            var message = [CChar](repeating: 0, count: 256)
            let created = message.withUnsafeMutableBufferPointer { buffer in
                img_heif_create(input.baseAddress, input.count, Int32(clamping: maxDimension), &status, buffer.baseAddress, buffer.count)
            }
            guard let created else { throw DecodeError(.libraryError, "\(format): out of memory creating the decoder") }
            pointer = created
            guard status == Int32(IMG_OK) else {
                let text = String(decoding: message.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
                throw ShimStatus.error(status, message: text, format: format)
            }
        }

        deinit { img_heif_destroy(pointer) }
    }

    static func decode(_ bytes: [UInt8], format: ImageFormat, options: DecodeOptions) throws(DecodeError) -> DecodedImage {
        let name = format.decoderMessageName
        // The longest side libheif may accept: the pixel limit as a square's side, at least 16384.
        let maxSide = max(16384, Int(Double(options.limits.maxPixels).squareRoot()))
        let handle = try Handle(bytes, maxDimension: maxSide, format: name)
        var info = img_image_info()
        var iccSize = 0
        let status = img_heif_info(handle.pointer, &info, &iccSize)
        guard status == Int32(IMG_OK) else { throw ShimStatus.error(status, message: "cannot read the primary image", format: name) }
        let width = Int(info.width), height = Int(info.height)
        try FormatDecodeLimits.check(width: width, height: height, options: options, format: name)
        let icc = ShimStatus.bytes(size: iccSize) { out, capacity in img_heif_icc(handle.pointer, out, capacity) }
        var samples = [UInt8](repeating: 0, count: width * height * 4)
        var outWidth: UInt32 = 0, outHeight: UInt32 = 0
        try ShimCall.run(format: name) { message, capacity in
            samples.withUnsafeMutableBufferPointer { out in
                img_heif_decode_rgba(handle.pointer, out.baseAddress, out.count, &outWidth, &outHeight, message, capacity)
            }
        }
        let decodedWidth = Int(outWidth), decodedHeight = Int(outHeight)
        samples.removeLast(samples.count - decodedWidth * decodedHeight * 4)
        let pixels = RGBAPixels(width: decodedWidth, height: decodedHeight, samples: samples)
        let keepAlpha = info.has_alpha != 0
        let (rgb, alpha) = try pixels.finish(format: name, options: options, keepAlpha: keepAlpha)
        var warnings: [String] = []
        let images = Int(info.frame_count)
        if images > 1 { warnings.append("\(name) file with \(images) top-level images: only the primary image was decoded") }
        if let container = try? ContainerParser.parse(bytes, limits: options.limits), container.bmff?.hasSequence == true {
            warnings.append("\(name) image sequence: only the primary (first) image was decoded")
        }
        return DecodedImage(
            format: format, width: rgb.width, height: rgb.height, sourceWidth: decodedWidth, sourceHeight: decodedHeight,
            rgb: rgb, alpha: alpha, colorModel: keepAlpha ? "rgba" : "rgb", bitDepth: Int(info.bit_depth), iccProfile: icc,
            warnings: warnings, frameCount: max(images, 1))
    }
}
