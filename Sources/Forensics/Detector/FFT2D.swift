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
                cosines.withUnsafeBufferPointer { cosTable in
                    sines.withUnsafeBufferPointer { sinTable in
                        bitReversed.withUnsafeBufferPointer { order in
                            for row in 0..<n {
                                let base = row * n
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
            }
        }
    }
}
