/// The largest singular value (and its singular vectors) of a 4×4 block.
///
/// The `dwtDctSvd` method quantises the largest singular value of the block's orthonormal
/// DCT; an orthonormal transform keeps singular values, so the block itself is used.
/// Power iteration on AᵀA converges quickly here because LL blocks of the U channel are
/// dominated by their mean (a near rank-one matrix).
struct BlockSpectralNorm {
    /// The largest singular value.
    var value: Double
    /// The left singular vector (length 4).
    var left: (Double, Double, Double, Double)
    /// The right singular vector (length 4).
    var right: (Double, Double, Double, Double)

    /// Computes the decomposition of a row-major 4×4 matrix given as 16 values.
    init(_ a: UnsafeBufferPointer<Double>) {
        // B = AᵀA (symmetric 4×4).
        var b = (0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0)  // upper triangle b00 b01 b02 b03 b11 b12 b13 b22 b23 b33
        for r in 0..<4 {
            let a0 = a[r * 4], a1 = a[r * 4 + 1], a2 = a[r * 4 + 2], a3 = a[r * 4 + 3]
            b.0 += a0 * a0; b.1 += a0 * a1; b.2 += a0 * a2; b.3 += a0 * a3
            b.4 += a1 * a1; b.5 += a1 * a2; b.6 += a1 * a3
            b.7 += a2 * a2; b.8 += a2 * a3
            b.9 += a3 * a3
        }
        var v = (0.5, 0.5, 0.5, 0.5)
        var lambda = 0.0
        for _ in 0..<64 {
            let w0 = b.0 * v.0 + b.1 * v.1 + b.2 * v.2 + b.3 * v.3
            let w1 = b.1 * v.0 + b.4 * v.1 + b.5 * v.2 + b.6 * v.3
            let w2 = b.2 * v.0 + b.5 * v.1 + b.7 * v.2 + b.8 * v.3
            let w3 = b.3 * v.0 + b.6 * v.1 + b.8 * v.2 + b.9 * v.3
            let norm = (w0 * w0 + w1 * w1 + w2 * w2 + w3 * w3).squareRoot()
            guard norm > 0 else { break }
            let next = (w0 / norm, w1 / norm, w2 / norm, w3 / norm)
            let change = abs(next.0 - v.0) + abs(next.1 - v.1) + abs(next.2 - v.2) + abs(next.3 - v.3)
            v = next
            lambda = norm
            if change < 1e-13 { break }
        }
        let sigma = lambda.squareRoot()
        var u = (0.0, 0.0, 0.0, 0.0)
        if sigma > 0 {
            u.0 = (a[0] * v.0 + a[1] * v.1 + a[2] * v.2 + a[3] * v.3) / sigma
            u.1 = (a[4] * v.0 + a[5] * v.1 + a[6] * v.2 + a[7] * v.3) / sigma
            u.2 = (a[8] * v.0 + a[9] * v.1 + a[10] * v.2 + a[11] * v.3) / sigma
            u.3 = (a[12] * v.0 + a[13] * v.1 + a[14] * v.2 + a[15] * v.3) / sigma
        }
        value = sigma
        left = u
        right = v
    }
}
