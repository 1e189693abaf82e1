import ByteParsing
internal import CImageShims
import ImageContainers

/// The TIFF/DNG path of ``ImageDecoder`` (libtiff; the first directory, which in a DNG is normally the preview).
enum TIFFPixelDecoder {
    /// Owns one C `img_tiff` decoder and the input copy it reads.
    private final class Handle {
        let input: InputCopy
        let pointer: OpaquePointer

        init(_ bytes: [UInt8], maxAlloc: Int) throws(DecodeError) {
            let input = InputCopy(bytes)
            self.input = input
            var status: Int32 = 0
            var message = [CChar](repeating: 0, count: 256)
            let created = message.withUnsafeMutableBufferPointer { buffer in
                img_tiff_create(input.baseAddress, input.count, UInt64(max(0, maxAlloc)), &status, buffer.baseAddress, buffer.count)
            }
            guard let created else { throw DecodeError(.libraryError, "TIFF: out of memory creating the decoder") }
            pointer = created
            guard status == Int32(IMG_OK) else {
                let text = String(decoding: message.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
                throw ShimStatus.error(status, message: text, format: "TIFF")
            }
        }

        deinit { img_tiff_destroy(pointer) }
    }

    static func decode(_ bytes: [UInt8], options: DecodeOptions) throws(DecodeError) -> DecodedImage {
        // The declared size is checked from IFD0 before libtiff reads anything else.
        do throws(ParseError) {
            _ = try ContainerParser.parse(bytes, limits: options.limits)
        } catch {
            if error.code == .limitExceeded { throw DecodeError(.limitExceeded, at: error.offset, "TIFF: \(error.message)") }
        }
        let handle = try Handle(bytes, maxAlloc: max(options.limits.maxDecompressedBytes, 64 * 1024 * 1024))
        var info = img_image_info()
        var iccSize = 0
        let status = img_tiff_info(handle.pointer, &info, &iccSize)
        guard status == Int32(IMG_OK) else {
            throw ShimStatus.error(status, message: ShimStatus.string(img_tiff_message(handle.pointer)), format: "TIFF")
        }
        let width = Int(info.width), height = Int(info.height)
        try FormatDecodeLimits.check(width: width, height: height, options: options, format: "TIFF")
        if info.photometric == 32803 {
            throw DecodeError(.unsupportedFormat, "TIFF: the first image is raw CFA sensor data (DNG without an RGB preview in IFD0)")
        }
        let icc = ShimStatus.bytes(size: iccSize) { out, capacity in img_tiff_icc(handle.pointer, out, capacity) }
        var samples = [UInt8](repeating: 0, count: width * height * 4)
        var outWidth: UInt32 = 0, outHeight: UInt32 = 0
        try ShimCall.run(format: "TIFF") { message, capacity in
            samples.withUnsafeMutableBufferPointer { out in
                img_tiff_decode_rgba(handle.pointer, out.baseAddress, out.count, &outWidth, &outHeight, message, capacity)
            }
        }
        var pixels = RGBAPixels(width: Int(outWidth), height: Int(outHeight), samples: samples)
        // libtiff has flipped the image to top-left as if the orientation did not transpose (5 like 1, 6 like 2,
        // 7 like 3, 8 like 4). What is left is a transpose across the main diagonal for 5 and 7 and across the
        // other diagonal for 6 and 8 (TIFFOrientationTests checks all eight on known pixels).
        let orientation = Int(info.orientation)
        switch orientation {
        case 5, 7: pixels = pixels.oriented(5)
        case 6, 8: pixels = pixels.oriented(7)
        default: break
        }
        let keepAlpha = info.has_alpha != 0
        let (rgb, alpha) = try pixels.finish(format: "TIFF", options: options, keepAlpha: keepAlpha)
        var warnings: [String] = []
        if info.frame_count > 1 { warnings.append("TIFF with \(info.frame_count) directories: only the first was decoded") }
        return DecodedImage(
            format: .tiff, width: rgb.width, height: rgb.height, sourceWidth: pixels.width, sourceHeight: pixels.height,
            rgb: rgb, alpha: alpha, colorModel: keepAlpha ? "rgba" : "rgb", bitDepth: Int(info.bit_depth), iccProfile: icc,
            warnings: warnings, frameCount: max(Int(info.frame_count), 1), orientation: orientation)
    }
}
