internal import CInt8GEMM
internal import COpenBLAS

/// The matrix products of the forward pass, row-major.
///
/// On CPUs with AVX-512 VNNI the INT8 layers run through an integer kernel (exact int32 sums of
/// uint8 × int8, what onnxruntime's MatMulInteger computes) and the float products through an
/// AVX-512 FMA kernel (`Sources/CInt8GEMM`); elsewhere everything goes through OpenBLAS's
/// `cblas_sgemm`. (OpenBLAS 0.3.21 does not recognise every recent Intel core and may fall back
/// to its slowest kernels, which the integer path avoids.)
enum MatrixProduct {
    /// Whether the AVX-512 integer and float kernels can run on this CPU.
    static let fastKernelsAvailable: Bool = pv_int8_gemm_available() == 1

    /// `c[m×n] = a[m×k] · b[k×n]`, all row-major with the given leading dimensions.
    static func multiply(
        m: Int, n: Int, k: Int,
        a: UnsafePointer<Float>, lda: Int,
        b: UnsafePointer<Float>, ldb: Int,
        c: UnsafeMutablePointer<Float>, ldc: Int
    ) {
        if fastKernelsAvailable {
            pv_float_gemm(Int32(m), Int32(n), Int32(k), a, Int32(lda), b, Int32(ldb), c, Int32(ldc))
        } else {
            cblas_sgemm(
                CblasRowMajor, CblasNoTrans, CblasNoTrans, blasint(m), blasint(n), blasint(k), 1, a, blasint(lda), b,
                blasint(ldb), 0, c, blasint(ldc))
        }
    }

    /// `c[m×n] = a[m×k] · W` in int32 for uint8 `a` and a matrix packed by ``QuantizedMatrix``.
    /// Only valid when ``fastKernelsAvailable``.
    static func multiplyIntegers(
        m: Int, k: Int, a: UnsafePointer<UInt8>, packed: UnsafePointer<Int8>, n: Int, c: UnsafeMutablePointer<Int32>
    ) {
        pv_int8_gemm(a, Int32(m), Int32(k), Int32(k), packed, Int32(n), c, Int32(n))
    }

    /// Makes OpenBLAS use `count` threads per product. The deep stage runs one image per thread and
    /// parallelises across images (`scan --jobs`), so the encoder sets 1.
    static func setThreads(_ count: Int) {
        openblas_set_num_threads(Int32(count))
    }
}
