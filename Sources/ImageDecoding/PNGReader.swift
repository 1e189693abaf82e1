internal import CImageShims

/// Header facts about a PNG, read before any pixel buffer is allocated.
struct PNGHeader {
    var width: Int
    var height: Int
    var bitDepth: Int
    var colorType: Int
    var interlaced: Bool
    var hasTransparency: Bool
    var paletteSize: Int

    /// Whether decoded output carries alpha (an alpha channel or a `tRNS` chunk).
    var hasAlpha: Bool { colorType == 4 || colorType == 6 || hasTransparency }

    /// The colour model name used in ``DecodedImage/colorModel``.
    var colorModel: String {
        switch colorType {
        case 0: return "gray"
        case 2: return "rgb"
        case 3: return "palette"
        case 4: return "gray_alpha"
        case 6: return "rgba"
        default: return "unknown"
        }
    }
}

/// The pixels of one PNG decode.
struct PNGPixels {
    var rgb: [UInt8]
    var alpha: [UInt8]?
    var rgb16: [UInt16]?
}

/// Owns one C `img_png` decoder (and the input copy it reads) and frees both in `deinit`.
final class PNGReader {
    private let input: InputCopy
    private let handle: OpaquePointer

    init(_ bytes: [UInt8], maxChunkBytes: Int, budget: DecodeBudget) throws(DecodeError) {
        input = InputCopy(bytes)
        let chunkLimit = UInt32(clamping: max(0, maxChunkBytes))
        guard let created = img_png_create(input.baseAddress, input.count, chunkLimit, ShimStatus.budget(budget, memory: 0))
        else {
            throw DecodeError(.libraryError, "PNG: out of memory creating the decoder")
        }
        handle = created
    }

    deinit { img_png_destroy(handle) }

    private func failure(_ status: Int32) -> DecodeError {
        ShimStatus.error(
            status, message: ShimStatus.string(img_png_message(handle)), format: "PNG", dataEnd: input.count,
            position: Int(img_png_position(handle)), work: work)
    }

    /// The work done so far.
    var work: DecodeWork {
        var raw = img_work()
        img_png_work(handle, &raw)
        return ShimStatus.work(raw)
    }

    /// Warnings libpng emitted so far (the first one's text, and how many more there were).
    var warnings: [String] {
        ShimStatus.warnings(count: img_png_warning_count(handle), first: img_png_first_warning(handle))
    }

    func readHeader() throws(DecodeError) -> PNGHeader {
        var raw = img_png_header()
        let status = img_png_read_header(handle, &raw)
        guard status == Int32(IMG_OK) else { throw failure(status) }
        return PNGHeader(
            width: Int(raw.width), height: Int(raw.height), bitDepth: Int(raw.bit_depth),
            colorType: Int(raw.color_type), interlaced: raw.interlaced != 0, hasTransparency: raw.has_trns != 0,
            paletteSize: Int(raw.palette_size))
    }

    /// The embedded ICC profile, if any (valid after ``readHeader()``).
    var iccProfile: [UInt8]? {
        ShimStatus.bytes(size: img_png_icc_size(handle)) { out, capacity in img_png_icc_copy(handle, out, capacity) }
    }

    /// Decodes `region` (source coordinates). The caller has checked the region's size against
    /// the limits.
    func decode(region: PixelRegion, alpha wantAlpha: Bool, sixteenBit: Bool) throws(DecodeError) -> PNGPixels {
        let pixelCount = region.width * region.height
        var rgb = [UInt8](repeating: 0, count: pixelCount * 3)
        var alpha = wantAlpha ? [UInt8](repeating: 255, count: pixelCount) : []
        var rgb16 = sixteenBit ? [UInt16](repeating: 0, count: pixelCount * 3) : []
        let status = rgb.withUnsafeMutableBufferPointer { rgbBuffer in
            alpha.withUnsafeMutableBufferPointer { alphaBuffer in
                rgb16.withUnsafeMutableBufferPointer { wideBuffer in
                    img_png_decode(
                        handle, UInt32(region.x), UInt32(region.y), UInt32(region.width), UInt32(region.height),
                        rgbBuffer.baseAddress, wantAlpha ? alphaBuffer.baseAddress : nil,
                        sixteenBit ? wideBuffer.baseAddress : nil)
                }
            }
        }
        guard status == Int32(IMG_OK) else { throw failure(status) }
        return PNGPixels(rgb: rgb, alpha: wantAlpha ? alpha : nil, rgb16: sixteenBit ? rgb16 : nil)
    }
}
