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
///
/// The code path was optimised without changing any count (see `DetectorReferenceFeatures` in the
/// tests, which keeps the original implementation and checks equality).
public struct SPAMAccumulator: Sendable {
    /// Truncation threshold `T`.
    public let threshold: Int
    /// Number of difference values, `2T + 1`.
    let levels: Int
    /// Triple counts per axis: horizontal, vertical, main diagonal (↘), anti-diagonal (↙).
    var counts: [[UInt32]]

    /// Creates an empty accumulator for truncation threshold `T` (1...4).
    public init(threshold: Int) {
        precondition((1...4).contains(threshold), "SPAM threshold must be 1...4")
        self.threshold = threshold
        self.levels = 2 * threshold + 1
        let cube = levels * levels * levels
        self.counts = Array(repeating: [UInt32](repeating: 0, count: cube), count: 4)
    }

    /// The feature count, `2·(2T+1)³`.
    public var dimension: Int { 2 * levels * levels * levels }

    /// Adds the transitions inside `tile` of `plane` (a tile not inside the plane adds nothing).
    public mutating func add(_ plane: LumaPlane, tile: TileRect) {
        let tw = tile.width
        let th = tile.height
        guard tw > 0, th > 0, tile.x >= 0, tile.y >= 0, tile.x + tw <= plane.width, tile.y + th <= plane.height
        else { return }
        if tile.x == 0, tile.y == 0, tw == plane.width, th == plane.height {
            plane.values.withUnsafeBufferPointer { addContiguous($0, width: tw, height: th) }
            return
        }
        let local = [UInt8](unsafeUninitializedCapacity: tw * th) { buffer, initialized in
            plane.values.withUnsafeBufferPointer { source in
                for y in 0..<th {
                    let from = (tile.y + y) * plane.width + tile.x
                    for x in 0..<tw { buffer[y * tw + x] = source[from + x] }
                }
            }
            initialized = tw * th
        }
        local.withUnsafeBufferPointer { addContiguous($0, width: tw, height: th) }
    }

    /// Adds the transitions of a contiguous row-major `width × height` tile.
    ///
    /// Per axis with step `s` (flat offset `o`), the truncated difference code of every flat
    /// position is computed in one pass (`code[i]` from pixels `i` and `i+o`), then the triple
    /// index of codes `i`, `i+o`, `i+2o` in a second pass; both loops are branch-free and
    /// vectorise. Codes that straddle a row end are computed but never read: the histogram pass
    /// only visits positions whose `p`, `p+s`, `p+2s`, `p+3s` all lie inside the tile, exactly as
    /// in the definition. The histogram uses four interleaved sub-tables so that runs of equal
    /// indices (flat image areas) do not serialise on one counter.
    /// `pixels.count` must be at least `width * height`.
    mutating func addContiguous(_ pixels: UnsafeBufferPointer<UInt8>, width tw: Int, height th: Int) {
        let n = tw * th
        guard tw > 0, th > 0, pixels.count >= n, let source = pixels.baseAddress else { return }
        let t = Int16(threshold)
        let k = UInt16(levels)
        let cube = levels * levels * levels
        let code = UnsafeMutablePointer<UInt8>.allocate(capacity: n)
        let index = UnsafeMutablePointer<UInt16>.allocate(capacity: n)
        let histogram = UnsafeMutablePointer<UInt32>.allocate(capacity: 4 * cube)
        defer {
            code.deallocate()
            index.deallocate()
            histogram.deallocate()
        }
        let axes: [(dx: Int, dy: Int)] = [(1, 0), (0, 1), (1, 1), (-1, 1)]
        for (axis, step) in axes.enumerated() {
            // Triples need p, p+s, p+2s, p+3s inside the tile.
            let xStart = step.dx < 0 ? 3 : 0
            let xEnd = step.dx > 0 ? tw - 3 : tw
            let yEnd = th - 3 * step.dy
            guard xEnd > xStart, yEnd > 0 else { continue }
            let o = step.dy * tw + step.dx
            let codeCount = n - o
            let indexCount = n - 3 * o
            guard indexCount > 0 else { continue }
            var i = 0
            let tv = SIMD16<Int16>(repeating: t)
            let raw = UnsafeRawPointer(source)
            let codeRaw = UnsafeMutableRawPointer(code)
            while i + 16 <= codeCount {
                let a = SIMD16<Int16>(truncatingIfNeeded: raw.loadUnaligned(fromByteOffset: i, as: SIMD16<UInt8>.self))
                let b = SIMD16<Int16>(truncatingIfNeeded: raw.loadUnaligned(fromByteOffset: i + o, as: SIMD16<UInt8>.self))
                let clamped = pointwiseMin(pointwiseMax(a &- b, SIMD16<Int16>.zero &- tv), tv) &+ tv
                codeRaw.storeBytes(of: SIMD16<UInt8>(truncatingIfNeeded: clamped), toByteOffset: i, as: SIMD16<UInt8>.self)
                i += 16
            }
            while i < codeCount {
                let difference = Int16(source[i]) &- Int16(source[i + o])
                code[i] = UInt8(truncatingIfNeeded: min(t, max(-t, difference)) &+ t)
                i += 1
            }
            i = 0
            let kv = SIMD16<UInt16>(repeating: k)
            let indexRaw = UnsafeMutableRawPointer(index)
            let codes = UnsafeRawPointer(code)
            while i + 16 <= indexCount {
                let c0 = SIMD16<UInt16>(truncatingIfNeeded: codes.loadUnaligned(fromByteOffset: i, as: SIMD16<UInt8>.self))
                let c1 = SIMD16<UInt16>(truncatingIfNeeded: codes.loadUnaligned(fromByteOffset: i + o, as: SIMD16<UInt8>.self))
                let c2 = SIMD16<UInt16>(truncatingIfNeeded: codes.loadUnaligned(fromByteOffset: i + 2 * o, as: SIMD16<UInt8>.self))
                indexRaw.storeBytes(of: (c0 &* kv &+ c1) &* kv &+ c2, toByteOffset: 2 * i, as: SIMD16<UInt16>.self)
                i += 16
            }
            while i < indexCount {
                index[i] = (UInt16(code[i]) &* k &+ UInt16(code[i + o])) &* k &+ UInt16(code[i + 2 * o])
                i += 1
            }
            histogram.initialize(repeating: 0, count: 4 * cube)
            let h1 = histogram + cube
            let h2 = histogram + 2 * cube
            let h3 = histogram + 3 * cube
            for y in 0..<yEnd {
                var p = y * tw + xStart
                let end = y * tw + xEnd
                while p + 4 <= end {
                    histogram[Int(index[p])] &+= 1
                    h1[Int(index[p + 1])] &+= 1
                    h2[Int(index[p + 2])] &+= 1
                    h3[Int(index[p + 3])] &+= 1
                    p += 4
                }
                while p < end {
                    histogram[Int(index[p])] &+= 1
                    p += 1
                }
            }
            counts[axis].withUnsafeMutableBufferPointer { table in
                for i in 0..<cube { table[i] &+= histogram[i] &+ h1[i] &+ h2[i] &+ h3[i] }
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
    public func features() -> [Double] {
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
