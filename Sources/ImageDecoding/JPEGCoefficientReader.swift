public import ByteParsing
internal import ImageContainers

/// Reads a JPEG's quantized DCT coefficients (libjpeg `jpeg_read_coefficients`), which is much
/// cheaper than a pixel decode: no IDCT, upsampling or colour conversion.
public enum JPEGCoefficientReader {
    /// Reads the coefficients and quantization tables of `bytes`.
    ///
    /// The pixel and file-size limits are checked against the header before the coefficient
    /// buffers are allocated. libjpeg's buffers and the copies returned here are the same size, so
    /// each may use half of ``DecodeBudget/maxMemoryBytes``; the scan budget applies as for pixels.
    public static func read(
        _ bytes: [UInt8], limits: ParseLimits = .default, budget: DecodeBudget = .default
    ) throws(DecodeError) -> JPEGCoefficients {
        guard bytes.count <= limits.maxFileBytes else {
            throw DecodeError(.limitExceeded, "input is \(bytes.count) bytes; the limit is \(limits.maxFileBytes)")
        }
        let format = ImageFormat.sniff(bytes)
        guard format == .jpeg else {
            throw DecodeError(.unsupportedFormat, at: 0, "coefficients need a JPEG; this is \(format.decoderMessageName)")
        }
        let decoder = try JPEGDecompressor(bytes, budget: budget, maxMemory: budget.maxMemoryBytes / 2)
        let header = try decoder.readHeader()
        try ImageDecoder.checkPixels(width: header.width, height: header.height, limits: limits, format: "JPEG")
        decoder.setBudget(memory: budget.maxMemoryBytes / 2, pixels: header.width * header.height)
        let count = try decoder.readCoefficients()
        var components: [JPEGComponentCoefficients] = []
        for index in 0..<count {
            let info = try decoder.component(index)
            let wide = Int(info.width_in_blocks)
            let high = Int(info.height_in_blocks)
            let (blocks, overflowA) = wide.multipliedReportingOverflow(by: high)
            let (values, overflowB) = blocks.multipliedReportingOverflow(by: 64)
            guard !overflowA, !overflowB, wide > 0, high > 0, blocks <= limits.maxPixels else {
                throw DecodeError(.limitExceeded, "JPEG component \(index) has \(wide)×\(high) blocks")
            }
            components.append(
                JPEGComponentCoefficients(
                    componentID: Int(info.component_id), widthInBlocks: wide, heightInBlocks: high,
                    horizontalSampling: Int(info.h_samp_factor), verticalSampling: Int(info.v_samp_factor),
                    quantizationTableIndex: Int(info.quant_tbl_no),
                    coefficients: try decoder.copyCoefficients(index, count: values)))
        }
        var tables: [[UInt16]] = (0..<4).map { decoder.quantizationTable($0) ?? [] }
        while let last = tables.last, last.isEmpty { tables.removeLast() }
        return JPEGCoefficients(components: components, quantizationTables: tables)
    }
}
