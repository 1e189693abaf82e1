import Foundation

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
public struct ResidualSpectrumAccumulator: Sendable {
    /// Radial bins.
    public let bins: Int
    /// Spectrum side length chosen from the first tile added (0 until then).
    private(set) var size = 0
    private var fft: FFT2D?
    /// Accumulated normalised power of the non-redundant half `u = 0...size/2`, at
    /// `v * (size/2 + 1) + u` (the other half mirrors it: `P(N−u, N−v) = P(u, v)`).
    private var power: [Double] = []
    private var window: [Float] = []
    private var tileCount = 0

    /// Smallest transform size; smaller tiles contribute nothing.
    public static let minimumSize = 16

    /// Creates an empty accumulator with `bins` radial bins.
    public init(bins: Int) {
        precondition(bins >= 1, "at least one radial bin")
        self.bins = bins
    }

    /// Number of features: radial bins plus eight peak ratios.
    public var dimension: Int { bins + 8 }

    /// The largest power of two not above `value`.
    static func powerOfTwo(atMost value: Int) -> Int {
        var result = 1
        while result * 2 <= value { result *= 2 }
        return result
    }

    /// Adds the spectrum of the tile's top-left square.
    public mutating func add(_ plane: LumaPlane, tile: TileRect) {
        let n = Self.powerOfTwo(atMost: min(tile.width, tile.height))
        guard n >= Self.minimumSize, tile.x >= 0, tile.y >= 0,
            tile.x + n <= plane.width, tile.y + n <= plane.height
        else { return }
        if size == 0 {
            size = n
            fft = FFT2D(size: n)
            power = [Double](repeating: 0, count: n * (n / 2 + 1))
            window = (0..<n).map { Float(0.5 - 0.5 * cos(2 * Double.pi * Double($0) / Double(n))) }
        }
        // All tiles of one image have the same size; a different one is skipped.
        guard n == size, let fft else { return }
        let w = plane.width
        let residual = UnsafeMutablePointer<Float>.allocate(capacity: n * n)
        defer { residual.deallocate() }
        plane.values.withUnsafeBufferPointer { pixels in
            window.withUnsafeBufferPointer { window in
                for y in 0..<n {
                    let row = (tile.y + y) * w + tile.x
                    let up = (tile.y + max(0, y - 1)) * w + tile.x
                    let down = (tile.y + min(n - 1, y + 1)) * w + tile.x
                    let wy = window[y]
                    let out = residual + y * n
                    // Same expression and evaluation order as the definition; only the edge
                    // columns need the replicated neighbour.
                    func value(_ x: Int, _ left: Int, _ right: Int) -> Float {
                        let centre = Float(pixels[row + x])
                        let r = 4 * centre - Float(pixels[row + left]) - Float(pixels[row + right])
                            - Float(pixels[up + x]) - Float(pixels[down + x])
                        return r * window[x] * wy
                    }
                    out[0] = value(0, 0, min(n - 1, 1))
                    // Interior columns eight at a time (exact: byte → Float conversions and the
                    // same operations per lane).
                    guard let base = pixels.baseAddress, let windowBase = window.baseAddress else { continue }
                    let centreRow = UnsafeRawPointer(base + row)
                    let upRow = UnsafeRawPointer(base + up)
                    let downRow = UnsafeRawPointer(base + down)
                    let windowRow = UnsafeRawPointer(windowBase)
                    let wyv = SIMD8<Float>(repeating: wy)
                    var x = 1
                    while x + 8 <= n - 1 {
                        func load(_ pointer: UnsafeRawPointer, _ offset: Int) -> SIMD8<Float> {
                            SIMD8<Float>(SIMD8<Int32>(truncatingIfNeeded: pointer.loadUnaligned(fromByteOffset: offset, as: SIMD8<UInt8>.self)))
                        }
                        let r = 4 * load(centreRow, x) - load(centreRow, x - 1) - load(centreRow, x + 1)
                            - load(upRow, x) - load(downRow, x)
                        let windowed = r * windowRow.loadUnaligned(fromByteOffset: 4 * x, as: SIMD8<Float>.self) * wyv
                        UnsafeMutableRawPointer(out).storeBytes(of: windowed, toByteOffset: 4 * x, as: SIMD8<Float>.self)
                        x += 8
                    }
                    while x < n - 1 {
                        out[x] = value(x, x - 1, x + 1)
                        x += 1
                    }
                    out[n - 1] = value(n - 1, n - 2, n - 1)
                }
            }
        }
        let tilePower = fft.halfPowerSpectrum(ofReal: UnsafeBufferPointer(start: residual, count: n * n))
        let h = n / 2 + 1
        // Total over the full spectrum: columns 1..<n/2 also stand for their mirror images.
        var total = 0.0
        tilePower.withUnsafeBufferPointer { p in
            for v in 0..<n {
                let row = v * h
                total += p[row] + p[row + h - 1]
                var inner = 0.0
                for u in 1..<(h - 1) { inner += p[row + u] }
                total += 2 * inner
            }
        }
        guard total > 0 else { return }
        power.withUnsafeMutableBufferPointer { accumulated in
            tilePower.withUnsafeBufferPointer { p in
                for i in 0..<(n * h) { accumulated[i] += p[i] / total }
            }
        }
        tileCount += 1
    }

    /// The features (all zero when no tile was large enough).
    public func features() -> [Double] {
        var result = [Double](repeating: 0, count: dimension)
        guard tileCount > 0, size > 0 else { return result }
        let n = size
        let epsilon = 1e-12
        // Radial profile.
        var sums = [Double](repeating: 0, count: bins)
        var counts = [Int](repeating: 0, count: bins)
        let h = n / 2 + 1
        for v in 0..<n {
            let fv = v <= n / 2 ? v : v - n
            for u in 0..<h {
                // (u, v) and its mirror (N−u, N−v) have the same radius and power.
                let multiplicity = u > 0 && u < n / 2 ? 2 : 1
                let radius = (Double(u * u + fv * fv)).squareRoot() / Double(n / 2)
                guard radius < 1 else { continue }
                let bin = min(bins - 1, Int(radius * Double(bins)))
                sums[bin] += Double(multiplicity) * power[v * h + u]
                counts[bin] += multiplicity
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
            let uu = (u % n + n) % n
            let vv = (v % n + n) % n
            if uu < h { return power[vv * h + uu] }
            return power[((n - vv) % n) * h + (n - uu)]
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
