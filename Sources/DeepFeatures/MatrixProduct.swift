internal import COpenBLAS

/// Row-major single-precision matrix products through OpenBLAS's `cblas_sgemm`.
enum MatrixProduct {
    /// `c[m×n] = alpha · a[m×k] · b` where `b` is [k×n] (or [n×k] when `transposeB`), all row-major
    /// with the given leading dimensions; `beta` scales the previous contents of `c`.
    static func multiply(
        m: Int, n: Int, k: Int,
        a: UnsafePointer<Float>, lda: Int,
        b: UnsafePointer<Float>, ldb: Int, transposeB: Bool = false,
        c: UnsafeMutablePointer<Float>, ldc: Int,
        alpha: Float = 1, beta: Float = 0
    ) {
        cblas_sgemm(
            CblasRowMajor, CblasNoTrans, transposeB ? CblasTrans : CblasNoTrans,
            blasint(m), blasint(n), blasint(k), alpha, a, blasint(lda), b, blasint(ldb), beta, c, blasint(ldc))
    }

    /// Makes OpenBLAS use `count` threads per product. The deep stage runs one image per thread and
    /// parallelises across images (`scan --jobs`), so the encoder sets 1.
    static func setThreads(_ count: Int) {
        openblas_set_num_threads(Int32(count))
    }
}
