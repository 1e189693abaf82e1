import ByteParsing

/// Bounds the zlib decompression done while reading one file's metadata: each item may produce
/// at most `ParseLimits.maxDecompressedBytes`, and all items together at most four times that.
struct DecompressionBudget {
    private let perItem: Int
    private var remaining: Int

    init(limits: ParseLimits) {
        perItem = max(limits.maxDecompressedBytes, 0)
        let (total, overflow) = perItem.multipliedReportingOverflow(by: 4)
        remaining = overflow ? Int.max : total
    }

    /// Inflates a zlib stream and charges its output to the budget.
    mutating func inflate(_ data: ArraySlice<UInt8>) throws(ParseError) -> [UInt8] {
        let output = try Inflate.zlib(data, limit: min(perItem, remaining))
        remaining -= output.count
        return output
    }
}
