/// The quantized DCT coefficients of a JPEG, read without decoding pixels.
public struct JPEGCoefficients: Sendable {
    /// One entry per frame component, in frame order (Y, Cb, Cr for typical files).
    public var components: [JPEGComponentCoefficients]
    /// Quantization tables by slot (index = table number 0...3), 64 values each in natural
    /// (row-major) order. A slot the file does not define is an empty array; the array ends at
    /// the highest defined slot.
    public var quantizationTables: [[UInt16]]

    /// Creates a coefficient set.
    public init(components: [JPEGComponentCoefficients], quantizationTables: [[UInt16]]) {
        self.components = components
        self.quantizationTables = quantizationTables
    }
}
