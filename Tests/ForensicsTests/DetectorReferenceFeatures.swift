import Foundation

@testable import Forensics

// The feature code of model provenant-detector-v1 as it was before the speed optimisations
// (whole-image luma plane, per-axis code buffers, complex FFT columns), kept verbatim as the
// reference that the optimised extractor must reproduce.

/// Reference extractor: the pre-optimisation `FeatureExtractor.features(luma:)`.
enum ReferenceFeatureExtractor {
    static func features(rgb: [UInt8], width: Int, height: Int, spec: FeatureSpec) -> FeatureVector {
        let plane = LumaPlane(rgb: rgb, width: width, height: height)
        let tiles = TileGrid.tiles(width: plane.width, height: plane.height, tileSize: spec.tileSize, maxTiles: spec.maxTiles)
        var values: [Double] = []
        for family in spec.families {
            switch family {
            case .spamLuma:
                var spam = ReferenceSPAM(threshold: spec.spamThreshold)
                for tile in tiles { spam.add(plane, tile: tile) }
                values += spam.features()
            case .residualSpectrum:
                var spectrum = ReferenceSpectrum(bins: spec.spectrumBins)
                for tile in TileGrid.spread(tiles, count: spec.spectrumTiles) { spectrum.add(plane, tile: tile) }
                values += spectrum.features()
            default:
                continue
            }
        }
        return FeatureVector(values: values, tiles: tiles.count)
    }
}

/// Second-order SPAM features (subtractive pixel adjacency matrix, Pevný, Bas and Fridrich 2010).
///
/// For each of eight directions, neighbouring-pixel differences are truncated to `-T...T` and the
/// second-order Markov transition probabilities `P(d₃ | d₁, d₂)` of consecutive differences along
/// that direction are estimated. The four straight directions (→ ← ↓ ↑) are averaged into one
/// group and the four diagonal ones into another, giving `2·(2T+1)³` features.
///
/// Counts are pooled over all tiles before normalising, so small tiles weigh in proportion to
/// their pixel count. Opposite directions are derived from the same counts: a triple
/// `(a, b, c)` read forwards is the triple `(−c, −b, −a)` read backwards.
struct ReferenceSPAM: Sendable {
    /// Truncation threshold `T`.
    let threshold: Int
    /// Number of difference values, `2T + 1`.
    let levels: Int
    /// Triple counts per axis: horizontal, vertical, main diagonal (↘), anti-diagonal (↙).
    var counts: [[UInt32]]

    /// Creates an empty accumulator for truncation threshold `T` (1...4).
    init(threshold: Int) {
        precondition((1...4).contains(threshold), "SPAM threshold must be 1...4")
        self.threshold = threshold
        self.levels = 2 * threshold + 1
        let cube = levels * levels * levels
        self.counts = Array(repeating: [UInt32](repeating: 0, count: cube), count: 4)
    }

    /// The feature count, `2·(2T+1)³`.
    var dimension: Int { 2 * levels * levels * levels }

    /// Adds the transitions inside `tile` of `plane`.
    ///
    /// Per axis, the truncated difference code of every pixel is computed once into a tile-sized
    /// buffer; a triple at `p` is then the codes at `p`, `p+s` and `p+2s`.
    mutating func add(_ plane: LumaPlane, tile: TileRect) {
        let axes: [(dx: Int, dy: Int)] = [(1, 0), (0, 1), (1, 1), (-1, 1)]
        let t = threshold
        let k = levels
        let w = plane.width
        let tw = tile.width
        let th = tile.height
        guard tw > 0, th > 0 else { return }
        var codes = [UInt8](repeating: 0, count: tw * th)
        plane.values.withUnsafeBufferPointer { pixels in
            codes.withUnsafeMutableBufferPointer { code in
                for (axis, step) in axes.enumerated() {
                    // Differences exist where p+s is inside the tile (tile-local coordinates).
                    let dxStart = step.dx < 0 ? 1 : 0
                    let dxEnd = step.dx > 0 ? tw - 1 : tw
                    let dyEnd = th - step.dy
                    guard dxEnd > dxStart, dyEnd > 0 else { continue }
                    let imageOffset = step.dy * w + step.dx
                    for y in 0..<dyEnd {
                        let imageRow = (tile.y + y) * w + tile.x
                        let codeRow = y * tw
                        for x in dxStart..<dxEnd {
                            let p = imageRow + x
                            let difference = Int(pixels[p]) - Int(pixels[p + imageOffset])
                            code[codeRow + x] = UInt8(truncatingIfNeeded: min(t, max(-t, difference)) + t)
                        }
                    }
                    // Triples need p, p+s, p+2s, p+3s inside the tile.
                    let xStart = step.dx < 0 ? 3 : 0
                    let xEnd = step.dx > 0 ? tw - 3 : tw
                    let yEnd = th - 3 * step.dy
                    guard xEnd > xStart, yEnd > 0 else { continue }
                    let offset = step.dy * tw + step.dx
                    counts[axis].withUnsafeMutableBufferPointer { table in
                        for y in 0..<yEnd {
                            let row = y * tw
                            for x in xStart..<xEnd {
                                let p = row + x
                                let index = (Int(code[p]) * k + Int(code[p + offset])) * k + Int(code[p + 2 * offset])
                                table[index] &+= 1
                            }
                        }
                    }
                }
            }
        }
    }

    /// Conditional transition probabilities of one direction from triple counts.
    private func transitions(_ table: [UInt32], reversed: Bool) -> [Double] {
        let k = levels
        var result = [Double](repeating: 0, count: k * k * k)
        for a in 0..<k {
            for b in 0..<k {
                var total: UInt64 = 0
                for c in 0..<k { total += UInt64(count(table, a, b, c, reversed: reversed)) }
                guard total > 0 else { continue }
                for c in 0..<k {
                    result[(a * k + b) * k + c] = Double(count(table, a, b, c, reversed: reversed)) / Double(total)
                }
            }
        }
        return result
    }

    /// Count of the triple `(a, b, c)`, read forwards or backwards along the axis.
    private func count(_ table: [UInt32], _ a: Int, _ b: Int, _ c: Int, reversed: Bool) -> UInt32 {
        let k = levels
        if !reversed { return table[(a * k + b) * k + c] }
        // Backwards, difference v becomes -v (index k-1-i) and the order flips.
        return table[((k - 1 - c) * k + (k - 1 - b)) * k + (k - 1 - a)]
    }

    /// The straight-group features followed by the diagonal-group features.
    func features() -> [Double] {
        let cube = levels * levels * levels
        var result = [Double](repeating: 0, count: 2 * cube)
        for group in 0..<2 {
            for axis in [2 * group, 2 * group + 1] {
                for reversed in [false, true] {
                    let part = transitions(counts[axis], reversed: reversed)
                    for i in 0..<cube { result[group * cube + i] += part[i] / 4 }
                }
            }
        }
        return result
    }
}


/// An in-place radix-2 complex FFT for square power-of-two grids, with tables built once per size.
struct ReferenceFFT2D: Sendable {
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


/// Spectral features of a high-pass (Laplacian) residual of luma.
///
/// For each tile, the largest power-of-two square in its top-left corner is high-pass filtered
/// with the 4-neighbour Laplacian (edges replicated), Hann-windowed and transformed; the power
/// spectrum, normalised to unit total power, is averaged over tiles. Features:
/// - the radial profile: `bins` equal-width bins of normalised radius `√(u²+v²)/(N/2)` in `0..<1`,
///   each the log of the bin's mean power relative to the mean over all bins;
/// - peak ratios at the periods 8, 4, 8/3 and 2 pixels (frequencies `N/8, N/4, 3N/8, N/2`), where
///   decoder up-sampling leaves peaks: the log ratio of the power at the peak to the mean power of
///   its eight neighbours three bins away, once on the axes (`(k,0)` and `(0,k)` averaged) and
///   once on the diagonal `(k,k)`.
struct ReferenceSpectrum: Sendable {
    /// Radial bins.
    let bins: Int
    /// Spectrum side length chosen from the first tile added (0 until then).
    private(set) var size = 0
    private var fft: ReferenceFFT2D?
    private var power: [Double] = []
    private var tileCount = 0

    /// Smallest transform size; smaller tiles contribute nothing.
    static let minimumSize = 16

    /// Creates an empty accumulator with `bins` radial bins.
    init(bins: Int) {
        precondition(bins >= 1, "at least one radial bin")
        self.bins = bins
    }

    /// Number of features: radial bins plus eight peak ratios.
    var dimension: Int { bins + 8 }

    /// The largest power of two not above `value`.
    static func powerOfTwo(atMost value: Int) -> Int {
        var result = 1
        while result * 2 <= value { result *= 2 }
        return result
    }

    /// Adds the spectrum of the tile's top-left square.
    mutating func add(_ plane: LumaPlane, tile: TileRect) {
        let n = Self.powerOfTwo(atMost: min(tile.width, tile.height))
        guard n >= Self.minimumSize else { return }
        if size == 0 {
            size = n
            fft = ReferenceFFT2D(size: n)
            power = [Double](repeating: 0, count: n * n)
        }
        // All tiles of one image have the same size; a different one is skipped.
        guard n == size, let fft else { return }
        var real = [Float](repeating: 0, count: n * n)
        var window = [Float](repeating: 0, count: n)
        for i in 0..<n { window[i] = Float(0.5 - 0.5 * cos(2 * Double.pi * Double(i) / Double(n))) }
        let w = plane.width
        plane.values.withUnsafeBufferPointer { pixels in
            real.withUnsafeMutableBufferPointer { out in
                for y in 0..<n {
                    let row = (tile.y + y) * w + tile.x
                    let up = (tile.y + max(0, y - 1)) * w + tile.x
                    let down = (tile.y + min(n - 1, y + 1)) * w + tile.x
                    let wy = window[y]
                    for x in 0..<n {
                        let left = max(0, x - 1)
                        let right = min(n - 1, x + 1)
                        let centre = Float(pixels[row + x])
                        let residual = 4 * centre - Float(pixels[row + left]) - Float(pixels[row + right])
                            - Float(pixels[up + x]) - Float(pixels[down + x])
                        out[y * n + x] = residual * window[x] * wy
                    }
                }
            }
        }
        let tilePower = fft.powerSpectrum(ofReal: real)
        var total = 0.0
        for p in tilePower { total += p }
        guard total > 0 else { return }
        for i in 0..<(n * n) { power[i] += tilePower[i] / total }
        tileCount += 1
    }

    /// The features (all zero when no tile was large enough).
    func features() -> [Double] {
        var result = [Double](repeating: 0, count: dimension)
        guard tileCount > 0, size > 0 else { return result }
        let n = size
        let epsilon = 1e-12
        // Radial profile.
        var sums = [Double](repeating: 0, count: bins)
        var counts = [Int](repeating: 0, count: bins)
        for v in 0..<n {
            let fv = v <= n / 2 ? v : v - n
            for u in 0..<n {
                let fu = u <= n / 2 ? u : u - n
                let radius = (Double(fu * fu + fv * fv)).squareRoot() / Double(n / 2)
                guard radius < 1 else { continue }
                let bin = min(bins - 1, Int(radius * Double(bins)))
                sums[bin] += power[v * n + u]
                counts[bin] += 1
            }
        }
        var means = [Double](repeating: 0, count: bins)
        var overall = 0.0
        var used = 0
        for b in 0..<bins where counts[b] > 0 {
            means[b] = sums[b] / Double(counts[b])
            overall += means[b]
            used += 1
        }
        let average = used > 0 ? overall / Double(used) : 0
        for b in 0..<bins where counts[b] > 0 {
            result[b] = log((means[b] + epsilon) / (average + epsilon))
        }
        // Peak ratios.
        func at(_ u: Int, _ v: Int) -> Double {
            power[((v % n + n) % n) * n + ((u % n + n) % n)]
        }
        func ratio(_ u: Int, _ v: Int) -> Double {
            let d = 3
            var background = 0.0
            for (du, dv) in [(d, 0), (-d, 0), (0, d), (0, -d), (d, d), (d, -d), (-d, d), (-d, -d)] {
                background += at(u + du, v + dv)
            }
            return log((at(u, v) + epsilon) / (background / 8 + epsilon))
        }
        let frequencies = [n / 8, n / 4, 3 * n / 8, n / 2]
        for (index, k) in frequencies.enumerated() {
            result[bins + index] = (ratio(k, 0) + ratio(0, k)) / 2
            result[bins + 4 + index] = ratio(k, k)
        }
        return result
    }
}
