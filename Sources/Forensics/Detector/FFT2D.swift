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

    /// Radix-2 butterflies applied to `rows` rows of `lanes` complex values at once: lane `c` of
    /// every row forms an independent length-`rows` signal (`rows == size`), already in
    /// bit-reversed row order. Each lane sees exactly the operations, in the same order, that
    /// ``transform1D(_:_:base:)`` applies to one signal, so results are bit-identical; the inner
    /// loop runs over contiguous lanes and vectorises.
    private func transformLanes(_ re: UnsafeMutablePointer<Float>, _ im: UnsafeMutablePointer<Float>, lanes: Int) {
        let n = size
        cosines.withUnsafeBufferPointer { cosTable in
            sines.withUnsafeBufferPointer { sinTable in
                var length = 2
                while length <= n {
                    let halfLength = length / 2
                    let stride = n / length
                    var start = 0
                    while start < n {
                        for k in 0..<halfLength {
                            let wr = cosTable[k * stride]
                            let wi = sinTable[k * stride]
                            let pr = re + (start + k) * lanes
                            let pi = im + (start + k) * lanes
                            let qr = pr + halfLength * lanes
                            let qi = pi + halfLength * lanes
                            for c in 0..<lanes {
                                let tr = wr * qr[c] - wi * qi[c]
                                let ti = wr * qi[c] + wi * qr[c]
                                qr[c] = pr[c] - tr
                                qi[c] = pi[c] - ti
                                pr[c] += tr
                                pi[c] += ti
                            }
                        }
                        start += length
                    }
                    length *= 2
                }
            }
        }
    }

    /// The non-redundant half `u = 0...size/2` of ``powerSpectrum(ofReal:)``, stored at
    /// `v * (size/2 + 1) + u`; the other half is `P(N−u, N−v) = P(u, v)`.
    ///
    /// Same arithmetic as ``powerSpectrum(ofReal:)`` value for value (rows packed two at a time as
    /// one complex signal, then the columns), but both passes transform all signals together
    /// with ``transformLanes(_:_:lanes:)`` instead of one strided signal at a time.
    func halfPowerSpectrum(ofReal input: UnsafeBufferPointer<Float>) -> [Double] {
        let n = size
        let h = n / 2 + 1
        let pairs = n / 2
        precondition(input.count >= n * n, "FFT buffer size mismatch")
        // Row pass: row position i (bit-reversed) holds sample i of every row pair, lane m = rows 2m, 2m+1.
        let zr = UnsafeMutablePointer<Float>.allocate(capacity: n * pairs)
        let zi = UnsafeMutablePointer<Float>.allocate(capacity: n * pairs)
        // Column pass: row position order[y] holds the row spectrum of image row y, lanes k = 0..<h.
        let cr = UnsafeMutablePointer<Float>.allocate(capacity: n * h)
        let ci = UnsafeMutablePointer<Float>.allocate(capacity: n * h)
        defer {
            zr.deallocate()
            zi.deallocate()
            cr.deallocate()
            ci.deallocate()
        }
        var power = [Double](repeating: 0, count: n * h)
        bitReversed.withUnsafeBufferPointer { order in
            // Transposing copy in 8 × 8 blocks (row position i, lane m), then the bit-reversal
            // permutation as swaps of whole rows.
            guard let source = input.baseAddress else { return }
            let block = 8
            for i0 in stride(from: 0, to: n, by: block) {
                for m0 in stride(from: 0, to: pairs, by: block) {
                    for i in i0..<(i0 + block) {
                        let targetRe = zr + i * pairs
                        let targetIm = zi + i * pairs
                        for m in m0..<(m0 + block) {
                            targetRe[m] = source[2 * m * n + i]
                            targetIm[m] = source[(2 * m + 1) * n + i]
                        }
                    }
                }
            }
            let scratch = UnsafeMutablePointer<Float>.allocate(capacity: pairs)
            defer { scratch.deallocate() }
            for i in 0..<n where order[i] > i {
                for rows in [zr, zi] {
                    let a = rows + i * pairs
                    let b = rows + order[i] * pairs
                    scratch.update(from: a, count: pairs)
                    a.update(from: b, count: pairs)
                    b.update(from: scratch, count: pairs)
                }
            }
            transformLanes(zr, zi, lanes: pairs)
            for k0 in stride(from: 0, to: h, by: 16) {
              for m in 0..<pairs {
                for k in k0..<min(h, k0 + 16) {
                    let mirror = (n - k) % n
                    let a = k * pairs
                    let b = mirror * pairs
                    // Z[k] and conj(Z[N-k]).
                    let ar = zr[a + m], ai = zi[a + m]
                    let br = zr[b + m], bi = -zi[b + m]
                    let evenRow = order[2 * m] * h + k
                    let oddRow = order[2 * m + 1] * h + k
                    cr[evenRow] = (ar + br) / 2
                    ci[evenRow] = (ai + bi) / 2
                    // (Z[k] - conj Z[N-k]) / 2i
                    cr[oddRow] = (ai - bi) / 2
                    ci[oddRow] = -(ar - br) / 2
                }
              }
            }
        }
        transformLanes(cr, ci, lanes: h)
        power.withUnsafeMutableBufferPointer { out in
            for i in 0..<(n * h) {
                out[i] = Double(cr[i]) * Double(cr[i]) + Double(ci[i]) * Double(ci[i])
            }
        }
        return power
    }
}
