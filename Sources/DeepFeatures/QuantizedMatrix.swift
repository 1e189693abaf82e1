internal import CInt8GEMM

/// An INT8 weight matrix as stored: shape [rows, columns] (input × output), quantised
/// symmetrically per output column — the real weight is `values[r * columns + c] * columnScales[c]`.
struct Int8Matrix: Sendable {
    /// Input width K.
    let rows: Int
    /// Output width N.
    let columns: Int
    /// K·N values, row-major.
    let values: [Int8]
    /// One scale per output column.
    let columnScales: [Float]

    /// Matrices with the same row count joined column-wise (one product instead of several).
    init(sideBySide parts: [Int8Matrix]) {
        let rows = parts.first?.rows ?? 0
        var values = [Int8]()
        values.reserveCapacity(rows * parts.reduce(0) { $0 + $1.columns })
        for r in 0..<rows {
            for part in parts { values.append(contentsOf: part.values[r * part.columns..<(r + 1) * part.columns]) }
        }
        self.init(
            rows: rows, columns: parts.reduce(0) { $0 + $1.columns }, values: values,
            columnScales: parts.flatMap(\.columnScales))
    }

    init(rows: Int, columns: Int, values: [Int8], columnScales: [Float]) {
        self.rows = rows
        self.columns = columns
        self.values = values
        self.columnScales = columnScales
    }
}

/// A quantised weight matrix prepared for the products of the forward pass: packed for the
/// AVX-512 VNNI integer kernel (exact int32 accumulation, as onnxruntime's MatMulInteger) when the
/// CPU has it, otherwise expanded to floats for `cblas_sgemm`.
struct QuantizedMatrix: Sendable {
    /// Input width K.
    let rows: Int
    /// Output width N.
    let columns: Int
    /// One scale per output column.
    let columnScales: [Float]
    /// The weights in the integer kernel's layout (empty on the BLAS path).
    let packed: [Int8]
    /// Σ_k w[k][n] per column, to remove the activation zero point from integer products.
    let columnSums: [Int32]
    /// The integer weights as floats (exact), row-major (empty on the integer path).
    let integerWeights: [Float]

    /// Prepares `matrix` for the integer kernel when `integerKernel` is true, else for BLAS.
    init(_ matrix: Int8Matrix, integerKernel: Bool) {
        rows = matrix.rows
        columns = matrix.columns
        columnScales = matrix.columnScales
        var sums = [Int32](repeating: 0, count: matrix.columns)
        for r in 0..<matrix.rows {
            for c in 0..<matrix.columns { sums[c] &+= Int32(matrix.values[r * matrix.columns + c]) }
        }
        columnSums = sums
        if integerKernel {
            var packed = [Int8](repeating: 0, count: Int(pv_int8_packed_size(Int32(matrix.rows), Int32(matrix.columns))))
            matrix.values.withUnsafeBufferPointer { source in
                packed.withUnsafeMutableBufferPointer { destination in
                    if let s = source.baseAddress, let d = destination.baseAddress {
                        pv_int8_pack(s, Int32(matrix.rows), Int32(matrix.columns), d)
                    }
                }
            }
            self.packed = packed
            integerWeights = []
        } else {
            packed = []
            integerWeights = matrix.values.map(Float.init)
        }
    }
}
