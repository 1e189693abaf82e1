/// A weight matrix of shape [rows, columns] quantised symmetrically per output column, as in the
/// ONNX export: the real weight is `integerWeights[r * columns + c] * columnScales[c]`.
///
/// The integers are kept as `Float` (exact: |w| ≤ 128) so products run through `cblas_sgemm`.
struct QuantizedMatrix: Sendable {
    /// Input width K.
    let rows: Int
    /// Output width N.
    let columns: Int
    /// K·N integer values stored as floats, row-major.
    let integerWeights: [Float]
    /// One scale per output column.
    let columnScales: [Float]
}
