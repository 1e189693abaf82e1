/// The coefficients of one JPEG component.
public struct JPEGComponentCoefficients: Sendable {
    /// The component identifier from the frame header (often 1, 2, 3).
    public var componentID: Int
    /// Blocks per row covering the component's samples.
    public var widthInBlocks: Int
    /// Block rows covering the component's samples.
    public var heightInBlocks: Int
    /// Horizontal sampling factor (1...4).
    public var horizontalSampling: Int
    /// Vertical sampling factor (1...4).
    public var verticalSampling: Int
    /// Index into ``JPEGCoefficients/quantizationTables``.
    public var quantizationTableIndex: Int
    /// Quantized coefficients: 64 per block in natural (row-major, not zig-zag) order, blocks
    /// row-major; `count == widthInBlocks * heightInBlocks * 64`. Multiply by the quantization
    /// table to get DCT values; `coefficients[block * 64]` is the block's DC term.
    public var coefficients: [Int16]

    /// Creates a component record.
    public init(
        componentID: Int, widthInBlocks: Int, heightInBlocks: Int, horizontalSampling: Int, verticalSampling: Int,
        quantizationTableIndex: Int, coefficients: [Int16]
    ) {
        self.componentID = componentID
        self.widthInBlocks = widthInBlocks
        self.heightInBlocks = heightInBlocks
        self.horizontalSampling = horizontalSampling
        self.verticalSampling = verticalSampling
        self.quantizationTableIndex = quantizationTableIndex
        self.coefficients = coefficients
    }

    /// The 64 coefficients of the block at (`column`, `row`), or nil when out of range.
    public func block(column: Int, row: Int) -> ArraySlice<Int16>? {
        guard column >= 0, row >= 0, column < widthInBlocks, row < heightInBlocks else { return nil }
        // Checked arithmetic: the fields are public and need not match `coefficients`.
        let (rowStart, overflowA) = row.multipliedReportingOverflow(by: widthInBlocks)
        let (block, overflowB) = rowStart.addingReportingOverflow(column)
        let (start, overflowC) = block.multipliedReportingOverflow(by: 64)
        guard !overflowA, !overflowB, !overflowC, start <= coefficients.count - 64 else { return nil }
        return coefficients[start..<(start + 64)]
    }
}
