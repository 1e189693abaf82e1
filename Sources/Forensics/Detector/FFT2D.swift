import Foundation

/// An in-place radix-2 complex FFT for square power-of-two grids, with tables built once per size.
struct FFT2D: Sendable {
    /// Side length (a power of two, at least 2).
    let size: Int
    private let log2Size: Int
    private let cosines: [Float]
    private let sines: [Float]
    private let bitReversed: [Int]

    init(size: Int) {
        precondition(size >= 2 && size & (size - 1) == 0, "FFT size must be a power of two")
        self.size = size
        var bits = 0
        while 1 << bits < size { bits += 1 }
        self.log2Size = bits
        let half = size / 2
        var cosines = [Float](repeating: 0, count: half)
        var sines = [Float](repeating: 0, count: half)
        for i in 0..<half {
            let angle = -2.0 * Double.pi * Double(i) / Double(size)
            cosines[i] = Float(cos(angle))
            sines[i] = Float(sin(angle))
        }
        self.cosines = cosines
        self.sines = sines
        self.bitReversed = (0..<size).map { index in
            var reversed = 0
            for bit in 0..<bits where index & (1 << bit) != 0 { reversed |= 1 << (bits - 1 - bit) }
            return reversed
        }
    }

    /// Forward transform of the rows of `real`/`imag` (`size × size`, row-major), then of the columns.
    func transform(real: inout [Float], imag: inout [Float]) {
        precondition(real.count == size * size && imag.count == size * size, "FFT buffer size mismatch")
        transformRows(real: &real, imag: &imag)
        transpose(&real)
        transpose(&imag)
        transformRows(real: &real, imag: &imag)
        transpose(&real)
        transpose(&imag)
    }

    private func transpose(_ data: inout [Float]) {
        let n = size
        data.withUnsafeMutableBufferPointer { buffer in
            for i in 0..<n {
                for j in (i + 1)..<n {
                    let a = i * n + j
                    let b = j * n + i
                    let temporary = buffer[a]
                    buffer[a] = buffer[b]
                    buffer[b] = temporary
                }
            }
        }
    }

    private func transformRows(real: inout [Float], imag: inout [Float]) {
        let n = size
        real.withUnsafeMutableBufferPointer { re in
            imag.withUnsafeMutableBufferPointer { im in
                for row in 0..<n { transform1D(re, im, base: row * n) }
            }
        }
    }

    /// In-place 1-D transform of `size` values starting at `base`.
    private func transform1D(_ re: UnsafeMutableBufferPointer<Float>, _ im: UnsafeMutableBufferPointer<Float>, base: Int) {
        let n = size
        cosines.withUnsafeBufferPointer { cosTable in
            sines.withUnsafeBufferPointer { sinTable in
                bitReversed.withUnsafeBufferPointer { order in
                    for i in 0..<n {
                        let j = order[i]
                        if j > i {
                            re.swapAt(base + i, base + j)
                            im.swapAt(base + i, base + j)
                        }
                    }
                    var length = 2
                    while length <= n {
                        let halfLength = length / 2
                        let stride = n / length
                        var start = 0
                        while start < n {
                            for k in 0..<halfLength {
                                let wr = cosTable[k * stride]
                                let wi = sinTable[k * stride]
                                let p = base + start + k
                                let q = p + halfLength
                                let tr = wr * re[q] - wi * im[q]
                                let ti = wr * im[q] + wi * re[q]
                                re[q] = re[p] - tr
                                im[q] = im[p] - ti
                                re[p] += tr
                                im[p] += ti
                            }
                            start += length
                        }
                        length *= 2
                    }
                }
            }
        }
    }

    /// The power spectrum `|F(u, v)|²` of a real `size × size` input (row-major), stored at
    /// `v * size + u`.
    ///
    /// Rows are transformed two at a time packed as one complex signal, and only the `size/2 + 1`
    /// non-redundant columns are transformed; the rest follows from `F(N−u, N−v) = conj F(u, v)`.
    func powerSpectrum(ofReal input: [Float]) -> [Double] {
        let n = size
        precondition(input.count == n * n, "FFT buffer size mismatch")
        let h = n / 2 + 1
        var rowRe = [Float](repeating: 0, count: n * h)
        var rowIm = [Float](repeating: 0, count: n * h)
        var power = [Double](repeating: 0, count: n * n)
        var re = [Float](repeating: 0, count: n)
        var im = [Float](repeating: 0, count: n)
        re.withUnsafeMutableBufferPointer { zr in
            im.withUnsafeMutableBufferPointer { zi in
                input.withUnsafeBufferPointer { x in
                    for r in stride(from: 0, to: n, by: 2) {
                        for i in 0..<n {
                            zr[i] = x[r * n + i]
                            zi[i] = x[(r + 1) * n + i]
                        }
                        transform1D(zr, zi, base: 0)
                        for k in 0..<h {
                            let m = (n - k) % n
                            // Z[k] and conj(Z[N-k]).
                            let ar = zr[k], ai = zi[k]
                            let br = zr[m], bi = -zi[m]
                            rowRe[r * h + k] = (ar + br) / 2
                            rowIm[r * h + k] = (ai + bi) / 2
                            // (Z[k] - conj Z[N-k]) / 2i
                            rowRe[(r + 1) * h + k] = (ai - bi) / 2
                            rowIm[(r + 1) * h + k] = -(ar - br) / 2
                        }
                    }
                }
                for k in 0..<h {
                    for v in 0..<n {
                        zr[v] = rowRe[v * h + k]
                        zi[v] = rowIm[v * h + k]
                    }
                    transform1D(zr, zi, base: 0)
                    for v in 0..<n {
                        let p = Double(zr[v]) * Double(zr[v]) + Double(zi[v]) * Double(zi[v])
                        power[v * n + k] = p
                        if k > 0 && k < n - k { power[((n - v) % n) * n + (n - k)] = p }
                    }
                }
            }
        }
        return power
    }
}
