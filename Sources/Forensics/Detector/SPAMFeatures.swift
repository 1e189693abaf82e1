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
    public mutating func add(_ plane: LumaPlane, tile: TileRect) {
        let axes: [(dx: Int, dy: Int)] = [(1, 0), (0, 1), (1, 1), (-1, 1)]
        let t = threshold
        let k = levels
        let w = plane.width
        plane.values.withUnsafeBufferPointer { pixels in
            for (axis, step) in axes.enumerated() {
                // A triple at p needs p, p+s, p+2s, p+3s inside the tile.
                let span = 3
                let xStart = step.dx < 0 ? tile.x + span : tile.x
                let xEnd = step.dx > 0 ? tile.x + tile.width - span : tile.x + tile.width
                let yEnd = tile.y + tile.height - span * step.dy
                guard xEnd > xStart, yEnd > tile.y else { continue }
                let offset = step.dy * w + step.dx
                counts[axis].withUnsafeMutableBufferPointer { table in
                    for y in tile.y..<yEnd {
                        let row = y * w
                        for x in xStart..<xEnd {
                            let p = row + x
                            let p0 = Int(pixels[p])
                            let p1 = Int(pixels[p + offset])
                            let p2 = Int(pixels[p + 2 * offset])
                            let p3 = Int(pixels[p + 3 * offset])
                            let a = min(t, max(-t, p0 - p1)) + t
                            let b = min(t, max(-t, p1 - p2)) + t
                            let c = min(t, max(-t, p2 - p3)) + t
                            table[(a * k + b) * k + c] &+= 1
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
