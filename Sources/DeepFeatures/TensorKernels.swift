internal import CInt8GEMM

/// The kernels of the forward pass on raw row-major buffers: thin Swift names for the C kernels of
/// `Sources/CInt8GEMM`, which reproduce onnxruntime's CPU arithmetic for each operator bit for bit
/// (same operations, order and roundings; see that target's header).
enum TensorKernels {
    /// Row-wise LayerNorm (onnxruntime's LayerNormalization); `input` and `output` may alias.
    static func layerNorm(
        _ input: UnsafePointer<Float>, into output: UnsafeMutablePointer<Float>, rows: Int, width: Int,
        weight: UnsafePointer<Float>, bias: UnsafePointer<Float>, epsilon: Float
    ) {
        pv_layer_norm(input, output, Int32(rows), Int32(width), weight, bias, epsilon)
    }

    /// In-place softmax of each of `rows` rows of `width` values (MLAS's exp and sum order).
    static func softmaxRows(_ values: UnsafeMutablePointer<Float>, rows: Int, width: Int) {
        pv_softmax_rows(values, Int32(rows), Int32(width))
    }

    /// In-place QuickGELU: `x · logistic(alpha · x)` (MLAS's logistic).
    static func quickGELU(_ values: UnsafeMutablePointer<Float>, count: Int, alpha: Float) {
        pv_quick_gelu(values, values, count, alpha)
    }

    /// `c = alpha · (a · b)` as chains of fused multiply-adds over `k` in order, one chain per
    /// `blockK` inputs, chains added in order (MLAS's SGEMM; `blockK` 0 means one chain).
    static func multiply(
        m: Int, n: Int, k: Int, a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int,
        c: UnsafeMutablePointer<Float>, ldc: Int, alpha: Float = 1, blockK: Int = 0
    ) {
        pv_sgemm(
            Int32(m), Int32(n), Int32(k), a, Int32(lda), b, Int32(ldb), c, Int32(ldc), alpha, Int32(blockK))
    }

    /// Quantises `count` activations to uint8 as ONNX DynamicQuantizeLinear does; returns the
    /// scale and zero point.
    static func quantize(
        _ values: UnsafePointer<Float>, count: Int, into output: UnsafeMutablePointer<UInt8>
    ) -> (scale: Float, zeroPoint: Int32) {
        var scale: Float = 1
        var zeroPoint: Int32 = 0
        pv_quantize_u8(values, count, output, &scale, &zeroPoint)
        return (scale, zeroPoint)
    }

    /// `y = float(Σ q·w − zp·Σw) · multipliers + bias`, the integer sum exact.
    static func quantizedProduct(
        _ input: UnsafePointer<UInt8>, rows: Int, zeroPoint: Int32, matrix: QuantizedMatrix,
        multipliers: UnsafePointer<Float>, bias: UnsafePointer<Float>?, into output: UnsafeMutablePointer<Float>
    ) {
        matrix.packed.withUnsafeBufferPointer { packed in
            matrix.columnSums.withUnsafeBufferPointer { sums in
                guard let p = packed.baseAddress, let s = sums.baseAddress else { return }
                switch matrix.layout {
                case .pairs:
                    pv_qgemm(
                        input, Int32(rows), Int32(matrix.rows), p, Int32(matrix.columns), zeroPoint, s, multipliers, bias,
                        output)
                case .quads:
                    pv_qgemm_quads(
                        input, Int32(rows), Int32(matrix.rows), p, Int32(matrix.columns), zeroPoint, s, multipliers, bias,
                        output)
                }
            }
        }
    }

    /// `output[r][c] = product[r][c] · columnScales[c] + bias[c]` (the float-activation path).
    static func rescaleColumns(
        _ values: UnsafeMutablePointer<Float>, rows: Int, columns: Int, columnScales: UnsafePointer<Float>,
        bias: UnsafePointer<Float>?
    ) {
        for r in 0..<rows {
            let row = values + r * columns
            if let bias {
                for c in 0..<columns { row[c] = row[c] * columnScales[c] + bias[c] }
            } else {
                for c in 0..<columns { row[c] *= columnScales[c] }
            }
        }
    }

    /// Makes every kernel take its portable path (`true`) or the fastest the CPU allows. Both paths
    /// compute the same bits; tests check that they do.
    static func forcePortableKernels(_ on: Bool) {
        pv_force_portable_kernels(on ? 1 : 0)
    }

    /// Whether the AVX2 kernels run on this CPU.
    static var usesVectorKernels: Bool { pv_avx2_available() == 1 }

    /// Caps the vector kernels at AVX2 (`true`) or lets them use AVX-512 and VNNI where the CPU has
    /// them (`false`, the default). Every kernel computes the same bits; tests check that they do.
    static func limitToAVX2(_ on: Bool) {
        pv_limit_vector_kernels(on ? 1 : 2)
    }

    /// The integer product's kernel on this CPU: `portable`, `avx2`, `avx512-vnni` or `avx-vnni`.
    static var integerKernelName: String {
        switch pv_int8_kernel() {
        case 1: "avx2"
        case 2: "avx512-vnni"
        case 3: "avx-vnni"
        default: "portable"
        }
    }
}
