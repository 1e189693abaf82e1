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

    /// Adds the transitions inside `tile` of `plane`.
    ///
    /// Per axis, the truncated difference code of every pixel is computed once into a tile-sized
    /// buffer; a triple at `p` is then the codes at `p`, `p+s` and `p+2s`.
    public mutating func add(_ plane: LumaPlane, tile: TileRect) {
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
