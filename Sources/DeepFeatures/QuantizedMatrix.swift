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

/// A quantised weight matrix packed for the u8 × s8 product (`pv_qgemm`), with what that product
/// needs beside the weights: the per-column scales and the column sums that remove the activation
/// zero point in integers.
struct QuantizedMatrix: Sendable {
    /// Input width K.
    let rows: Int
    /// Output width N.
    let columns: Int
    /// One scale per output column.
    let columnScales: [Float]
    /// The weights in the kernel's layout.
    let packed: [Int8]
    /// Σ_k w[k][n] per column.
    let columnSums: [Int32]

    /// Packs `matrix` (K a multiple of 2 and N of 16, which the ViT-B/16 shapes are).
    init(_ matrix: Int8Matrix) {
        rows = matrix.rows
        columns = matrix.columns
        columnScales = matrix.columnScales
        var sums = [Int32](repeating: 0, count: matrix.columns)
        for r in 0..<matrix.rows {
            for c in 0..<matrix.columns { sums[c] &+= Int32(matrix.values[r * matrix.columns + c]) }
        }
        columnSums = sums
        var packed = [Int8](repeating: 0, count: Int(pv_int8_packed_size(Int32(matrix.rows), Int32(matrix.columns))))
        matrix.values.withUnsafeBufferPointer { source in
            packed.withUnsafeMutableBufferPointer { destination in
                if let s = source.baseAddress, let d = destination.baseAddress {
                    pv_int8_pack(s, Int32(matrix.rows), Int32(matrix.columns), d)
                }
            }
        }
        self.packed = packed
    }

    /// The integer weights as floats, row-major (for the float-activation diagnostic path).
    func integerWeightsAsFloats() -> [Float] {
        var out = [Float](repeating: 0, count: rows * columns)
        packed.withUnsafeBufferPointer { source in
            out.withUnsafeMutableBufferPointer { destination in
                if let s = source.baseAddress, let d = destination.baseAddress {
                    pv_int8_unpack_float(s, Int32(rows), Int32(columns), d)
                }
            }
        }
        return out
    }
}
