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

/// A quantised weight matrix packed for the u8 × s8 product (`pv_qgemm` or `pv_qgemm_quads`), with
/// what that product needs beside the weights: the per-column scales and the column sums that remove
/// the activation zero point in integers.
struct QuantizedMatrix: Sendable {
    /// How the weights are laid out for the kernels.
    enum Layout: Sendable {
        /// Blocks of 8 columns × 2 rows (`pv_int8_pack`): the AVX2 and portable kernels, and the VNNI
        /// kernels that interleave pairs on the fly.
        case pairs
        /// Blocks of 16 columns × 4 rows (`pv_int8_pack_quads`): the AVX-512 VNNI kernel reads them as
        /// they are; a portable loop elsewhere.
        case quads

        /// The layout the fastest kernel on this CPU reads for a K×N matrix.
        static func preferred(rows: Int, columns: Int) -> Layout {
            pv_int8_quads_preferred(Int32(rows), Int32(columns)) == 1 ? .quads : .pairs
        }
    }

    /// Input width K.
    let rows: Int
    /// Output width N.
    let columns: Int
    /// One scale per output column.
    let columnScales: [Float]
    /// The weights in ``layout``.
    let packed: [Int8]
    /// How ``packed`` is laid out.
    let layout: Layout
    /// Σ_k w[k][n] per column.
    let columnSums: [Int32]

    /// Packs `matrix` (K a multiple of 2 and N of 16, which the ViT-B/16 shapes are) in `layout`
    /// (default: the one this CPU's fastest kernel reads; quads need K a multiple of 4 and N of 32).
    init(_ matrix: Int8Matrix, layout: Layout? = nil) {
        let layout = layout ?? .preferred(rows: matrix.rows, columns: matrix.columns)
        self.layout = layout
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
                    switch layout {
                    case .pairs: pv_int8_pack(s, Int32(matrix.rows), Int32(matrix.columns), d)
                    case .quads: pv_int8_pack_quads(s, Int32(matrix.rows), Int32(matrix.columns), d)
                    }
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
                    switch layout {
                    case .pairs: pv_int8_unpack_float(s, Int32(rows), Int32(columns), d)
                    case .quads: pv_int8_unpack_quads_float(s, Int32(rows), Int32(columns), d)
                    }
                }
            }
        }
        return out
    }
}
