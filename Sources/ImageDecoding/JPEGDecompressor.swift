internal import CImageShims

/// Header facts about a JPEG, read before any pixel buffer is allocated.
struct JPEGHeader {
    var width: Int
    var height: Int
    var components: Int
    var colorModel: String
    var dataPrecision: Int
    var progressive: Bool
    var arithmetic: Bool
}

/// Owns one C `img_jpeg` decoder (and the input copy it reads) and frees both in `deinit`.
///
/// A decoder is single-use: read the header, then either prepare + decode pixels or read the
/// coefficients. Calls in any other order fail with a status, never crash.
final class JPEGDecompressor {
    private let input: InputCopy
    private let handle: OpaquePointer
    private let budget: DecodeBudget

    /// Creates a decoder whose working memory is capped at `maxMemory` bytes until ``setBudget(memory:pixels:)``.
    init(_ bytes: [UInt8], budget: DecodeBudget, maxMemory: Int) throws(DecodeError) {
        input = InputCopy(bytes)
        self.budget = budget
        guard let created = img_jpeg_create(input.baseAddress, input.count, ShimStatus.budget(budget, memory: maxMemory, scans: budget.maxScans))
        else {
            throw DecodeError(.libraryError, "JPEG: out of memory creating the decoder")
        }
        handle = created
    }

    deinit { img_jpeg_destroy(handle) }

    /// Caps libjpeg's working memory at `memory` bytes and the scans at the budget's limit for an
    /// image of `pixels` (call after ``readHeader()``).
    func setBudget(memory: Int, pixels: Int) {
        img_jpeg_set_budget(handle, ShimStatus.budget(budget, memory: max(1, memory), scans: budget.scanLimit(pixels: pixels)))
    }

    /// The work done so far.
    var work: DecodeWork {
        var raw = img_work()
        img_jpeg_work(handle, &raw)
        return ShimStatus.work(raw)
    }

    private func failure(_ status: Int32) -> DecodeError {
        ShimStatus.error(
            status, message: ShimStatus.string(img_jpeg_message(handle)), format: "JPEG", dataEnd: input.count,
            position: Int(img_jpeg_position(handle)), work: work)
    }

    /// Warnings libjpeg emitted so far (the first one's text, and how many more there were).
    var warnings: [String] {
        ShimStatus.warnings(count: img_jpeg_warning_count(handle), first: img_jpeg_first_warning(handle))
    }

    func readHeader() throws(DecodeError) -> JPEGHeader {
        var raw = img_jpeg_header()
        let status = img_jpeg_read_header(handle, &raw)
        guard status == Int32(IMG_OK) else { throw failure(status) }
        let model: String
        switch raw.color_space {
        case Int32(IMG_JPEG_CS_GRAY): model = "gray"
        case Int32(IMG_JPEG_CS_YCBCR): model = "ycbcr"
        case Int32(IMG_JPEG_CS_RGB): model = "rgb"
        case Int32(IMG_JPEG_CS_CMYK): model = "cmyk"
        case Int32(IMG_JPEG_CS_YCCK): model = "ycck"
        default: model = "unknown"
        }
        return JPEGHeader(
            width: Int(raw.width), height: Int(raw.height), components: Int(raw.components), colorModel: model,
            dataPrecision: Int(raw.data_precision), progressive: raw.progressive != 0, arithmetic: raw.arithmetic != 0)
    }

    /// The embedded ICC profile, if any (valid after ``readHeader()``).
    var iccProfile: [UInt8]? {
        ShimStatus.bytes(size: img_jpeg_icc_size(handle)) { out, capacity in img_jpeg_icc_copy(handle, out, capacity) }
    }

    /// Selects the scale and RGB output; returns the output dimensions.
    func prepare(scale: DecodeScale) throws(DecodeError) -> (width: Int, height: Int) {
        var width: UInt32 = 0
        var height: UInt32 = 0
        let status = img_jpeg_prepare(handle, Int32(scale.rawValue), &width, &height)
        guard status == Int32(IMG_OK) else { throw failure(status) }
        return (Int(width), Int(height))
    }

    /// Decodes `region` of the prepared output as RGB8.
    func decodeRGB(region: PixelRegion) throws(DecodeError) -> [UInt8] {
        let count = region.width * region.height * 3
        var status = Int32(IMG_OK)
        let pixels = [UInt8](unsafeUninitializedCapacity: count) { buffer, initialized in
            status = img_jpeg_decode_rgb(
                handle, UInt32(region.x), UInt32(region.y), UInt32(region.width), UInt32(region.height),
                buffer.baseAddress, count, budget.acceptTruncated ? 1 : 0)
            // On failure the C side may have filled only part of the buffer: keep none of it (no
            // uninitialized memory is exposed, and none of the buffer is touched to clear it).
            initialized = status == Int32(IMG_OK) ? count : 0
        }
        guard status == Int32(IMG_OK) else { throw failure(status) }
        return pixels
    }

    /// Reads all DCT coefficients; returns the number of components.
    func readCoefficients() throws(DecodeError) -> Int {
        var components: Int32 = 0
        let status = img_jpeg_read_coefficients(handle, &components)
        guard status == Int32(IMG_OK) else { throw failure(status) }
        return Int(components)
    }

    /// Layout of component `index` (after ``readCoefficients()``).
    func component(_ index: Int) throws(DecodeError) -> img_jpeg_component {
        var info = img_jpeg_component()
        let status = img_jpeg_coefficient_component(handle, Int32(index), &info)
        guard status == Int32(IMG_OK) else { throw failure(status) }
        return info
    }

    /// Copies `count` coefficients of component `index`.
    func copyCoefficients(_ index: Int, count: Int) throws(DecodeError) -> [Int16] {
        var status = Int32(IMG_OK)
        let values = [Int16](unsafeUninitializedCapacity: count) { buffer, initialized in
            status = img_jpeg_coefficient_copy(handle, Int32(index), buffer.baseAddress, count)
            if status != Int32(IMG_OK) {
                buffer.initialize(repeating: 0)  // never expose memory the C side did not write
            }
            initialized = count
        }
        guard status == Int32(IMG_OK) else { throw failure(status) }
        return values
    }

    /// Quantization table `slot` (0...3) in natural order, or nil when the file defines none there.
    func quantizationTable(_ slot: Int) -> [UInt16]? {
        var table = [UInt16](repeating: 0, count: 64)
        let status = table.withUnsafeMutableBufferPointer { buffer in
            img_jpeg_quant_table(handle, Int32(slot), buffer.baseAddress)
        }
        return status == Int32(IMG_OK) ? table : nil
    }
}
