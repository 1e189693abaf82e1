/// One component of a JPEG frame.
public struct JPEGComponentInfo: Sendable, Codable, Hashable {
    /// The component identifier (1, 2, 3 in JFIF files; 'R', 'G', 'B' in some RGB files).
    public var id: Int
    /// The horizontal sampling factor (1...4).
    public var horizontalSampling: Int
    /// The vertical sampling factor (1...4).
    public var verticalSampling: Int
    /// The quantization table slot (0...3).
    public var quantizationTable: Int

    /// Creates a component description.
    public init(id: Int, horizontalSampling: Int, verticalSampling: Int, quantizationTable: Int) {
        self.id = id
        self.horizontalSampling = horizontalSampling
        self.verticalSampling = verticalSampling
        self.quantizationTable = quantizationTable
    }
}
